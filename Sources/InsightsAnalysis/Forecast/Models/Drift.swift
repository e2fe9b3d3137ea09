import InsightsNumerics

/// The random walk with drift: the last observation plus h times the average change.
///
/// Model: `y_t = y_{t−1} + b + e_t`. The drift `b = (y_n − y_1)/(n − 1)` is the mean of the
/// `n − 1` one-step differences, so the forecast lies on the line through the first and last
/// observations. σ² is the residual variance of those differences about `b`, divided by
/// `n − 2` (one parameter fitted), and the h-step standard deviation adds the drift's
/// estimation error `h·σ/√(n − 1)`: `σ_h = σ·√(h + h²/(n − 1))`. Intervals are normal
/// (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §5.5, table 5.2;
/// R's `forecast::rwf(drift = TRUE)`). Needs three observations.
public struct Drift: ForecastModel {
    public var name: String { "drift" }

    public init() {}

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        try ForecastError.checkArguments(horizon: horizon, levels: levels)
        let n = history.count
        guard n >= 3 else { throw .tooShort(name, observed: n, required: 3) }
        let last = history[n - 1]
        let slope = (last - history[0]) / Double(n - 1)
        let mean = (1...horizon).map { last + Double($0) * slope }
        guard !levels.isEmpty else { return Forecast(mean: mean) }
        var squares = CompensatedSum()
        for t in 1..<n {
            let residual = history[t] - history[t - 1] - slope
            squares += residual * residual
        }
        let variance = squares.value / Double(n - 2)
        let sd = (1...horizon).map { step in
            let h = Double(step)
            return (variance * (h + h * h / Double(n - 1))).squareRoot()
        }
        return .normal(mean: mean, standardDeviations: sd, levels: levels)
    }
}
