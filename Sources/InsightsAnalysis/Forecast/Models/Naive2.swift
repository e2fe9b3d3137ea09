import InsightsNumerics

/// M4's "Naive 2" benchmark: the naive forecast of the seasonally adjusted series,
/// reseasonalised.
///
/// Method (M4's `Benchmarks and Evaluation.R`; Makridakis, Spiliotis & Assimakopoulos, *IJF*
/// 36(1), 2020):
/// 1. Seasonality test (``isSeasonal(_:period:)``): with *r_k* the sample autocorrelations,
///    the series is seasonal when `|r_m| > 1.645·√((1 + 2·Σ_{k=1}^{m−1} r_k²)/n)`, the 90 %
///    one-sided limit of Bartlett's formula. M4 treats a series with fewer than `3m`
///    observations, or `m = 1`, as not seasonal.
/// 2. If seasonal, classical multiplicative decomposition (``multiplicativeIndices(_:period:)``,
///    R's `decompose(type = "multiplicative")`): indices `s_j`, and the adjusted series
///    `y_t / s_{t mod m}`.
/// 3. The forecast of step h is the last adjusted value times `s_{(n − 1 + h) mod m}`.
///
/// Intervals (not part of M4's benchmark): the naive model's normal intervals on the adjusted
/// series, `±z·σ·√h` with σ the RMS of its one-step differences, each bound multiplied by the
/// step's index. Without a positive index set (a series with values ≤ 0 makes the ratio to
/// trend meaningless) the series is left unadjusted, so the model is then plain naive.
public struct Naive2: ForecastModel {
    /// The seasonal period m (observations per cycle).
    public let period: Int

    public var name: String { "naive2" }

    /// - Precondition: `period >= 1`.
    public init(period: Int) {
        precondition(period >= 1, "seasonal period must be at least 1")
        self.period = period
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        try ForecastError.checkArguments(horizon: horizon, levels: levels)
        let n = history.count
        guard n >= 2 else { throw .tooShort(name, observed: n, required: 2) }
        let indices = Self.isSeasonal(history, period: period)
            ? Self.multiplicativeIndices(history, period: period) : nil
        guard let indices else {
            return try LagWalk.forecast(history, lag: 1, horizon: horizon, levels: levels, model: name)
        }
        let adjusted = history.indices.map { history[$0] / indices[$0 % period] }
        let base = try LagWalk.forecast(adjusted, lag: 1, horizon: horizon, levels: levels, model: name)
        let factors = (1...horizon).map { indices[(n - 1 + $0) % period] }
        return Forecast(
            mean: zip(base.mean, factors).map(*),
            bands: base.bands.map { band in
                Forecast.Band(level: band.level, lower: zip(band.lower, factors).map(*),
                              upper: zip(band.upper, factors).map(*))
            })
    }

    /// M4's 90 % autocorrelation test for seasonality at lag `period`.
    ///
    /// True when `|r_m| > 1.645·√((1 + 2·Σ_{k=1}^{m−1} r_k²)/n)`, with *r_k* the biased sample
    /// autocorrelations of `Statistics.autocorrelations` (the estimator of R's `acf`). False
    /// when `period < 2` or the series has fewer than `3·period` observations (M4's R code).
    public static func isSeasonal(_ y: [Double], period: Int) -> Bool {
        guard period >= 2, y.count >= 3 * period else { return false }
        let r = Statistics.autocorrelationsForStatistic(y, maxLag: period)
        var sum = CompensatedSum()
        for k in 1..<period { sum += r[k] * r[k] }
        let limit = 1.645 * ((1 + 2 * sum.value) / Double(y.count)).squareRoot()
        return abs(r[period]) > limit
    }

    /// The seasonal indices of classical multiplicative decomposition, `s_0 … s_{m−1}`, where
    /// `s_j` applies to the observations at positions `t ≡ j (mod m)`.
    ///
    /// Method (R's `stats::decompose(type = "multiplicative")`; Brockwell & Davis,
    /// *Introduction to Time Series and Forecasting*, §1.5.2): the trend is the centred moving
    /// average of order m (2×m for even m); `s_j` is the mean of the ratios `y_t / trend_t` at
    /// the positions where the trend exists, and the indices are scaled to mean 1.
    /// - Returns: m positive indices, or nil when the series is shorter than `m + 1` (even m:
    ///   `m + 2`) values or a ratio or index is not finite and positive.
    public static func multiplicativeIndices(_ y: [Double], period: Int) -> [Double]? {
        let trend = Seasonality.centredMovingAverage(y, length: period)
        guard !trend.isEmpty else { return nil }
        let offset = (y.count - trend.count) / 2
        var sums = [CompensatedSum](repeating: CompensatedSum(), count: period)
        var counts = [Int](repeating: 0, count: period)
        for (i, level) in trend.enumerated() {
            let t = i + offset
            sums[t % period] += y[t] / level
            counts[t % period] += 1
        }
        guard counts.allSatisfy({ $0 > 0 }) else { return nil }
        let figure = (0..<period).map { sums[$0].value / Double(counts[$0]) }
        let scale = CompensatedSum(figure).value / Double(period)
        let indices = figure.map { $0 / scale }
        guard indices.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
        return indices
    }
}
