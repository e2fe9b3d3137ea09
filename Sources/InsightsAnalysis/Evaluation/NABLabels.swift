#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem with the anomaly windows of one file.
public struct NABLabelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the window by its position (1-based) in the file's list.
    public let message: String
    /// The window's position (0-based) in the file's list.
    public let window: Int

    public var description: String { message }

    static func window(_ index: Int, _ detail: String) -> Self {
        .init(message: "window \(index + 1): \(detail)", window: index)
    }
}

/// One data file's place in a NAB evaluation: its length, its anomaly windows as row
/// ranges, its probationary period, and the value a detection earns on each row.
///
/// Rules (NAB v1.1 `scorer.py`, described in Lavin & Ahmad 2015 §4):
/// - the first `P = min(⌊0.15 N⌋, 750)` rows are probationary and never scored;
/// - a detection on row `i` inside window `[L, R]` of width `W` is worth
///   `A_TP σ(y) / σ(-1)` with `y = -(R - i + 1) / W` (exactly A_TP on the window's first row);
/// - a detection outside every window is worth `-A_FP` before the first window ends, and
///   `A_FP σ(y)` with `y = (i - R') / (W' - 1)` after a window `[L', R']` of width `W'`;
/// - `σ(y) = 2 / (1 + e^{5y}) - 1`, and `σ(y) = -1` for `y > 3`.
public struct NABLabels: Sendable {
    /// Rows in the file (N).
    public let rowCount: Int
    /// The anomaly windows as inclusive row ranges, in order and disjoint.
    public let windows: [ClosedRange<Int>]
    /// P: the number of leading rows that are not scored.
    public let probationaryRowCount: Int
    /// For each row, the window that holds it, or -1.
    let windowOfRow: [Int32]
    /// For each row, the profile-free factor of its detection value: `σ(y)/σ(-1)` inside a
    /// window (multiplied by A_TP), `σ(y)` or -1 outside (multiplied by A_FP).
    let factorOfRow: [Double]

    /// Lays out a file of `rowCount` rows with anomaly `windows`.
    /// - Throws: `NABLabelError` when a window is empty, leaves the file, or overlaps or
    ///   precedes the window before it (NAB merges overlapping windows when it builds them).
    /// - Complexity: O(N).
    public init(rowCount: Int, windows: [ClosedRange<Int>]) throws(NABLabelError) {
        for (index, window) in windows.enumerated() {
            guard window.lowerBound >= 0, window.upperBound < rowCount else {
                throw .window(index, "rows \(window.lowerBound)...\(window.upperBound) are outside the file's \(rowCount) rows")
            }
            if index > 0, window.lowerBound <= windows[index - 1].upperBound {
                throw .window(index, "overlaps or precedes the window before it")
            }
        }
        self.rowCount = rowCount
        self.windows = windows
        self.probationaryRowCount = Self.probationaryPeriod(rowCount: rowCount)
        var windowOfRow = [Int32](repeating: -1, count: rowCount)
        var factorOfRow = [Double](repeating: -1, count: rowCount)
        let edge = Self.sigmoid(-1)
        var previous: ClosedRange<Int>? = nil
        var next = 0
        for row in 0..<rowCount {
            if next < windows.count, row == windows[next].lowerBound { previous = nil }
            if next < windows.count, windows[next].contains(row) {
                let window = windows[next]
                let width = Double(window.count)
                windowOfRow[row] = Int32(next)
                factorOfRow[row] = Self.sigmoid(-Double(window.upperBound - row + 1) / width) / edge
                if row == window.upperBound {
                    previous = window
                    next += 1
                }
            } else if let previous {
                // A one-row window has no width to scale by: use its distance in rows.
                let span = Double(max(previous.count - 1, 1))
                factorOfRow[row] = Self.sigmoid(Double(row - previous.upperBound) / span)
            }
        }
        self.windowOfRow = windowOfRow
        self.factorOfRow = factorOfRow
    }

    /// NAB's probationary period `min(⌊0.15 N⌋, 750)`.
    public static func probationaryPeriod(rowCount: Int) -> Int {
        min(rowCount * 15 / 100, 750)
    }

    /// NAB's scaled sigmoid `2 / (1 + e^{5y}) - 1`, -1 beyond `y = 3`.
    public static func sigmoid(_ y: Double) -> Double {
        y > 3 ? -1 : 2 / (1 + exp(5 * y)) - 1
    }

    /// Whether a window is scored: at least one of its rows is after the probationary period.
    public func isCounted(window index: Int) -> Bool { windows[index].upperBound >= probationaryRowCount }

    /// The number of scored windows.
    public var countedWindowCount: Int { windows.indices.count { isCounted(window: $0) } }

    /// The value a detection on `row` earns under `profile`: positive inside a window,
    /// negative outside.
    public func detectionValue(row: Int, profile: NABProfile) -> Double {
        windowOfRow[row] >= 0 ? profile.truePositiveWeight * factorOfRow[row]
                              : profile.falsePositiveWeight * factorOfRow[row]
    }

    /// The window holding `row`, if any.
    public func window(of row: Int) -> Int? {
        let index = windowOfRow[row]
        return index >= 0 ? Int(index) : nil
    }
}

extension NABLabels {
    /// Turns windows given by their first and last timestamps into row ranges: from the
    /// first row stamped with the start to the last row stamped with the end, inclusive.
    ///
    /// Rows are taken in file order, which is not always time order: NAB files repeat or
    /// step back an hour at daylight-saving changes, and NAB scores rows as they come.
    /// - Throws: `NABLabelError` naming the first window whose start or end is not a row's
    ///   timestamp, or whose end comes before its start.
    /// - Complexity: O(w N).
    public static func rowRanges<T: Equatable>(of windows: [(start: T, end: T)],
                                               timestamps: [T]) throws(NABLabelError) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        for (index, window) in windows.enumerated() {
            guard let first = timestamps.firstIndex(of: window.start) else {
                throw .window(index, "its start is not a timestamp of the file")
            }
            guard let last = timestamps.lastIndex(of: window.end) else {
                throw .window(index, "its end is not a timestamp of the file")
            }
            guard first <= last else { throw .window(index, "ends before it starts") }
            ranges.append(first...last)
        }
        return ranges
    }
}
