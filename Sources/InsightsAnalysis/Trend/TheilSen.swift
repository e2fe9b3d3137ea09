import InsightsNumerics

/// The Theil–Sen slope with Sen's (1968) confidence interval: a trend estimate that a few
/// outliers cannot move.
///
/// Method, as `scipy.stats.theilslopes(y, x, alpha=level, method='separate')` in scipy 1.17:
/// the slope is the median of the pairwise slopes `(y_j − y_i)/(x_j − x_i)` over pairs with
/// `x_j > x_i` (N of them); the intercept is `median(y) − slope·median(x)`. The interval takes
/// order statistics of the sorted slopes: with z = Φ⁻¹((1−level)/2) (negative) and
/// `σ² = [n(n−1)(2n+5) − Σ_x t(t−1)(2t+5) − Σ_y u(u−1)(2u+5)]/18` (t, u the sizes of groups
/// of tied x and y; Sen's eq. 2.6), the bounds are the slopes at 0-based ranks
/// `max(round((N + zσ)/2) − 1, 0)` and `min(round((N − zσ)/2), N − 1)`, rounding half to
/// even like numpy. Sources: H. Theil, *Proc. KNAW* 53 (1950); P. K. Sen, "Estimates of the
/// regression coefficient based on Kendall's tau", *JASA* 63 (1968) 1379–1389.
public struct TheilSen: Sendable, Equatable {
    public let slope: Double
    public let intercept: Double
    public let lowSlope: Double
    public let highSlope: Double
    /// The confidence level of the interval.
    public let level: Double

    /// The largest series ``estimate(times:values:level:)`` accepts: the method holds all
    /// n(n−1)/2 pairwise slopes in memory (100 MB at n = 5000).
    public static let maximumCount = 5000

    /// Estimates the slope of `values` against `times`; pairs with a NaN value are dropped.
    ///
    /// - Parameters:
    ///   - times: Increasing or not; equal times give no slope between them.
    ///   - values: One per time; NaN is missing.
    ///   - level: The confidence level, in (0, 1).
    /// - Throws: `TrendError` with fewer than two observed values, all times equal, or more
    ///   than ``maximumCount`` observed values.
    /// - Complexity: O(n² log n) time and O(n²) memory.
    public static func estimate(times: [Double], values: [Double], level: Double = 0.95) throws(TrendError) -> TheilSen {
        precondition(times.count == values.count, "theil-sen: \(times.count) times for \(values.count) values")
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1)")
        let kept = values.indices.filter { !values[$0].isNaN }
        let x = kept.map { times[$0] }, y = kept.map { values[$0] }
        let n = y.count
        guard n >= 2 else { throw .tooFewPoints("the Theil–Sen slope", observed: n, required: 2) }
        guard n <= maximumCount else {
            throw .invalidArgument("the Theil–Sen slope holds n(n−1)/2 pairwise slopes; \(n) values exceed the limit of \(maximumCount) (use a coarser step or a shorter window)")
        }
        var slopes: [Double] = []
        slopes.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<n {
            for j in 0..<n where x[i] > x[j] { slopes.append((y[i] - y[j]) / (x[i] - x[j])) }
        }
        guard !slopes.isEmpty else { throw .invalidArgument("the Theil–Sen slope needs two distinct times") }
        slopes.sort()
        let slope = sortedMedian(slopes)
        let intercept = sortedMedian(y.sorted()) - slope * sortedMedian(x.sorted())
        let alpha = 1 - level
        let z = Normal().quantile(alpha / 2)
        let count = Double(n)
        let variance = (count * (count - 1) * (2 * count + 5) - tieTerm(x) - tieTerm(y)) / 18
        let sigma = variance.squareRoot()
        let total = Double(slopes.count)
        let upper = min(Int(((total - z * sigma) / 2).rounded(.toNearestOrEven)), slopes.count - 1)
        let lower = max(Int(((total + z * sigma) / 2).rounded(.toNearestOrEven)) - 1, 0)
        return TheilSen(slope: slope, intercept: intercept, lowSlope: slopes[lower], highSlope: slopes[upper],
                        level: level)
    }

    /// The median of sorted values (mean of the middle two for an even count, as numpy).
    static func sortedMedian(_ sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// `Σ t(t−1)(2t+5)` over groups of equal values.
    static func tieTerm(_ values: [Double]) -> Double {
        tieGroupSizes(values).reduce(0) { total, t in
            let size = Double(t)
            return total + size * (size - 1) * (2 * size + 5)
        }
    }

    /// The sizes of groups of two or more equal values.
    static func tieGroupSizes(_ values: [Double]) -> [Int] {
        let sorted = values.sorted()
        var sizes: [Int] = []
        guard !sorted.isEmpty else { return sizes }
        var start = 0
        for i in 1...sorted.count where i == sorted.count || sorted[i] != sorted[start] {
            if i - start > 1 { sizes.append(i - start) }
            start = i
        }
        return sizes
    }
}
