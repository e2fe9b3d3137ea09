#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inference about a binomial proportion: a share of actors who converted, retained or did
/// something, estimated from successes out of trials.
public enum Proportion {
    /// The Wilson score interval for a binomial proportion.
    ///
    /// Method: the interval inverts the score test, so it is the set of *p* with
    /// |p̂ − p| ≤ z·√(p(1 − p)/n). Solving the quadratic gives, with *p̂ = x/n* and *z* the
    /// standard normal quantile at 1 − (1 − level)/2,
    /// centre (p̂ + z²/2n)/(1 + z²/n) and half-width z/(1 + z²/n)·√(p̂(1 − p̂)/n + z²/4n²).
    /// Unlike the Wald interval it stays inside [0, 1] and keeps near-nominal coverage for
    /// small *n* and proportions near 0 or 1; at *x = 0* the lower end is exactly 0 and at
    /// *x = n* the upper end is exactly 1. Source: E. B. Wilson, "Probable inference, the law
    /// of succession, and statistical inference", *JASA* 22 (1927), 209–212; Agresti & Coull,
    /// "Approximate is better than 'exact'…", *The American Statistician* 52 (1998). This is
    /// statsmodels' `proportion_confint(method='wilson')`.
    ///
    /// - Parameters:
    ///   - successes: *x*, in `0...trials`.
    ///   - trials: *n*.
    ///   - level: The confidence level, in (0, 1); 0.95 by default.
    /// - Returns: The interval's ends, both NaN when `trials` is 0.
    public static func wilsonInterval(successes: Int, trials: Int, level: Double = 0.95) -> (low: Double, high: Double) {
        precondition(successes >= 0 && successes <= trials, "successes \(successes) outside 0...\(trials)")
        precondition(level > 0 && level < 1, "confidence level \(level) outside (0, 1)")
        guard trials > 0 else { return (.nan, .nan) }
        let z = Normal().inverseSurvival((1 - level) / 2)
        let n = Double(trials), p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        let low = successes == 0 ? 0 : max(0, centre - half)
        let high = successes == trials ? 1 : min(1, centre + half)
        return (low, high)
    }
}

extension Proportion {
    /// The Wilson score interval for a share `proportion` observed over `trials` that need not
    /// be whole: an effective sample size, as when autocorrelated trials count for fewer
    /// independent ones. The formula is ``wilsonInterval(successes:trials:level:)``'s with
    /// p̂ = `proportion` and n = `trials` (statsmodels' `proportion_confint(p̂·n, n,
    /// method='wilson')` accepts the same non-integer counts).
    /// - Returns: The interval's ends, both NaN when `trials` ≤ 0.
    public static func wilsonInterval(proportion p: Double, trials n: Double, level: Double = 0.95) -> (low: Double, high: Double) {
        precondition(p >= 0 && p <= 1, "proportion \(p) outside [0, 1]")
        precondition(level > 0 && level < 1, "confidence level \(level) outside (0, 1)")
        guard n > 0 else { return (.nan, .nan) }
        let z = Normal().inverseSurvival((1 - level) / 2)
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (p == 0 ? 0 : max(0, centre - half), p == 1 ? 1 : min(1, centre + half))
    }
}
