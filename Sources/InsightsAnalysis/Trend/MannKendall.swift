import InsightsNumerics

/// The Mann–Kendall test of a monotonic trend, with Hamed & Rao's (1998) correction for
/// autocorrelation.
///
/// Method (values in time order, NaN dropped, n observed):
/// - `S = Σ_{i<j} sign(y_j − y_i)`; with time untied, S equals Kendall's τ_b numerator
///   (`scipy.stats.kendalltau(t, y)`: `S = τ_b·√(n₀(n₀ − n_y))`).
/// - `Var(S) = [n(n−1)(2n+5) − Σ u(u−1)(2u+5)]/18`, u the sizes of groups of tied values.
/// - `Z = (S − 1)/√Var(S)` for S > 0, `(S + 1)/√Var(S)` for S < 0, 0 for S = 0 (continuity
///   correction); two-sided `p = 2·(1 − Φ(|Z|))`.
/// - Hamed & Rao: detrend with the Theil–Sen slope (`y_i − b·t_i`), rank the result (average
///   ranks for ties), take the autocorrelations `r_k` of the ranks (biased, mean-centred, as
///   `Statistics.autocorrelations`), keep lags k = 1…n−1 with `|r_k| > z_{0.975}/√n`
///   (significant at 5%), and multiply Var(S) by `n/n* = 1 + 2/(n(n−1)(n−2))·Σ (n−k)(n−k−1)(n−k−2)·r_k`.
///   Z and p are recomputed with the corrected variance. The lag rule (all lags, screened at
///   5%) is Hamed & Rao's and the default of the `pymannkendall` package. If the factor is not
///   positive the corrected Z and p are NaN.
///
/// Sources: H. B. Mann, *Econometrica* 13 (1945) 245–259; M. G. Kendall, *Rank Correlation
/// Methods* (1975), ch. 4; K. H. Hamed and A. R. Rao, "A modified Mann-Kendall trend test for
/// autocorrelated data", *J. Hydrol.* 204 (1998) 182–196.
public struct MannKendall: Sendable, Equatable {
    /// S, the number of increasing minus decreasing pairs.
    public let s: Int
    /// Var(S) under independence, ties corrected.
    public let variance: Double
    /// Z with continuity correction.
    public let z: Double
    /// Two-sided p-value under independence.
    public let pValue: Double
    /// Hamed & Rao's variance factor n/n*.
    public let correctionFactor: Double
    /// Z with the corrected variance.
    public let correctedZ: Double
    /// Two-sided p-value with the corrected variance.
    public let correctedPValue: Double

    /// Runs the test on `values` at `times`; the times order the values and enter the
    /// Theil–Sen detrending of the correction.
    ///
    /// - Parameters:
    ///   - times: Increasing times (grid indices).
    ///   - values: One per time; NaN is missing.
    ///   - senSlope: The Theil–Sen slope of the same data, when already computed.
    /// - Throws: `TrendError` with fewer than 3 observed values (the correction divides by n−2).
    /// - Complexity: O(n²).
    public static func test(times: [Double], values: [Double], senSlope: Double? = nil) throws(TrendError) -> MannKendall {
        precondition(times.count == values.count, "mann-kendall: \(times.count) times for \(values.count) values")
        let kept = values.indices.filter { !values[$0].isNaN }
        let t = kept.map { times[$0] }, y = kept.map { values[$0] }
        let n = y.count
        guard n >= 3 else { throw .tooFewPoints("the Mann–Kendall test", observed: n, required: 3) }
        var s = 0
        for i in 0..<n {
            for j in (i + 1)..<n where y[j] != y[i] { s += y[j] > y[i] ? 1 : -1 }
        }
        let count = Double(n)
        let variance = (count * (count - 1) * (2 * count + 5) - TheilSen.tieTerm(y)) / 18
        let (z, p) = statistic(s, variance: variance)

        let slope: Double
        if let senSlope { slope = senSlope } else { slope = try TheilSen.estimate(times: t, values: y).slope }
        let ranks = averageRanks(zip(y, t).map { $0 - slope * $1 })
        let r = Statistics.autocorrelations(ranks, maxLag: n - 1)
        let bound = Normal().inverseSurvival(0.025) / count.squareRoot()
        var sum = CompensatedSum()
        for k in 1..<n where abs(r[k]) > bound {
            let m = Double(n - k)
            sum.add(m * (m - 1) * (m - 2) * r[k])
        }
        let factor = 1 + 2 / (count * (count - 1) * (count - 2)) * sum.value
        let (correctedZ, correctedP) = factor > 0 ? statistic(s, variance: variance * factor) : (.nan, .nan)
        return MannKendall(s: s, variance: variance, z: z, pValue: p, correctionFactor: factor,
                           correctedZ: correctedZ, correctedPValue: correctedP)
    }

    /// Z with continuity correction and its two-sided p-value.
    static func statistic(_ s: Int, variance: Double) -> (z: Double, p: Double) {
        let root = variance.squareRoot()
        let z = s > 0 ? Double(s - 1) / root : s < 0 ? Double(s + 1) / root : 0
        return (z, 2 * Normal().survival(abs(z)))
    }

    /// 1-based ranks with ties given their average rank (`scipy.stats.rankdata`'s default).
    static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            let rank = Double(start + end + 1) / 2
            for position in start..<end { ranks[order[position]] = rank }
            start = end
        }
        return ranks
    }
}
