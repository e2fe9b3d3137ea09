import Foundation

/// The M4 Hourly developer split in `../shared/data/m4` (see its README), read by a
/// deliberately simple parser that shares no code with the project's M4 reader.
public enum M4Reference {
    /// One series: its id and values in time order.
    public struct Series: Sendable {
        public let id: String
        public let values: [Double]
    }

    /// The official set-level scores of one benchmark on the 276 series
    /// (`benchmark_metrics_subset.csv`, three decimals).
    public struct Scores: Sendable {
        public let smape: Double
        public let mase: Double
        public let owa: Double
    }

    public static let trainPath = SharedData.url("m4/Hourly-train.csv").path
    public static let testPath = SharedData.url("m4/Hourly-test.csv").path
    public static let horizon = 48
    public static let season = 24

    /// A wide M4 file (`Hourly-train.csv`, `Hourly-test.csv`, or a benchmark forecast file):
    /// one row per series after the header, first field the id, then values until the padding.
    public static func series(_ relativePath: String) throws -> [Series] {
        let text = try String(contentsOf: SharedData.url(relativePath), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            return Series(id: fields[0], values: fields.dropFirst().prefix { !$0.isEmpty }.map { Double($0)! })
        }
    }

    /// `benchmark_metrics_subset.csv` by method name (`Naive`, `sNaive`, `Naive2`, `SES`).
    public static func officialScores() throws -> [String: Scores] {
        let text = try String(contentsOf: SharedData.url("m4/benchmark_metrics_subset.csv"), encoding: .utf8)
        var scores: [String: Scores] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            scores[f[0]] = Scores(smape: Double(f[2])!, mase: Double(f[3])!, owa: Double(f[4])!)
        }
        return scores
    }
}
