import Foundation
import InsightsAnalysis

/// `insights-bench ets [series]`: ETS fitting speed on the M4 hourly training series — one
/// model at a time on one core, then AutoETS (m = 24) over `series` series on all cores.
enum ETSBenchmark {
    static func run(series count: Int, file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let all: [[Double]] = text.split(separator: "\n").dropFirst().prefix(count).map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).dropFirst().compactMap { field in
                Double(field.filter { $0 != "\"" })
            }
        }
        let clock = ContinuousClock()
        let models: [ETSSpecification] = [
            .init(error: .additive, trend: .none, season: .none),
            .init(error: .additive, trend: .damped, season: .none),
            .init(error: .additive, trend: .none, season: .additive, period: 24),
            .init(error: .multiplicative, trend: .damped, season: .multiplicative, period: 24),
        ]
        let sample = Array(all.prefix(min(20, all.count)))
        for spec in models {
            var evaluations = 0
            let start = clock.now
            for y in sample { evaluations += (try? ETSFit.fit(y, specification: spec))?.evaluations ?? 0 }
            let perFit = seconds(clock.now - start) / Double(sample.count)
            print(String(format: "%@ one core: %.2f ms per fit, %.0f likelihood evaluations per fit (%d series)",
                         spec.description, perFit * 1000, Double(evaluations) / Double(sample.count), sample.count))
        }
        let start = clock.now
        let fits = AutoETS(period: 24).fitMany(all)
        let elapsed = seconds(clock.now - start)
        var chosen: [String: Int] = [:]
        for case .success(let fit) in fits { chosen[fit.specification.description, default: 0] += 1 }
        print(String(format: "AutoETS m=24 on %d series, all cores: %.2f s (%.1f ms per series)",
                     all.count, elapsed, elapsed * 1000 / Double(all.count)))
        print("chosen:", chosen.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}
