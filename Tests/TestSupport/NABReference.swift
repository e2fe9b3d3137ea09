import Foundation

/// The NAB subset and its reference results in `../shared/data/nab` (see its README).
///
/// The reference files are plain comma-separated text without quoting, so they are split
/// on commas here; the product's CSV reader lives in the executable and is tested there.
public enum NABReference {
    /// The 18 data files, as `<category>/<file>.csv`, in sorted order.
    public static var dataFiles: [String] {
        get throws { try windows().keys.sorted() }
    }

    /// `labels/combined_windows.json`: for each file, its windows as (first, last) timestamp
    /// texts with the `.000000` suffix removed, so they compare equal to data timestamps.
    public static func windows() throws -> [String: [(start: String, end: String)]] {
        let raw = try SharedData.decode([String: [[String]]].self, from: "nab/labels/combined_windows.json")
        return raw.mapValues { pairs in
            pairs.map { (start: trimmed($0[0]), end: trimmed($0[1])) }
        }
    }

    private static func trimmed(_ text: String) -> String {
        text.hasSuffix(".000000") ? String(text.dropLast(7)) : text
    }

    /// One reference detector's per-row output.
    public struct DetectorOutput: Sendable {
        public let timestamps: [String]
        public let scores: [Double]
        /// 1 inside a window, 0 outside, as NAB wrote it.
        public let labels: [Int]
    }

    /// `reference/detector_outputs/<detector>/<category>/<detector>_<file>.csv`.
    public static func detectorOutput(_ detector: String, file: String) throws -> DetectorOutput {
        let parts = file.split(separator: "/")
        let path = "nab/reference/detector_outputs/\(detector)/\(parts[0])/\(detector)_\(parts[1])"
        let rows = try table(path)
        return DetectorOutput(timestamps: rows.map { $0[0] },
                              scores: try rows.map { try number($0[1], path) },
                              labels: try rows.map { Int(try number($0[2], path)) })
    }

    /// A row of `reference/detector_file_scores.csv`.
    public struct FileScore: Sendable {
        public let detector, profile, file: String
        public let threshold, rawScore: Double
        public let tp, tn, fp, fn, total: Int
    }

    /// `reference/detector_file_scores.csv`.
    public static func fileScores() throws -> [FileScore] {
        let path = "nab/reference/detector_file_scores.csv"
        return try table(path).map { row in
            FileScore(detector: row[0], profile: row[1], file: row[2], threshold: try number(row[3], path),
                      rawScore: try number(row[4], path), tp: Int(try number(row[5], path)),
                      tn: Int(try number(row[6], path)), fp: Int(try number(row[7], path)),
                      fn: Int(try number(row[8], path)), total: Int(try number(row[9], path)))
        }
    }

    /// `reference/subset_scoreboard.csv` as a map from detector to column name to value.
    public static func subsetScoreboard() throws -> [String: [String: Double]] {
        let path = "nab/reference/subset_scoreboard.csv"
        let text = try String(contentsOf: SharedData.url(path), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(String.init) }
        guard let header = lines.first else { return [:] }
        var board: [String: [String: Double]] = [:]
        for row in lines.dropFirst() {
            var columns: [String: Double] = [:]
            for (name, cell) in zip(header.dropFirst(), row.dropFirst()) { columns[name] = try number(cell, path) }
            board[row[0]] = columns
        }
        return board
    }

    /// The data rows (header dropped) of a reference CSV, split on commas.
    private static func table(_ path: String) throws -> [[String]] {
        let text = try String(contentsOf: SharedData.url(path), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
    }

    private static func number(_ text: String, _ path: String) throws -> Double {
        guard let value = Double(text) else { throw ReferenceError(message: "\(path): '\(text)' is not a number") }
        return value
    }

    struct ReferenceError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
