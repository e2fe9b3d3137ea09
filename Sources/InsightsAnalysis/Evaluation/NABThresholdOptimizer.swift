/// One file of a NAB corpus: its windows and a detector's scores for its rows.
public struct NABScoredFile: Sendable {
    /// The file's windows and probationary period.
    public let labels: NABLabels
    /// One anomaly score per row.
    public let scores: [Double]

    /// Pairs `scores` with `labels`.
    /// - Precondition: `scores.count == labels.rowCount`.
    public init(labels: NABLabels, scores: [Double]) {
        precondition(scores.count == labels.rowCount, "one score per row")
        self.labels = labels
        self.scores = scores
    }
}

/// A corpus threshold and what it scores.
public struct NABThresholdChoice: Sendable, Equatable {
    /// The threshold (rows scoring at least this are detections).
    public let threshold: Double
    /// The corpus raw score at the threshold, summed file by file.
    public let rawScore: Double
    /// The normalised score (0 null detector, 100 perfect).
    public let normalizedScore: Double
}

/// NAB's corpus threshold optimisation (NAB v1.1 `sweeper.py`/`optimizer.py` as described
/// in its README §7): one threshold for all files, the one that maximises the corpus raw score.
public enum NABThresholdOptimizer {
    /// The threshold that maximises the sum of the files' raw scores under `profile`.
    ///
    /// All scored rows (after each file's probationary period) are sorted by score,
    /// highest first. The sweep starts at 1.1, where nothing is detected and the score is
    /// `-A_FN` per counted window, and lowers the threshold to each distinct score in turn;
    /// rows with equal scores become detections together. At each step the running total
    /// keeps, per window, the best detection value so far, and the sum of the false-positive
    /// values. The first (highest) threshold reaching the maximum wins.
    /// - Parameters:
    ///   - files: the corpus.
    ///   - profile: the cost weights.
    ///   - windowCount: windows for normalisation (every window in the windows file);
    ///     defaults to all windows of `files`.
    /// - Returns: the threshold, and the raw and normalised scores obtained by scoring
    ///   each file at it.
    /// - Complexity: O(R log R) for R scored rows.
    public static func optimize(_ files: [NABScoredFile], profile: NABProfile,
                                windowCount: Int? = nil) -> NABThresholdChoice {
        struct Row { let score: Double; let value: Double; let window: Int32 }
        var rows: [Row] = []
        rows.reserveCapacity(files.reduce(0) { $0 + $1.labels.rowCount })
        var windowOffset = 0
        var running = 0.0
        for file in files {
            let labels = file.labels
            for row in labels.probationaryRowCount..<labels.rowCount where !file.scores[row].isNaN {
                let window = labels.window(of: row).map { Int32($0 + windowOffset) } ?? -1
                rows.append(Row(score: file.scores[row], value: labels.detectionValue(row: row, profile: profile),
                                window: window))
            }
            windowOffset += labels.windows.count
            running -= profile.falseNegativeWeight * Double(labels.countedWindowCount)
        }
        rows.sort { $0.score > $1.score }
        var best = [Double?](repeating: nil, count: windowOffset)
        var bestThreshold = max(1.1, (rows.first?.score ?? 0).nextUp)
        var bestScore = running
        var index = 0
        while index < rows.count {
            let threshold = rows[index].score
            while index < rows.count, rows[index].score == threshold {
                let row = rows[index]
                if row.window >= 0 {
                    let window = Int(row.window)
                    if let current = best[window] {
                        if row.value > current {
                            running += row.value - current
                            best[window] = row.value
                        }
                    } else {
                        running += row.value + profile.falseNegativeWeight
                        best[window] = row.value
                    }
                } else {
                    running += row.value
                }
                index += 1
            }
            if running > bestScore {
                bestScore = running
                bestThreshold = threshold
            }
        }
        return choice(files, threshold: bestThreshold, profile: profile, windowCount: windowCount)
    }

    /// The corpus raw and normalised scores at a fixed `threshold`.
    public static func choice(_ files: [NABScoredFile], threshold: Double, profile: NABProfile,
                              windowCount: Int? = nil) -> NABThresholdChoice {
        let raw = files.reduce(0.0) {
            $0 + NABScorer.score($1.scores, labels: $1.labels, threshold: threshold, profile: profile).rawScore
        }
        let windows = windowCount ?? files.reduce(0) { $0 + $1.labels.windows.count }
        return NABThresholdChoice(threshold: threshold, rawScore: raw,
                                  normalizedScore: profile.normalized(rawScore: raw, windowCount: windows))
    }
}
