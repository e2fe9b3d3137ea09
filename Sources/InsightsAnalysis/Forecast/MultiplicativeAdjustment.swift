import InsightsNumerics

/// Classical multiplicative seasonal adjustment, applied only when the M4 autocorrelation test
/// finds the series seasonal: the deseasonalisation of M4's Naive2 and Theta benchmarks.
///
/// Test: the series is seasonal at lag *m* when |r(m)| > 1.645 · √((1 + 2 Σₖ₌₁ᵐ⁻¹ r(k)²) / n),
/// r the sample autocorrelation (a 90% two-sided test with Bartlett's variance). This is
/// statsmodels' `ThetaModel` test; the M4 benchmark code adds r(1) unsquared, a slip we do not
/// copy. The test is skipped (not seasonal) when *n* < 3*m*, as statsmodels does.
///
/// Indices: R's / statsmodels' `seasonal_decompose(model="multiplicative")`: the centred
/// moving average of order *m* (2×*m* for even *m*), the ratios y / trend averaged per position
/// in the cycle (position 0 is the first observation), normalised to mean 1.
/// Source: Makridakis, Wheelwright & Hyndman, *Forecasting: Methods and Applications*, 3rd ed.
/// (1998), §4/3; M4 benchmark code (`Benchmarks and Evaluation.R`, `seasonality_test`).
public struct MultiplicativeAdjustment: Sendable, Equatable {
    /// The period *m*.
    public let period: Int
    /// One index per position in the cycle, averaging 1; all 1 when not seasonal.
    public let indices: [Double]
    /// Whether the test found the series seasonal (and the indices are used).
    public let isSeasonal: Bool

    /// Tests `y` at lag `period` and, when seasonal and positive, estimates the indices.
    ///
    /// A series with a value ≤ 0, a period below 2 or a test that does not reject is left
    /// unadjusted (indices 1).
    public init(_ y: [Double], period: Int) {
        self.period = max(period, 1)
        guard period >= 2, y.count >= 3 * period, y.allSatisfy({ $0 > 0 }),
              Self.isSeasonal(y, period: period) else {
            indices = [Double](repeating: 1, count: max(period, 1))
            isSeasonal = false
            return
        }
        indices = Self.multiplicativeIndices(y, period: period)
        isSeasonal = true
    }

    /// The M4 / statsmodels 90% autocorrelation test of seasonality at lag `period`.
    public static func isSeasonal(_ y: [Double], period: Int) -> Bool {
        guard period >= 2, y.count >= 3 * period else { return false }
        let r = Statistics.autocorrelationsForStatistic(y, maxLag: period)
        guard r.allSatisfy(\.isFinite) else { return false }
        var sum = 0.0
        for k in 1..<period { sum += r[k] * r[k] }
        let limit = 1.6448536269514722 * ((1 + 2 * sum) / Double(y.count)).squareRoot()
        return abs(r[period]) > limit
    }

    /// Classical multiplicative seasonal indices (centred moving average, ratio, mean per
    /// position, normalised to mean 1).
    static func multiplicativeIndices(_ y: [Double], period m: Int) -> [Double] {
        let n = y.count
        var trend = [Double](repeating: .nan, count: n)
        let half = m / 2
        if m % 2 == 0 {
            for t in half..<(n - half) {
                var s = 0.5 * (y[t - half] + y[t + half])
                for j in (t - half + 1)..<(t + half) { s += y[j] }
                trend[t] = s / Double(m)
            }
        } else {
            for t in half..<(n - half) {
                var s = 0.0
                for j in (t - half)...(t + half) { s += y[j] }
                trend[t] = s / Double(m)
            }
        }
        var sums = [Double](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: m)
        for t in 0..<n where trend[t].isFinite {
            sums[t % m] += y[t] / trend[t]
            counts[t % m] += 1
        }
        var indices = (0..<m).map { sums[$0] / Double(max(counts[$0], 1)) }
        let mean = indices.reduce(0, +) / Double(m)
        for i in 0..<m { indices[i] /= mean }
        return indices
    }

    /// The index of observation `t` (0-based, counted from the first observation; `t` may run
    /// past the history into the forecast).
    public func index(at t: Int) -> Double { indices[((t % period) + period) % period] }

    /// `y` divided by its indices.
    public func deseasonalise(_ y: [Double]) -> [Double] {
        isSeasonal ? y.indices.map { y[$0] / index(at: $0) } : y
    }

    /// Multiplies steps 1…h after a history of `count` observations by their indices.
    public func reseasonalise(_ values: [Double], after count: Int) -> [Double] {
        isSeasonal ? values.indices.map { values[$0] * index(at: count + $0) } : values
    }
}
