import Foundation
import InsightsAnalysis

/// `insights-bench forecast [DIR]`: `ForecastEvaluation` (what `insights eval m4` runs after
/// reading its files) on the M4 Hourly split in DIR (default `../shared/data/m4`), one worker
/// against every core, per model; median of 5 timed runs after a warm-up.
enum ForecastBenchmark {
    static func run(directory: String) throws {
        func wide(_ name: String) throws -> [(String, [Double])] {
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                return (fields[0], fields.dropFirst().prefix { !$0.isEmpty }.compactMap(Double.init))
            }
        }
        let train = try wide("Hourly-train.csv"), test = try wide("Hourly-test.csv")
        let series = zip(train, test).map { ForecastEvaluation.Series(id: $0.0, history: $0.1, actual: $1.1) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("ForecastEvaluation on \(series.count) M4 Hourly series (h = 48, m = 24, levels 80/95, Naive2 benchmark)")
        for entry in ForecastModelRegistry.entries {
            let model = entry.make(24)
            var medians: [Double] = []
            for workers in [1, cores] {
                let (timings, _) = try Timings.measure(repetitions: 5) {
                    try ForecastEvaluation.run(series, model: model, benchmark: Naive2(period: 24), season: 24,
                                               levels: [0.8, 0.95], workers: workers).owa
                }
                medians.append(timings.median)
            }
            let name = entry.name.padding(toLength: 8, withPad: " ", startingAt: 0)
            print("  " + name + String(format: "1 worker %7.2f ms   %d workers %7.2f ms   speed-up %.2f×",
                                       medians[0] * 1000, cores, medians[1] * 1000, medians[0] / medians[1]))
        }
    }
}
