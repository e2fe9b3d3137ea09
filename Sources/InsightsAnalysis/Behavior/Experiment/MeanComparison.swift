import InsightsNumerics

/// A variant's mean of a continuous per-actor metric (revenue, time on site…) against the
/// control's, by Welch's unequal-variance t-test.
///
/// With means `m`, sample variances `s²` and counts `n` per arm:
/// - `SE = √(s_v²/n_v + s_c²/n_c)`, `t = (m_v − m_c)/SE`.
/// - Degrees of freedom by Welch–Satterthwaite:
///   `ν = SE⁴ / ((s_v²/n_v)²/(n_v − 1) + (s_c²/n_c)²/(n_c − 1))`;
///   two-sided `p = 2·P(T_ν > |t|)`. This is `scipy.stats.ttest_ind(v, c, equal_var=False)`.
/// - Difference interval `m_v − m_c ± t_ν*·SE`, `t_ν*` the t quantile at `(1 + level)/2`.
/// - Relative lift `m_v/m_c − 1` with a delta-method interval on the ratio scale:
///   `Var(m_v/m_c) ≈ s_v²/(n_v m_c²) + m_v² s_c²/(n_c m_c⁴)`, interval
///   `lift ± z*·√Var` with the normal quantile `z*` (a large-sample method; it assumes the
///   control mean is well away from 0).
///
/// Sources: B. L. Welch, *Biometrika* 34 (1947) 28–35; F. E. Satterthwaite, *Biometrics
/// Bulletin* 2 (1946) 110–114; the delta method for ratio metrics as in A. Deng, U. Knoblich
/// and J. Lu, "Applying the delta method in metric analytics", KDD 2018.
public struct MeanComparison: Sendable, Equatable {
    /// The control arm's summary.
    public let control: SampleSummary
    /// The variant arm's summary.
    public let variant: SampleSummary
    /// The level of both intervals.
    public let level: Double
    /// `m_v − m_c`, in the metric's units.
    public let difference: Double
    /// The unpooled standard error of the difference.
    public let standardError: Double
    /// The Welch–Satterthwaite degrees of freedom.
    public let degreesOfFreedom: Double
    /// The t statistic, positive when the variant's mean is larger.
    public let t: Double
    /// The two-sided p-value, not adjusted for multiple variants.
    public let pValue: Double
    /// The interval for `m_v − m_c`.
    public let differenceInterval: ConfidenceInterval
    /// `m_v/m_c − 1` (NaN when the control mean is 0).
    public let relativeLift: Double
    /// The delta-method interval for the relative lift.
    public let relativeLiftInterval: ConfidenceInterval

    /// Runs Welch's test on two arms' per-actor values.
    /// - Throws: `ExperimentError` when an arm has fewer than 2 values, a value is not finite,
    ///   or the level is outside (0, 1).
    public static func welch(control: [Double], variant: [Double],
                             level: Double = 0.95) throws(ExperimentError) -> MeanComparison
    {
        try welch(control: SampleSummary(control), variant: SampleSummary(variant), level: level)
    }

    /// Runs Welch's test on two arms' summaries.
    /// - Throws: `ExperimentError` when an arm has fewer than 2 actors or the level is outside
    ///   (0, 1).
    public static func welch(control: SampleSummary, variant: SampleSummary,
                             level: Double = 0.95) throws(ExperimentError) -> MeanComparison
    {
        try ExperimentError.checkLevel(level)
        guard control.count >= 2 else {
            throw .tooFewObservations("Welch's t-test", arm: "control", observed: control.count, required: 2)
        }
        guard variant.count >= 2 else {
            throw .tooFewObservations("Welch's t-test", arm: "variant", observed: variant.count, required: 2)
        }
        let nc = Double(control.count), nv = Double(variant.count)
        let vc = control.variance / nc, vv = variant.variance / nv
        let se = (vc + vv).squareRoot()
        let difference = variant.mean - control.mean
        let df = (vc + vv) * (vc + vv) / (vv * vv / (nv - 1) + vc * vc / (nc - 1))
        let t = difference / se
        let valid = se > 0
        let distribution = valid ? StudentT(degreesOfFreedom: df) : nil
        let pValue = distribution.map { 2 * $0.survival(abs(t)) } ?? .nan
        let differenceInterval: ConfidenceInterval
        if let distribution {
            let critical = distribution.inverseSurvival((1 - level) / 2)
            differenceInterval = ConfidenceInterval(lower: difference - critical * se,
                                                    upper: difference + critical * se, level: level)
        } else {
            differenceInterval = .undefined(level: level)
        }

        let lift = control.mean != 0 ? variant.mean / control.mean - 1 : Double.nan
        let liftInterval: ConfidenceInterval
        if control.mean != 0 {
            let mc2 = control.mean * control.mean
            let liftSE = (vv / mc2 + variant.mean * variant.mean * vc / (mc2 * mc2)).squareRoot()
            let z = Normal().inverseSurvival((1 - level) / 2)
            liftInterval = ConfidenceInterval(lower: lift - z * liftSE, upper: lift + z * liftSE, level: level)
        } else {
            liftInterval = .undefined(level: level)
        }
        return MeanComparison(control: control, variant: variant, level: level, difference: difference,
                              standardError: se, degreesOfFreedom: valid ? df : .nan,
                              t: valid ? t : .nan, pValue: pValue,
                              differenceInterval: differenceInterval, relativeLift: lift,
                              relativeLiftInterval: liftInterval)
    }
}
