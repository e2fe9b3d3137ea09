import InsightsNumerics

/// Point and interval accuracy measures for one forecast, as the M4 competition defines them.
///
/// All functions take the actual values `Y_1…Y_h` and the forecast's values for the same steps
/// (equal lengths, no NaN) and return a mean over the h steps. Set-level figures are plain means
/// of the per-series values (M4's rule); ``owa(smape:mase:naive2Smape:naive2Mase:)`` combines
/// set-level means. Sources: Makridakis, Spiliotis & Assimakopoulos, "The M4 Competition:
/// 100,000 time series and 61 forecasting methods", *IJF* 36(1), 2020;
/// Gneiting & Raftery, "Strictly proper scoring rules, prediction, and estimation", *JASA*
/// 102(477), 2007, §6.2 (interval score).
public enum ForecastMetrics {
    /// Mean absolute error, `(1/h)·Σ|Y_t − F_t|`.
    public static func mae(actual: [Double], forecast: [Double]) -> Double {
        meanOver(actual, forecast) { abs($0 - $1) }
    }

    /// Root mean squared error, `√((1/h)·Σ(Y_t − F_t)²)`.
    public static func rmse(actual: [Double], forecast: [Double]) -> Double {
        meanOver(actual, forecast) { ($0 - $1) * ($0 - $1) }.squareRoot()
    }

    /// M4's symmetric MAPE in percent, `(200/h)·Σ|Y_t − F_t| / (|Y_t| + |F_t|)`; a step where
    /// both are 0 contributes 0.
    public static func smape(actual: [Double], forecast: [Double]) -> Double {
        meanOver(actual, forecast) { y, f in
            let denominator = abs(y) + abs(f)
            return denominator == 0 ? 0 : 200 * abs(y - f) / denominator
        }
    }

    /// The MASE denominator: the in-sample MAE of the seasonal naive forecast,
    /// `(1/(n − m))·Σ_{t=m+1}^{n} |y_t − y_{t−m}|`.
    /// - Returns: The scale; NaN when the history has no more than `period` values.
    public static func maseScale(history: [Double], period: Int) -> Double {
        precondition(period >= 1, "seasonal period must be at least 1")
        guard history.count > period else { return .nan }
        var sum = CompensatedSum()
        for t in period..<history.count { sum += abs(history[t] - history[t - period]) }
        return sum.value / Double(history.count - period)
    }

    /// Mean absolute scaled error, `MAE / scale`, with `scale` from ``maseScale(history:period:)``.
    public static func mase(actual: [Double], forecast: [Double], scale: Double) -> Double {
        mae(actual: actual, forecast: forecast) / scale
    }

    /// M4's overall weighted average: `½·(sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2)`, all four
    /// being set-level means over the same series. Below 1 beats Naive2.
    public static func owa(smape: Double, mase: Double, naive2Smape: Double, naive2Mase: Double) -> Double {
        0.5 * (smape / naive2Smape + mase / naive2Mase)
    }

    /// The fraction of steps with `lower_t ≤ Y_t ≤ upper_t`, in [0, 1].
    public static func coverage(actual: [Double], lower: [Double], upper: [Double]) -> Double {
        precondition(lower.count == actual.count && upper.count == actual.count, "one bound per step")
        guard !actual.isEmpty else { return .nan }
        let inside = actual.indices.reduce(0) { $0 + (lower[$1] <= actual[$1] && actual[$1] <= upper[$1] ? 1 : 0) }
        return Double(inside) / Double(actual.count)
    }

    /// The mean interval (Winkler) score of a central `level` interval, α = 1 − level:
    /// `(1/h)·Σ [(U_t − L_t) + (2/α)(L_t − Y_t)·1{Y_t < L_t} + (2/α)(Y_t − U_t)·1{Y_t > U_t}]`.
    /// Lower is better; it is the width when every value is covered.
    public static func intervalScore(actual: [Double], lower: [Double], upper: [Double], level: Double) -> Double {
        precondition(lower.count == actual.count && upper.count == actual.count, "one bound per step")
        precondition(level > 0 && level < 1, "level must lie in (0, 1)")
        let penalty = 2 / (1 - level)
        var sum = CompensatedSum()
        for t in actual.indices {
            let (y, l, u) = (actual[t], lower[t], upper[t])
            var score = u - l
            if y < l { score += penalty * (l - y) }
            if y > u { score += penalty * (y - u) }
            sum += score
        }
        return actual.isEmpty ? .nan : sum.value / Double(actual.count)
    }

    /// M4's mean scaled interval score, the ``intervalScore(actual:lower:upper:level:)`` divided
    /// by the MASE scale; M4 uses the 95 % interval (α = 0.05).
    public static func msis(actual: [Double], lower: [Double], upper: [Double], level: Double = 0.95,
                            scale: Double) -> Double {
        intervalScore(actual: actual, lower: lower, upper: upper, level: level) / scale
    }

    private static func meanOver(_ actual: [Double], _ forecast: [Double],
                                 _ term: (Double, Double) -> Double) -> Double {
        precondition(actual.count == forecast.count, "actual and forecast must have the same length")
        guard !actual.isEmpty else { return .nan }
        var sum = CompensatedSum()
        for t in actual.indices { sum += term(actual[t], forecast[t]) }
        return sum.value / Double(actual.count)
    }
}
