import Dispatch
import InsightsNumerics
import Synchronization

/// A model whose parameters are estimated on many series at once (a "global" model), so it
/// forecasts a batch of histories together. It still forecasts one series through
/// ``ForecastModel`` (a pool of one), but commands that hold several series hand them over
/// together through ``calibrate(_:horizon:levels:windows:spacing:)``.
public protocol PooledForecastModel: ForecastModel {
    /// Forecasts every history `horizon` steps ahead with split-conformal bands at `levels`,
    /// from backtests at the origins ``ConformalForecaster`` uses (`windows` origins `spacing`
    /// steps apart, nil for a quarter of the horizon), each backtest forecast made by the model
    /// refitted to the pool as it was at that origin. One result per history, in order.
    func calibrate(_ histories: [[Double]], horizon: Int, levels: [Double], windows: Int,
                   spacing: Int?) -> [Result<CalibratedForecast, ForecastError>]
}

/// Forecasts for many series with conformal bands, whatever the model: a pooled model gets
/// the whole batch, any other model is wrapped in ``ConformalForecaster`` and run per series
/// on `workers` threads (OpenBLAS single-threaded meanwhile), a single series using them
/// for its backtest refits. The one entry point the
/// forecast command, `eval m4` and the REPL share.
public enum ForecastBatch {
    public static func calibrate(_ histories: [[Double]], model: any ForecastModel, horizon: Int, levels: [Double],
                                 windows: Int = 20, spacing: Int? = nil,
                                 workers: Int) -> [Result<CalibratedForecast, ForecastError>] {
        if let pooled = model as? any PooledForecastModel {
            return pooled.calibrate(histories, horizon: horizon, levels: levels, windows: windows, spacing: spacing)
        }
        // Threads go to the series first; with fewer series than threads, each series' refits
        // share the rest. (A parallel loop nested in another ran serially here: one series'
        // forecast used 1.05 CPUs. So the series loop is only parallel with several series.)
        let conformal = ConformalForecaster(model, windows: windows, spacing: spacing,
                                            workers: histories.isEmpty ? 1 : max(1, workers / histories.count))
        return each(histories.count, workers: min(workers, histories.count)) { i throws(ForecastError) in
            try conformal.calibrate(histories[i], horizon: horizon, levels: levels)
        }
    }

    /// Backtest windows for conformal bands when the user names none: 40 for pooled models,
    /// whose extra windows cost one small solve each (a finer 95% quantile than the largest of
    /// 20 errors), 20 for the rest, whose every window is a refit of each series.
    public static func defaultWindows(for model: any ForecastModel) -> Int {
        model is any PooledForecastModel ? 40 : 20
    }

    /// `body(i)` for i in 0..<count on `workers` threads, results in order.
    public static func each<T: Sendable>(_ count: Int, workers: Int,
                                         _ body: @escaping @Sendable (Int) throws(ForecastError) -> T) -> [Result<T, ForecastError>] {
        guard count > 0 else { return [] }
        let chunks = min(count, max(workers, 1) * 8)
        let results = Mutex([Result<T, ForecastError>?](repeating: nil, count: count))
        let work = { @Sendable (chunk: Int) in
            var local: [(Int, Result<T, ForecastError>)] = []
            for i in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                local.append((i, Result { () throws(ForecastError) in
                    try Cancellation.check()
                    return try body(i)
                }))
            }
            results.withLock { all in for (i, result) in local { all[i] = result } }
        }
        OpenBLAS.withSingleThread {
            if workers <= 1 { (0..<chunks).forEach(work) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
        }
        return results.withLock { $0.map { $0! } }
    }
}
