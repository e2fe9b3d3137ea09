/// The naive (random walk) forecast: every step repeats the last observation.
///
/// M4's "Naive 1" benchmark. Intervals are normal, `ŷ ± z·σ·√h`, with σ the root mean square
/// of the one-step differences `y_t − y_{t−1}` (Hyndman & Athanasopoulos, *Forecasting:
/// Principles and Practice*, 3rd ed., §5.5). Needs two observations.
public struct Naive: ForecastModel {
    public var name: String { "naive" }

    public init() {}

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        try LagWalk.forecast(history, lag: 1, horizon: horizon, levels: levels, model: name)
    }
}
