import InsightsAnalysis
import InsightsNumerics
import Testing
import TestSupport

/// The NAB scorer against the reference results in `../shared/data/nab/reference`
/// (NAB v1.1's own result files for the `numenta` and `windowedGaussian` detectors,
/// rescored on the 18-file subset by an independent scorer; see that folder's README).
struct NABScorerTests {
    static let detectors = ["numenta", "windowedGaussian"]

    static func profile(named name: String) -> NABProfile {
        NABProfile.all.first { $0.name == name }!
    }

    /// One reference detector's output for every file, with windows as row ranges.
    static func scoredFiles(_ detector: String) throws -> [String: NABScoredFile] {
        let windows = try NABReference.windows()
        var files: [String: NABScoredFile] = [:]
        for (file, fileWindows) in windows {
            let output = try NABReference.detectorOutput(detector, file: file)
            let ranges = try NABLabels.rowRanges(of: fileWindows, timestamps: output.timestamps)
            let labels = try NABLabels(rowCount: output.scores.count, windows: ranges)
            files[file] = NABScoredFile(labels: labels, scores: output.scores)
        }
        return files
    }

    /// The scaled sigmoid at the points the NAB README quotes (5 decimals there).
    @Test func scaledSigmoidMatchesNAB() {
        #expect(abs(NABLabels.sigmoid(-1) - 0.98661) < 5e-6)
        #expect(abs(NABLabels.sigmoid(0)) < 1e-15)
        #expect(abs(NABLabels.sigmoid(1) + 0.98661) < 5e-6)
        #expect(NABLabels.sigmoid(3.0001) == -1)
    }

    /// P = min(⌊0.15 N⌋, 750): 604 rows for the 4032-row artificial files, 750 for long files.
    @Test func probationaryPeriod() {
        #expect(NABLabels.probationaryPeriod(rowCount: 4032) == 604)
        #expect(NABLabels.probationaryPeriod(rowCount: 1882) == 282)
        #expect(NABLabels.probationaryPeriod(rowCount: 22695) == 750)
    }

    /// Windows read from the windows file cover exactly the rows NAB labelled 1.
    @Test(arguments: detectors) func windowsMatchTheLabelColumn(detector: String) throws {
        let windows = try NABReference.windows()
        #expect(windows.count == 18)
        for (file, fileWindows) in windows {
            let output = try NABReference.detectorOutput(detector, file: file)
            let ranges = try NABLabels.rowRanges(of: fileWindows, timestamps: output.timestamps)
            var inside = [Int](repeating: 0, count: output.timestamps.count)
            for range in ranges { for row in range { inside[row] = 1 } }
            #expect(inside == output.labels, "\(file)")
        }
    }

    /// Raw score (1e-9 absolute; the reference prints up to 16 digits) and exact TP/TN/FP/FN
    /// row counts per file, profile and detector at the reference thresholds.
    @Test(arguments: detectors) func fileScoresReproduceTheReference(detector: String) throws {
        let files = try Self.scoredFiles(detector)
        let references = try NABReference.fileScores().filter { $0.detector == detector }
        #expect(references.count == 54)
        for reference in references {
            let file = try #require(files[reference.file], "\(reference.file)")
            let score = NABScorer.score(file.scores, labels: file.labels, threshold: reference.threshold,
                                        profile: Self.profile(named: reference.profile))
            let context = "\(detector) \(reference.profile) \(reference.file)"
            #expect(abs(score.rawScore - reference.rawScore) < 1e-9, "\(context): \(score.rawScore) vs \(reference.rawScore)")
            #expect(score.truePositives == reference.tp, "\(context)")
            #expect(score.trueNegatives == reference.tn, "\(context)")
            #expect(score.falsePositives == reference.fp, "\(context)")
            #expect(score.falseNegatives == reference.fn, "\(context)")
            #expect(file.labels.rowCount == reference.total, "\(context)")
        }
    }

    /// Subset-optimised thresholds and normalised scores of the scoreboard. The scoreboard
    /// rounds scores to 2 decimals (tolerance 0.01 points) and thresholds to 12 significant
    /// digits (tolerance 1e-9).
    @Test(arguments: detectors, NABProfile.all)
    func subsetOptimisationReproducesTheScoreboard(detector: String, profile: NABProfile) throws {
        let board = try #require(try NABReference.subsetScoreboard()[detector])
        let files = try Self.scoredFiles(detector)
        let choice = NABThresholdOptimizer.optimize(files.keys.sorted().map { files[$0]! }, profile: profile)
        let expectedScore = try #require(board["\(profile.name)__subset_optimized"])
        let expectedThreshold = try #require(board["\(profile.name)__subset_threshold"])
        #expect(abs(choice.normalizedScore - expectedScore) < 0.01, "\(choice.normalizedScore) vs \(expectedScore)")
        #expect(abs(choice.threshold - expectedThreshold) < 1e-9, "\(choice.threshold) vs \(expectedThreshold)")
    }

    /// The sweep's running total agrees with scoring every file at each candidate threshold
    /// (a naive reference), on a small corpus with ties, two windows and false positives.
    @Test func sweepAgreesWithExhaustiveScoring() throws {
        var generator = SplitMix64(seed: 7)
        var files: [NABScoredFile] = []
        for rows in [40, 57, 100] {
            let windows = rows == 57 ? [] : [20...24, 30...(30 + rows / 10)]
            let labels = try NABLabels(rowCount: rows, windows: windows)
            // Scores on a coarse grid so that many rows tie.
            let scores = (0..<rows).map { _ in Double(generator.next() % 20) / 20 }
            files.append(NABScoredFile(labels: labels, scores: scores))
        }
        for profile in NABProfile.all {
            let choice = NABThresholdOptimizer.optimize(files, profile: profile)
            let candidates = [1.1] + Set(files.flatMap(\.scores)).sorted(by: >)
            var bestThreshold = 1.1, bestScore = -Double.infinity
            for threshold in candidates {
                let raw = NABThresholdOptimizer.choice(files, threshold: threshold, profile: profile).rawScore
                if raw > bestScore + 1e-12 { bestScore = raw; bestThreshold = threshold }
            }
            #expect(choice.threshold == bestThreshold, "\(profile.name)")
            #expect(abs(choice.rawScore - bestScore) < 1e-12, "\(profile.name)")
        }
    }
}
