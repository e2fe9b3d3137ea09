import InsightsNumerics

/// The random walk at lag `lag` that the naive and seasonal naive models share.
///
/// Model: `y_t = y_{t−lag} + e_t` with `e_t` independent, mean 0, variance σ². The forecast
/// of step h repeats the last observed value in the same position of the cycle,
/// `y_{n − lag + ((h − 1) mod lag) + 1}`. σ is the root mean square of the in-sample lag
/// differences `y_t − y_{t−lag}` (no mean removed: the model says they have mean 0), and the
/// h-step error is the sum of `k = ⌊(h − 1)/lag⌋ + 1` of them, so its SD is `σ·√k`
/// (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §5.5, table 5.2;
/// the same σ as R's `forecast::naive`/`snaive`).
enum LagWalk {
    static func forecast(_ history: [Double], lag: Int, horizon: Int, levels: [Double],
                         model: String) throws(ForecastError) -> Forecast {
        try ForecastError.checkArguments(horizon: horizon, levels: levels)
        let n = history.count
        guard n >= lag + 1 else { throw .tooShort(model, observed: n, required: lag + 1) }
        let mean = (0..<horizon).map { history[n - lag + $0 % lag] }
        guard !levels.isEmpty else { return Forecast(mean: mean) }
        let sigma = rootMeanSquareDifference(history, lag: lag)
        let sd = (0..<horizon).map { sigma * Double($0 / lag + 1).squareRoot() }
        return .normal(mean: mean, standardDeviations: sd, levels: levels)
    }

    /// `√(Σ_{t=lag}^{n−1} (y_t − y_{t−lag})² / (n − lag))`, compensated.
    static func rootMeanSquareDifference(_ y: [Double], lag: Int) -> Double {
        var sum = CompensatedSum()
        for t in lag..<y.count {
            let d = y[t] - y[t - lag]
            sum += d * d
        }
        return (sum.value / Double(y.count - lag)).squareRoot()
    }
}
