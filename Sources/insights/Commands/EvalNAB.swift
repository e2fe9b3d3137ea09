import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsStorage

/// `insights eval nab`: the default streaming detector scored by the Numenta Anomaly Benchmark's rules.
struct EvalNAB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nab",
        abstract: "Score the default streaming detector on NAB data with NAB's rules.",
        discussion: """
            Runs the default detector (RecordSurpriseDetector) over every CSV file \
            (columns timestamp,value) under --data that the windows file names, by its path \
            relative to --data (e.g. realKnownCause/nyc_taxi.csv). Other CSV files are skipped \
            and counted on standard error. All three NAB profiles are computed; each gets the \
            threshold that maximises its corpus score, unless --threshold fixes one for all. \
            Scores are normalised to 0 (never detect) .. 100 (perfect). Rules: docs/STATISTICS.md.

            Exit codes: 0 success, 64 usage error (including an unreadable labels file or \
            directory), 65 data the evaluation cannot use (a bad row, a window that is not in \
            its file).
            """)

    enum ProfileOption: String, ExpressibleByArgument, CaseIterable {
        case standard
        case lowFP = "low_fp"
        case lowFN = "low_fn"

        var profile: NABProfile {
            switch self {
            case .standard: .standard
            case .lowFP: .rewardLowFalsePositiveRate
            case .lowFN: .rewardLowFalseNegativeRate
            }
        }
    }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(name: .long, help: ArgumentHelp("Directory of NAB data files.", valueName: "dir"))
    var data: String

    @Option(name: .long, help: ArgumentHelp("NAB windows file (combined_windows.json).", valueName: "file"))
    var labels: String

    @Option(name: .long, help: "Profile the table shows in detail: standard, low_fp or low_fn.")
    var profile: ProfileOption = .standard

    @Option(name: .long, help: ArgumentHelp("Fixed detection threshold for all profiles (default: optimised per profile).",
                                            valueName: "x"))
    var threshold: Double?

    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table

    /// JSON keys of the profiles, in NAB's order.
    static let keys = ["standard", "reward_low_fp", "reward_low_fn"]

    func validate() throws {
        if let threshold, !threshold.isFinite { throw ValidationError("--threshold must be a finite number") }
    }

    func run() throws {
        let corpus = try NABCorpus(directory: data, labelsPath: labels)
        if !corpus.unlabelledFiles.isEmpty {
            FileHandle.standardError.write(Data("insights: skipped \(corpus.unlabelledFiles.count) CSV files that \(labels) does not name\n".utf8))
        }
        let scored = corpus.files.map { file in
            var detector = RecordSurpriseDetector()
            let scores = zip(file.timestamps, file.values).map { detector.update(timestamp: $0, value: $1) }
            return NABScoredFile(labels: file.labels, scores: scores)
        }
        let choices = NABProfile.all.map { profile in
            if let threshold {
                NABThresholdOptimizer.choice(scored, threshold: threshold, profile: profile, windowCount: corpus.windowCount)
            } else {
                NABThresholdOptimizer.optimize(scored, profile: profile, windowCount: corpus.windowCount)
            }
        }
        let fileScores = scored.map { file in
            zip(NABProfile.all, choices).map { profile, choice in
                NABScorer.score(file.scores, labels: file.labels, threshold: choice.threshold, profile: profile)
            }
        }
        switch format {
        case .json:
            print(JSONWriter.render(.object(
                zip(Self.keys, choices).map { ($0, .number($1.normalizedScore)) }
                + [("thresholds", .object(zip(Self.keys, choices).map { ($0, .number($1.threshold)) })),
                   ("files", .array(zip(corpus.files, fileScores).map { file, scores in
                       .object([("file", .string(file.name))] + zip(Self.keys, scores).map { ($0, .number($1.rawScore)) })
                   }))])))
        case .table:
            print(table(corpus: corpus, choices: choices, fileScores: fileScores))
        }
    }

    private func table(corpus: NABCorpus, choices: [NABThresholdChoice], fileScores: [[NABFileScore]]) -> String {
        let shown = NABProfile.all.firstIndex(of: profile.profile)!
        var summary = [["profile", "threshold", "raw", "normalised"]]
        for (index, (profile, choice)) in zip(NABProfile.all, choices).enumerated() {
            summary.append([profile.name + (index == shown ? " *" : ""), String(format: "%.6f", choice.threshold),
                            String(format: "%.3f", choice.rawScore), String(format: "%.2f", choice.normalizedScore)])
        }
        var files = [["file", "windows", "detected", "FP rows", "raw " + NABProfile.all[shown].name]]
        for (file, scores) in zip(corpus.files, fileScores) {
            let score = scores[shown]
            files.append([file.name, String(file.labels.countedWindowCount), String(score.detectedWindows),
                          String(score.falsePositives), String(format: "%.3f", score.rawScore)])
        }
        return """
            NAB: \(corpus.files.count) files, \(corpus.windowCount) windows, RecordSurpriseDetector, \
            threshold \(threshold == nil ? "optimised per profile" : "fixed")
            \(TextTable.render(summary))

            per file at the \(NABProfile.all[shown].name) threshold (*):
            \(TextTable.render(files))
            """
    }
}
