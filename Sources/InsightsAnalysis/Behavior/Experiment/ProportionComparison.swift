#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import InsightsNumerics

/// A variant's conversion rate against the control's: the two-proportion z-test, a
/// confidence interval for the difference, and the relative lift with its interval.
///
/// With `p̂_c = x_c/n_c`, `p̂_v = x_v/n_v` and `z* = Φ⁻¹((1 + level)/2)`:
/// - Test of `p_v = p_c`: `z = (p̂_v − p̂_c)/SE₀` with the pooled standard error
///   `SE₀ = √(p̄(1 − p̄)(1/n_v + 1/n_c))`, `p̄ = (x_v + x_c)/(n_v + n_c)`, the standard error
///   under the null hypothesis; two-sided `p = 2·P(Z > |z|)`. This is statsmodels'
///   `proportions_ztest([x_v, x_c], [n_v, n_c])`.
/// - Difference interval: `p̂_v − p̂_c ± z*·SE` with the unpooled (Wald) standard error
///   `SE = √(p̂_v(1 − p̂_v)/n_v + p̂_c(1 − p̂_c)/n_c)`, since outside the null the two rates
///   differ (statsmodels' `confint_proportions_2indep(..., compare="diff", method="wald")`).
/// - Relative lift `p̂_v/p̂_c − 1`; its interval comes from the delta method on the log of
///   the ratio: `log(p̂_v/p̂_c) ± z*·√((1 − p̂_v)/x_v + (1 − p̂_c)/x_c)`, exponentiated, minus 1
///   (Katz et al., *Biometrics* 34 (1978) 469–474; statsmodels'
///   `confint_proportions_2indep(..., compare="ratio", method="log")` shifted by −1). The
///   interval is asymmetric about the estimate and never goes below −100%.
///
/// Undefined cases give NaN rather than an error: `z` and `p` when no one or everyone
/// converted in both arms (the pooled standard error is 0); the lift when the control has no
/// conversions; the lift interval when either arm has no conversions.
///
/// Textbook treatment: A. Agresti, *Categorical Data Analysis*, 3rd ed. (2013), §3.1.
public struct ProportionComparison: Sendable, Equatable {
    /// The control arm's counts.
    public let control: ConversionCounts
    /// The variant arm's counts.
    public let variant: ConversionCounts
    /// The confidence level of both intervals.
    public let level: Double
    /// `p̂_v − p̂_c`, in rate units (0.01 is one percentage point).
    public let difference: Double
    /// The pooled standard error used by the test.
    public let pooledStandardError: Double
    /// The z statistic, positive when the variant converts more.
    public let z: Double
    /// The two-sided p-value of the z-test, not adjusted for multiple variants.
    public let pValue: Double
    /// The unpooled standard error used by the difference interval.
    public let standardError: Double
    /// The interval for `p_v − p_c`.
    public let differenceInterval: ConfidenceInterval
    /// `p̂_v/p̂_c − 1` (0.05 is a 5% lift).
    public let relativeLift: Double
    /// The interval for the relative lift (delta method on the log ratio).
    public let relativeLiftInterval: ConfidenceInterval

    /// Compares a variant's conversion rate with the control's.
    ///
    /// - Parameters:
    ///   - control: The control arm.
    ///   - variant: The variant arm.
    ///   - level: The confidence level of the intervals (0.95 by default). For several
    ///     variants, pass `MultipleComparisonCorrection.intervalLevel(_:comparisons:)`.
    /// - Throws: `ExperimentError` when an arm has no exposures or the level is outside (0, 1).
    public static func test(control: ConversionCounts, variant: ConversionCounts,
                            level: Double = 0.95) throws(ExperimentError) -> ProportionComparison
    {
        try ExperimentError.checkLevel(level)
        guard control.exposed > 0 else {
            throw .tooFewObservations("the two-proportion test", arm: "control", observed: 0, required: 1)
        }
        guard variant.exposed > 0 else {
            throw .tooFewObservations("the two-proportion test", arm: "variant", observed: 0, required: 1)
        }
        let nc = Double(control.exposed), nv = Double(variant.exposed)
        let xc = Double(control.converted), xv = Double(variant.converted)
        let pc = xc / nc, pv = xv / nv
        let difference = pv - pc
        let pooled = (xc + xv) / (nc + nv)
        let pooledSE = (pooled * (1 - pooled) * (1 / nv + 1 / nc)).squareRoot()
        let z = pooledSE > 0 ? difference / pooledSE : Double.nan
        let pValue = z.isNaN ? Double.nan : 2 * Normal().survival(abs(z))

        let critical = Normal().inverseSurvival((1 - level) / 2)
        let se = (pv * (1 - pv) / nv + pc * (1 - pc) / nc).squareRoot()
        let differenceInterval = ConfidenceInterval(lower: difference - critical * se,
                                                    upper: difference + critical * se, level: level)

        let lift = xc > 0 ? pv / pc - 1 : Double.nan
        let liftInterval: ConfidenceInterval
        if xc > 0 && xv > 0 {
            let logRatio = log(pv) - log(pc)
            let logSE = ((1 - pv) / xv + (1 - pc) / xc).squareRoot()
            liftInterval = ConfidenceInterval(lower: expm1(logRatio - critical * logSE),
                                              upper: expm1(logRatio + critical * logSE), level: level)
        } else {
            liftInterval = .undefined(level: level)
        }
        return ProportionComparison(control: control, variant: variant, level: level,
                                    difference: difference, pooledStandardError: pooledSE, z: z,
                                    pValue: pValue, standardError: se,
                                    differenceInterval: differenceInterval, relativeLift: lift,
                                    relativeLiftInterval: liftInterval)
    }
}
