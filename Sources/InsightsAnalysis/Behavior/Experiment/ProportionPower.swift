import InsightsNumerics

/// Sample size and minimum detectable effect for the two-sided two-proportion z-test with
/// equal arms.
///
/// Method: with baseline rate `p₁`, alternative `p₂ = p₁ ± δ`, `p̄ = (p₁ + p₂)/2`,
/// `z_a = Φ⁻¹(1 − α/2)` and `z_b = Φ⁻¹(power)`, each arm needs
///
///     n = (z_a·√(2 p̄(1 − p̄)) + z_b·√(p₁(1 − p₁) + p₂(1 − p₂)))² / δ²
///
/// actors: the test statistic's spread is the pooled one under the null and the unpooled one
/// under the alternative, and the far rejection tail (wrong-sign rejections) is ignored, which
/// changes power by less than `Φ(−z_a − …)` (J. L. Fleiss, B. Levin and M. C. Paik,
/// *Statistical Methods for Rates and Proportions*, 3rd ed. (2003), eq. 4.14 without the
/// continuity correction). This is statsmodels'
/// `samplesize_proportions_2indep_onetail(diff=δ, prop2=p₁, power, alpha=α)`.
/// It differs from the arcsine (Cohen's h) formula of `NormalIndPower` with
/// `proportion_effectsize`, which is a variance-stabilised approximation of the same test.
///
/// The minimum detectable effect is the `δ` at which that `n` equals the given sample size,
/// found by bisection (the required `n` falls as `δ` grows).
public enum ProportionPower {
    /// Which way the effect to detect moves the rate.
    public enum Direction: Sendable, Hashable {
        /// `p₂ = p₁ + δ`.
        case increase
        /// `p₂ = p₁ − δ`.
        case decrease
    }

    /// A minimum detectable effect.
    public struct MinimumDetectableEffect: Sendable, Hashable {
        /// `δ`, in rate units (0.01 is one percentage point).
        public let absolute: Double
        /// `δ/p₁`, the same effect as a relative lift.
        public let relative: Double
    }

    /// The actors needed in each arm to detect an absolute change of `minimumDetectableEffect`
    /// from `baselineRate` with a two-sided test at `alpha` and the given power.
    ///
    /// - Returns: The exact solution of the formula (not rounded); round it up to plan.
    /// - Throws: `ExperimentError` when the baseline is outside (0, 1), the alternative rate
    ///   `p₁ ± δ` is outside (0, 1), `δ ≤ 0`, or `alpha` or `power` is outside (0, 1).
    public static func sampleSizePerArm(baselineRate: Double, minimumDetectableEffect: Double,
                                        direction: Direction = .increase, alpha: Double = 0.05,
                                        power: Double = 0.8) throws(ExperimentError) -> Double
    {
        try check(baselineRate: baselineRate, alpha: alpha, power: power)
        guard minimumDetectableEffect > 0 && minimumDetectableEffect.isFinite else {
            throw .invalidArgument("the minimum detectable effect must be positive, got \(minimumDetectableEffect)")
        }
        let alternative = direction == .increase ? baselineRate + minimumDetectableEffect
                                                 : baselineRate - minimumDetectableEffect
        guard alternative > 0 && alternative < 1 else {
            throw .invalidArgument("baseline \(baselineRate) and effect \(minimumDetectableEffect) give a rate of \(alternative), outside (0, 1)")
        }
        return requiredSize(baselineRate, minimumDetectableEffect, direction: direction,
                            za: Normal().inverseSurvival(alpha / 2), zb: Normal().quantile(power))
    }

    /// The smallest absolute change from `baselineRate` that a two-sided test at `alpha`
    /// detects with the given power when each arm has `samplesPerArm` actors.
    ///
    /// - Throws: `ExperimentError` when the baseline, `alpha` or `power` is outside (0, 1),
    ///   `samplesPerArm` is not positive, or no change within (0, 1) reaches the power.
    public static func minimumDetectableEffect(baselineRate: Double, samplesPerArm: Double,
                                               direction: Direction = .increase, alpha: Double = 0.05,
                                               power: Double = 0.8) throws(ExperimentError) -> MinimumDetectableEffect
    {
        try check(baselineRate: baselineRate, alpha: alpha, power: power)
        guard samplesPerArm > 0 && samplesPerArm.isFinite else {
            throw .invalidArgument("the sample size per arm must be positive, got \(samplesPerArm)")
        }
        let za = Normal().inverseSurvival(alpha / 2), zb = Normal().quantile(power)
        var low = 0.0
        var high = direction == .increase ? 1 - baselineRate : baselineRate
        // The largest effect keeps the alternative rate inside (0, 1).
        high = high.nextDown
        guard requiredSize(baselineRate, high, direction: direction, za: za, zb: zb) <= samplesPerArm else {
            throw .invalidArgument("\(samplesPerArm) actors per arm cannot reach power \(power) from a baseline of \(baselineRate)")
        }
        for _ in 0..<200 {
            let middle = low + (high - low) / 2
            if middle <= low || middle >= high { break }
            if requiredSize(baselineRate, middle, direction: direction, za: za, zb: zb) > samplesPerArm {
                low = middle
            } else {
                high = middle
            }
        }
        return MinimumDetectableEffect(absolute: high, relative: high / baselineRate)
    }

    private static func requiredSize(_ p1: Double, _ delta: Double, direction: Direction,
                                     za: Double, zb: Double) -> Double
    {
        let p2 = direction == .increase ? p1 + delta : p1 - delta
        let mean = (p1 + p2) / 2
        let null = (2 * mean * (1 - mean)).squareRoot()
        let alternative = (p1 * (1 - p1) + p2 * (1 - p2)).squareRoot()
        let root = (za * null + zb * alternative) / delta
        return root * root
    }

    private static func check(baselineRate: Double, alpha: Double, power: Double) throws(ExperimentError) {
        guard baselineRate > 0 && baselineRate < 1 else {
            throw .invalidArgument("the baseline rate must lie strictly between 0 and 1, got \(baselineRate)")
        }
        guard alpha > 0 && alpha < 1 else {
            throw .invalidArgument("alpha must lie strictly between 0 and 1, got \(alpha)")
        }
        guard power > 0 && power < 1 else {
            throw .invalidArgument("power must lie strictly between 0 and 1, got \(power)")
        }
    }
}
