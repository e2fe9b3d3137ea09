/// Forecasting with several seasonal periods: MSTL decomposition, the seasonal components
/// continued by their last cycle, the rest forecast by a non-seasonal model.
///
/// Method: the series is decomposed by ``MSTL`` (Bandara, Hyndman & Bergmeir 2021) into a
/// trend, one seasonal component per period and a remainder. Each seasonal component is
/// forecast by seasonal naive (its value one period before, repeated: the last cycle); the
/// seasonally adjusted series (trend + remainder) is forecast by `nonSeasonal`, by default
/// ``Theta`` without seasonal adjustment (statsforecast's `MSTL` uses AutoETS there; Hyndman
/// & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §12.1 describe the
/// scheme). The forecast is the sum. Intervals are those of `nonSeasonal` shifted by the
/// seasonal forecast: the seasonal components are treated as known, so the bands are too
/// narrow when the seasonality changes; ``ConformalForecaster`` calibrates them empirically.
///
/// Periods of at least half the history are dropped by MSTL; when none is left (or none was
/// given) the model is `nonSeasonal` on the raw series.
public struct MSTLForecast: ForecastModel {
    public var name: String { "mstl" }
    /// The seasonal periods, in observations.
    public let periods: [Int]
    /// The model of the seasonally adjusted series.
    public let nonSeasonal: any ForecastModel

    /// - Parameters:
    ///   - periods: Seasonal periods ≥ 2 (e.g. 24 and 168 on hourly data).
    ///   - nonSeasonal: The model of trend + remainder; standard Theta without adjustment by default.
    public init(periods: [Int], nonSeasonal: any ForecastModel = Theta(period: 1)) {
        self.periods = Array(Set(periods.filter { $0 >= 2 })).sorted()
        self.nonSeasonal = nonSeasonal
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        let usable = periods.filter { 2 * $0 < history.count }
        guard !usable.isEmpty else { return try nonSeasonal.forecast(history, horizon: horizon, levels: levels) }
        let decomposition: MultipleDecomposition
        switch Result(catching: { () throws(DecompositionError) in try MSTL(periods: usable).decompose(history) }) {
        case .success(let value): decomposition = value
        case .failure(let error): throw ForecastError("mstl: \(error.message)")
        }
        let n = history.count
        var adjusted = decomposition.trend
        for t in 0..<n { adjusted[t] += decomposition.residual[t] }
        var seasonal = [Double](repeating: 0, count: horizon)
        for (period, component) in zip(decomposition.periods, decomposition.seasonals) {
            for h in 0..<horizon { seasonal[h] += component[n - period + h % period] }
        }
        let inner = try nonSeasonal.forecast(adjusted, horizon: horizon, levels: levels)
        func shifted(_ values: [Double]) -> [Double] { zip(values, seasonal).map { $0 + $1 } }
        return Forecast(mean: shifted(inner.mean), bands: inner.bands.map {
            Forecast.Band(level: $0.level, lower: shifted($0.lower), upper: shifted($0.upper))
        })
    }
}
