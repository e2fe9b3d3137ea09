import InsightsNumerics

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
    /// A ``PooledForecastModel`` gets all series at once, with conformal bands at `levels` from
    /// `windows` backtest origins (as the forecast command makes them); any other model is
    /// asked per series for `levels` (its own bands, if it has any). Per-series work is split
    /// into chunks that `workers` threads take in turn (``ForecastBatch/each(_:workers:_:)``,
    /// OpenBLAS single-threaded meanwhile); the result does not depend on `workers`.
    /// - Parameters:
    ///   - season: The period m of the MASE scale (in-sample seasonal naive MAE).
    ///   - levels: Interval levels asked of `model`; the benchmark is asked for none.
    ///   - workers: Threads to use, ≥ 1.
    /// - Throws: `ForecastError` naming the first series (in input order) a model cannot
    ///   forecast, or whose model returns intervals for some series and not others.
    /// - Precondition: `series` is not empty and every `actual` is not empty (all of one length
    ///   for a pooled model).
    public static func run(_ series: [Series], model: any ForecastModel, benchmark: some ForecastModel,
                           season: Int, levels: [Double], windows: Int = 20, workers: Int) throws(ForecastError) -> Summary {
        precondition(!series.isEmpty && series.allSatisfy { !$0.actual.isEmpty }, "nothing to evaluate")
        precondition(workers >= 1, "workers must be at least 1")
        let n = series.count
        var pooled: [Result<Forecast, ForecastError>]?
        if let model = model as? any PooledForecastModel {
            guard Set(series.map(\.actual.count)).count == 1 else {
                throw ForecastError("\(model.name) forecasts all series together and needs one horizon; the test parts differ in length")
            }
            pooled = model.calibrate(series.map(\.history), horizon: series[0].actual.count, levels: levels, windows: windows,
                                     spacing: nil).map { $0.map(\.forecast) }
        }
        let outcomes = ForecastBatch.each(n, workers: workers) { [pooled] i throws(ForecastError) in
            let scale = try maseScale(series[i], season: season)
            let horizon = series[i].actual.count
            let forecast: Forecast
            if let pooled { forecast = try pooled[i].get() } else {
                forecast = try model.forecast(series[i].history, horizon: horizon, levels: levels)
            }
            let reference = try benchmark.forecast(series[i].history, horizon: horizon, levels: [])
            return (ForecastAccuracy(forecast, actual: series[i].actual, scale: scale),
                    ForecastAccuracy(reference, actual: series[i].actual, scale: scale))
        }
        var scored: [ForecastAccuracy] = [], benchmarked: [ForecastAccuracy] = []
        scored.reserveCapacity(n)
        benchmarked.reserveCapacity(n)
        for (i, outcome) in outcomes.enumerated() {
            switch outcome {
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

    /// The in-sample seasonal naive MAE of the series' training part.
    /// - Throws: when it is undefined (too short) or 0.
    private static func maseScale(_ series: Series, season: Int) throws(ForecastError) -> Double {
        let scale = ForecastMetrics.maseScale(history: series.history, period: season)
        guard scale.isFinite, scale > 0 else {
            throw ForecastError(scale.isNaN
                ? "MASE needs more than \(season) training values, got \(series.history.count)"
                : "MASE scale is 0: the training part repeats with period \(season)")
        }
        return scale
    }
}
