import InsightsNumerics

/// The best split of a series into two segments with different means, and its significance.
///
/// Statistic: for each split k (segments `[0, k)` and `[k, n)`) the Chow F statistic
/// `F(k) = (RSS₀ − RSS₁(k)) / (RSS₁(k)/(n − 2))`, RSS₀ about the overall mean and RSS₁
/// about the two segment means; the split maximising F over the trimmed range
/// `⌈πn⌉ ≤ k ≤ n − ⌈πn⌉` (π = 0.15, Andrews 1993) is reported with `sup F`.
///
/// p-value: `sup F` is asymptotically the supremum of `B(u)²/(u(1−u))` over
/// `u ∈ [u₀, u₁] = [⌈πn⌉/n, 1 − ⌈πn⌉/n]` for a Brownian bridge B (Andrews 1993, one
/// restriction). Its tail is approximated by James, James & Siegmund (1987):
/// `P(sup > b²) ≈ b·φ(b)·[(1 − b⁻²)·log(u₁(1−u₀)/(u₀(1−u₁))) + 4b⁻²]`, capped at 1. The
/// approximation is for large b (it gives 0.050 at Andrews' 5% critical value 8.85 for
/// π = 0.15, and is conservative for small statistics). It assumes independent errors
/// of constant variance; autocorrelation makes it anti-conservative.
/// Sources: D. W. K. Andrews, *Econometrica* 61 (1993) 821–856; B. James, K. L. James and
/// D. Siegmund, "Tests for a change-point", *Biometrika* 74 (1987) 71–83.
public struct SingleSplit: Sendable, Equatable {
    /// The first index (in the input, NaN positions counted) of the second segment.
    public let index: Int
    /// `sup F`.
    public let statistic: Double
    /// The approximate asymptotic p-value.
    public let pValue: Double
    /// Mean after − mean before.
    public let size: Double

    /// Finds the best split of `values` (NaN dropped).
    ///
    /// - Parameters:
    ///   - values: The series.
    ///   - trimming: π, the share of points each segment must hold at least, in (0, 0.5).
    /// - Throws: `TrendError` with fewer than 4 observed values, or when the trimmed range is empty.
    /// - Complexity: O(n).
    public static func best(_ values: [Double], trimming: Double = 0.15) throws(TrendError) -> SingleSplit {
        precondition(trimming > 0 && trimming < 0.5, "trimming must be in (0, 0.5)")
        let (indices, y) = ChangePointDetection.observed(values)
        let n = y.count
        guard n >= 4 else { throw .tooFewPoints("the single-split test", observed: n, required: 4) }
        let edge = max(1, Int((trimming * Double(n)).rounded(.up)))
        guard edge <= n - edge else {
            throw .tooFewPoints("the single-split test with trimming \(trimming)", observed: n, required: 2 * edge)
        }
        // Welford running sums from the left and from the right.
        var leftMean = [Double](repeating: 0, count: n + 1), leftSS = leftMean
        for i in 0..<n {
            let delta = y[i] - leftMean[i]
            leftMean[i + 1] = leftMean[i] + delta / Double(i + 1)
            leftSS[i + 1] = leftSS[i] + delta * (y[i] - leftMean[i + 1])
        }
        var rightMean = [Double](repeating: 0, count: n + 1), rightSS = rightMean
        for i in stride(from: n - 1, through: 0, by: -1) {
            let count = Double(n - i)
            let delta = y[i] - rightMean[i + 1]
            rightMean[i] = rightMean[i + 1] + delta / count
            rightSS[i] = rightSS[i + 1] + delta * (y[i] - rightMean[i])
        }
        let total = leftSS[n]
        var best = (statistic: -Double.infinity, split: edge)
        for k in edge...(n - edge) {
            let rss = leftSS[k] + rightSS[k]
            let f = (total - rss) / (rss / Double(n - 2))
            if f > best.statistic { best = (f, k) }
        }
        let u0 = Double(edge) / Double(n), u1 = Double(n - edge) / Double(n)
        return SingleSplit(index: indices[best.split], statistic: best.statistic,
                           pValue: tailProbability(best.statistic, from: u0, to: u1),
                           size: rightMean[best.split] - leftMean[best.split])
    }

    /// James, James & Siegmund's approximation of `P(sup_{u∈[u₀,u₁]} B(u)²/(u(1−u)) > x)`.
    public static func tailProbability(_ x: Double, from u0: Double, to u1: Double) -> Double {
        guard x > 0 else { return 1 }
        let b = x.squareRoot()
        let density = exp(-x / 2) / (2 * Double.pi).squareRoot()
        let p = b * density * ((1 - 1 / x) * log(u1 * (1 - u0) / (u0 * (1 - u1))) + 4 / x)
        return min(1, max(0, p))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
