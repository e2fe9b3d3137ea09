/// The seasonal naive forecast: every step repeats the observation one season earlier.
///
/// M4's "sNaive" benchmark. Step h forecasts `y_{n − m + ((h − 1) mod m) + 1}`. Intervals are
/// normal, `ŷ ± z·σ·√(k + 1)` with `k = ⌊(h − 1)/m⌋` full seasons ahead and σ the root mean
/// square of the in-sample seasonal differences `y_t − y_{t−m}` (Hyndman & Athanasopoulos,
/// *Forecasting: Principles and Practice*, 3rd ed., §5.5). Needs `m + 1` observations.
public struct SeasonalNaive: ForecastModel {
    /// The seasonal period m (observations per cycle); 1 makes it the naive model.
    public let period: Int

    public var name: String { "snaive" }

    /// - Precondition: `period >= 1`.
    public init(period: Int) {
        precondition(period >= 1, "seasonal period must be at least 1")
        self.period = period
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        try LagWalk.forecast(history, lag: period, horizon: horizon, levels: levels, model: name)
    }
}
