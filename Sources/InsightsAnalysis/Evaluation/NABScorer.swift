/// The NAB score of one file at one threshold, with its row counts.
public struct NABFileScore: Sendable, Equatable {
    /// The raw score: for each counted window its earliest detection's value or -A_FN,
    /// plus the (negative) value of every false-positive row.
    public var rawScore: Double
    /// Detected rows inside windows, after the probationary period.
    public var truePositives: Int
    /// Undetected rows outside windows, after the probationary period.
    public var trueNegatives: Int
    /// Detected rows outside windows, after the probationary period.
    public var falsePositives: Int
    /// Undetected rows inside windows, after the probationary period.
    public var falseNegatives: Int
    /// Counted windows with at least one detection.
    public var detectedWindows: Int
    /// Counted windows without a detection.
    public var missedWindows: Int
}

/// Scores anomaly scores against NAB's windows (Lavin & Ahmad 2015, §4; NAB v1.1).
///
/// A row is a detection when its score is at least the threshold. Rows of the
/// probationary period count for nothing. See `NABLabels` for the value of each row.
public enum NABScorer {
    /// The raw NAB score and row counts of one file.
    /// - Parameters:
    ///   - scores: one anomaly score per row (`labels.rowCount` of them).
    ///   - labels: the file's windows and probationary period.
    ///   - threshold: rows scoring at least this are detections.
    ///   - profile: the cost weights.
    /// - Complexity: O(N).
    public static func score(_ scores: [Double], labels: NABLabels, threshold: Double,
                             profile: NABProfile) -> NABFileScore {
        precondition(scores.count == labels.rowCount, "one score per row")
        var result = NABFileScore(rawScore: 0, truePositives: 0, trueNegatives: 0, falsePositives: 0,
                                  falseNegatives: 0, detectedWindows: 0, missedWindows: 0)
        var best = [Double?](repeating: nil, count: labels.windows.count)
        var falsePositiveSum = 0.0
        for row in labels.probationaryRowCount..<labels.rowCount {
            let detected = scores[row] >= threshold
            if let window = labels.window(of: row) {
                if detected {
                    result.truePositives += 1
                    let value = labels.detectionValue(row: row, profile: profile)
                    if best[window].map({ value > $0 }) ?? true { best[window] = value }
                } else {
                    result.falseNegatives += 1
                }
            } else if detected {
                result.falsePositives += 1
                falsePositiveSum += labels.detectionValue(row: row, profile: profile)
            } else {
                result.trueNegatives += 1
            }
        }
        var windowSum = 0.0
        for window in labels.windows.indices where labels.isCounted(window: window) {
            if let value = best[window] {
                windowSum += value
                result.detectedWindows += 1
            } else {
                windowSum -= profile.falseNegativeWeight
                result.missedWindows += 1
            }
        }
        result.rawScore = windowSum + falsePositiveSum
        return result
    }
}
