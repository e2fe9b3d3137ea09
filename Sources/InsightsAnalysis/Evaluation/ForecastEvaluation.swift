import Dispatch
import InsightsNumerics
import Synchronization

/// Scores a forecasting model on many series at once, the way the M4 competition does: one
/// forecast per series from its training part, set-level means of each measure, and OWA
/// relative to a benchmark model (M4: Naive2) scored on the same series.
public enum ForecastEvaluation {
    /// One series: the training part and the values that follow it.
    public struct Series: Sendable {
        public let id: String
        public let history: [Double]
        public let actual: [Double]

        public init(id: String, history: [Double], actual: [Double]) {
            self.id = id
            self.history = history
            self.actual = actual
        }
    }

    /// The evaluation's result.
    public struct Summary: Sendable {
        /// The model's set-level means (``ForecastAccuracy/mean(_:)``).
        public let accuracy: ForecastAccuracy
        /// The benchmark's set-level means (point measures only).
        public let benchmark: ForecastAccuracy
        /// `½·(sMAPE/sMAPE_benchmark + MASE/MASE_benchmark)`.
        public let owa: Double
        /// The model's accuracy per series, in input order.
        public let perSeries: [ForecastAccuracy]
    }

    /// Forecasts `actual.count` steps of every series with `model` and `benchmark` and scores them.
    ///
    /// The series are split into chunks that `workers` threads take in turn
    /// (`DispatchQueue.concurrentPerform`), with OpenBLAS single-threaded meanwhile (the project's
    /// threading rule); the result does not depend on `workers`.
    /// - Parameters:
    ///   - season: The period m of the MASE scale (in-sample seasonal naive MAE).
    ///   - levels: Interval levels asked of `model`; the benchmark is asked for none.
    ///   - workers: Threads to use, ≥ 1.
    /// - Throws: `ForecastError` naming the first series (in input order) a model cannot
    ///   forecast, or whose model returns intervals for some series and not others.
    /// - Precondition: `series` is not empty and every `actual` is not empty.
    public static func run(_ series: [Series], model: some ForecastModel, benchmark: some ForecastModel,
                           season: Int, levels: [Double], workers: Int) throws(ForecastError) -> Summary {
        precondition(!series.isEmpty && series.allSatisfy { !$0.actual.isEmpty }, "nothing to evaluate")
        precondition(workers >= 1, "workers must be at least 1")
        typealias Outcome = Swift.Result<(ForecastAccuracy, ForecastAccuracy), ForecastError>
        let n = series.count
        let chunks = min(n, workers * 8)
        let outcomes = Mutex([Outcome?](repeating: nil, count: n))
        let work = { @Sendable (chunk: Int) in
            var local: [(Int, Outcome)] = []
            for i in (chunk * n / chunks)..<((chunk + 1) * n / chunks) {
                local.append((i, Outcome { () throws(ForecastError) in
                    try score(series[i], model: model, benchmark: benchmark, season: season, levels: levels)
                }))
            }
            outcomes.withLock { all in for (i, outcome) in local { all[i] = outcome } }
        }
        OpenBLAS.withSingleThread {
            if workers == 1 { (0..<chunks).forEach(work) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
        }
        var scored: [ForecastAccuracy] = [], benchmarked: [ForecastAccuracy] = []
        scored.reserveCapacity(n)
        benchmarked.reserveCapacity(n)
        for (i, outcome) in outcomes.withLock({ $0 }).enumerated() {
            switch outcome! {
            case .success(let (accuracy, reference)):
                scored.append(accuracy)
                benchmarked.append(reference)
            case .failure(let error):
                throw ForecastError("series '\(series[i].id)': \(error.message)")
            }
        }
        let levelsSeen = scored[0].bands.map(\.level)
        if let odd = scored.firstIndex(where: { $0.bands.map(\.level) != levelsSeen }) {
            throw ForecastError("series '\(series[odd].id)': \(model.name) returned intervals at levels "
                                + "\(scored[odd].bands.map(\.level)), other series at \(levelsSeen)")
        }
        let accuracy = ForecastAccuracy.mean(scored)!
        let reference = ForecastAccuracy.mean(benchmarked)!
        return Summary(accuracy: accuracy, benchmark: reference,
                       owa: ForecastMetrics.owa(smape: accuracy.smape, mase: accuracy.mase,
                                                naive2Smape: reference.smape, naive2Mase: reference.mase),
                       perSeries: scored)
    }

    private static func score(_ series: Series, model: some ForecastModel, benchmark: some ForecastModel,
                              season: Int, levels: [Double]) throws(ForecastError) -> (ForecastAccuracy, ForecastAccuracy) {
        let h = series.actual.count
        let scale = ForecastMetrics.maseScale(history: series.history, period: season)
        guard scale.isFinite, scale > 0 else {
            throw ForecastError(scale.isNaN
                ? "MASE needs more than \(season) training values, got \(series.history.count)"
                : "MASE scale is 0: the training part repeats with period \(season)")
        }
        let forecast = try model.forecast(series.history, horizon: h, levels: levels)
        let reference = try benchmark.forecast(series.history, horizon: h, levels: [])
        return (ForecastAccuracy(forecast, actual: series.actual, scale: scale),
                ForecastAccuracy(reference, actual: series.actual, scale: scale))
    }
}
