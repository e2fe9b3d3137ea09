import InsightsNumerics

/// When a linear trend `a + b·t` reaches a threshold T, with a confidence interval.
///
/// Point estimate `t* = (T − a)/b`. Interval: Fieller's (1954) method, which inverts the
/// test of `a + b·θ − T = 0` instead of linearising the ratio (the delta method), so it
/// stays valid when b is small: θ is in the interval when
/// `(a − T + bθ)² ≤ z²·(V_aa + 2θV_ab + θ²V_bb)`, i.e.
/// `(b² − z²V_bb)θ² + 2((a−T)b − z²V_ab)θ + (a−T)² − z²V_aa ≤ 0`, with V the (HAC)
/// covariance of (a, b) and z the normal quantile of the level. When `b² > z²V_bb` (the slope
/// differs significantly from 0 at this level) the set is the bounded interval between the
/// roots; otherwise it is unbounded (the whole line or two half-lines): the data cannot
/// bound the crossing time. Source: E. C. Fieller, "Some problems in interval estimation",
/// *J. R. Stat. Soc. B* 16 (1954) 175–185.
public struct CrossingTime: Sendable, Equatable {
    /// The interval of the crossing time.
    public enum Interval: Sendable, Equatable {
        /// Between the two roots, in steps from index 0.
        case bounded(low: Double, high: Double)
        /// The slope is not significantly different from 0 at the level: no finite interval.
        case unbounded
    }

    /// The threshold T.
    public let threshold: Double
    /// `(T − a)/b` in steps from index 0 (may be in the past, negative, or ±∞ when b = 0).
    public let estimate: Double
    /// Fieller's interval.
    public let interval: Interval
    /// The confidence level.
    public let level: Double

    /// Fieller's interval for `(T − a)/b` from estimates and their covariance.
    public static func fieller(threshold: Double, intercept a: Double, slope b: Double, varianceIntercept: Double,
                               covariance: Double, varianceSlope: Double, level: Double = 0.95) -> CrossingTime {
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1)")
        let z = Normal().inverseSurvival((1 - level) / 2)
        let d = a - threshold
        let qa = b * b - z * z * varianceSlope
        let qb = 2 * (d * b - z * z * covariance)
        let qc = d * d - z * z * varianceIntercept
        let estimate = -d / b
        guard qa > 0 else {
            return CrossingTime(threshold: threshold, estimate: estimate, interval: .unbounded, level: level)
        }
        let root = max(0, qb * qb - 4 * qa * qc).squareRoot()
        let first = (-qb - root) / (2 * qa), second = (-qb + root) / (2 * qa)
        return CrossingTime(threshold: threshold, estimate: estimate,
                            interval: .bounded(low: min(first, second), high: max(first, second)), level: level)
    }
}
