/// A univariate continuous probability distribution.
///
/// Conforming types compute both tails directly: `survival(x)` is not `1 − cdf(x)` but is
/// evaluated so that it keeps its relative accuracy when it is tiny, and `inverseSurvival(q)`
/// likewise solves in the upper tail. A NaN argument gives NaN; arguments outside the support
/// give the limiting values (density 0, `cdf` 0 or 1); probabilities outside `[0, 1]` give NaN.
public protocol ContinuousDistribution: Sendable {
    /// The probability density at `x`.
    func pdf(_ x: Double) -> Double
    /// The natural logarithm of the density at `x` (`-∞` outside the support).
    func logPDF(_ x: Double) -> Double
    /// The lower tail probability `P(X ≤ x)`.
    func cdf(_ x: Double) -> Double
    /// The upper tail probability `P(X > x)`, computed directly rather than as `1 − cdf(x)`.
    func survival(_ x: Double) -> Double
    /// The quantile: the `x` with `cdf(x) = p`.
    /// - Returns: the lower end of the support for `p = 0`, the upper end for `p = 1`, NaN for
    ///   `p` outside `[0, 1]`.
    func quantile(_ p: Double) -> Double
    /// The `x` with `survival(x) = q`, accurate for tiny `q` where `quantile(1 − q)` is not.
    func inverseSurvival(_ q: Double) -> Double
    /// The mean (`+∞` or NaN where it does not exist).
    var mean: Double { get }
    /// The variance (`+∞` or NaN where it does not exist).
    var variance: Double { get }
}
