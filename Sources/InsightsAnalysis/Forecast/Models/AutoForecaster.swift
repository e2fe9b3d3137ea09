import Foundation

/// The default model (`--model auto`): the pooled autoregression when the series of a batch
/// give it enough windows, the validated ensemble otherwise.
///
/// The pooled model is used when the batch gives its final fit at least
/// `windowsPerCoefficient` windows per coefficient (20: 10,100 windows for hourly data with
/// three weekly lags, e.g. 40 series of 800 hours, or one of 14 months); any series it cannot
/// forecast (shorter than a season) and every series of a smaller batch goes to `fallback`,
/// per series, with at most the 20 backtest windows per-series models default to (each is a
/// refit). Either way the bands are the same split-conformal calibration.
public struct AutoForecaster: PooledForecastModel {
    public var name: String { "auto" }
    public let pooled: PooledAutoregression
    public let fallback: any ForecastModel
    public let windowsPerCoefficient: Int

    public init(pooled: PooledAutoregression, fallback: any ForecastModel, windowsPerCoefficient: Int = 20) {
        self.pooled = pooled
        self.fallback = fallback
        self.windowsPerCoefficient = windowsPerCoefficient
    }

    /// Whether a batch of these histories is forecast by the pooled model.
    public func pools(_ histories: [[Double]], horizon: Int) -> Bool {
        pooled.trainingWindows(histories, horizon: horizon) >= windowsPerCoefficient * (pooled.lags + 1)
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        if pools([history], horizon: horizon), let forecast = try? pooled.forecast(history, horizon: horizon, levels: levels) {
            return forecast
        }
        return levels.isEmpty ? try fallback.forecast(history, horizon: horizon, levels: [])
            : try ConformalForecaster(fallback).forecast(history, horizon: horizon, levels: levels)
    }

    public func calibrate(_ histories: [[Double]], horizon: Int, levels: [Double], windows: Int,
                          spacing: Int?) -> [Result<CalibratedForecast, ForecastError>] {
        var results: [Result<CalibratedForecast, ForecastError>?] = pools(histories, horizon: horizon)
            ? pooled.calibrate(histories, horizon: horizon, levels: levels, windows: windows, spacing: spacing).map {
                if case .success = $0 { $0 } else { nil }
            }
            : [Result<CalibratedForecast, ForecastError>?](repeating: nil, count: histories.count)
        let rest = results.indices.filter { results[$0] == nil }
        // Each backtest window of the fallback is a refit per series: no more than its own default.
        let fallbackWindows = min(windows, ForecastBatch.defaultWindows(for: fallback))
        let fallbacks = ForecastBatch.calibrate(rest.map { histories[$0] }, model: fallback, horizon: horizon, levels: levels,
                                                windows: fallbackWindows, spacing: spacing,
                                                workers: ProcessInfo.processInfo.activeProcessorCount)
        for (i, result) in zip(rest, fallbacks) { results[i] = result }
        return results.map { $0! }
    }
}
