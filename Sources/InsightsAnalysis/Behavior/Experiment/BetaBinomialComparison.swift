#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import InsightsNumerics

/// The prior of a conversion rate in the beta–binomial model: `Beta(α, β)`.
public struct BetaPrior: Sendable, Hashable {
    /// `α`, worth `α` prior conversions.
    public let alpha: Double
    /// `β`, worth `β` prior non-conversions.
    public let beta: Double

    /// Creates a prior.
    /// - Throws: `ExperimentError` unless both shapes are positive and finite.
    public init(alpha: Double, beta: Double) throws(ExperimentError) {
        guard alpha > 0 && alpha.isFinite && beta > 0 && beta.isFinite else {
            throw .invalidArgument("beta prior shapes must be positive and finite, got (\(alpha), \(beta))")
        }
        self.alpha = alpha
        self.beta = beta
    }

    private init(unchecked alpha: Double, _ beta: Double) {
        self.alpha = alpha
        self.beta = beta
    }

    /// `Beta(1, 1)`: every rate in [0, 1] equally likely a priori. The default.
    public static let uniform = BetaPrior(unchecked: 1, 1)

    /// The posterior after `counts`: `Beta(α + x, β + n − x)`.
    public func posterior(_ counts: ConversionCounts) -> BetaDistribution {
        BetaDistribution(alpha: alpha + Double(counts.converted),
                         beta: beta + Double(counts.exposed - counts.converted))
    }
}

/// A Bayesian comparison of a variant's conversion rate with the control's, in the
/// beta–binomial model: each arm's rate has a `Beta(α, β)` prior, conversions are binomial
/// given the rate, so the posteriors are `Beta(α + x, β + n − x)`, independent between arms.
///
/// Every number is computed by numerical integration of the exact posteriors (no Monte
/// Carlo, no normal approximation), with `C` and `V` the control and variant rates:
/// - `P(V > C) = ∫ f_V(t) F_C(t) dt` (or `∫ f_C(t) (1 − F_V(t)) dt`, integrating over
///   whichever posterior is narrower), truncated to the central `1 − 2·10⁻¹⁷` of that
///   posterior's mass.
/// - Expected loss of shipping the variant, `E[max(C − V, 0)]`, by the identity
///   `E[C·1{C > V}] = E[C]·P(C⁺ > V)` with `C⁺ ~ Beta(α_C + 1, β_C)`:
///   `E[max(C − V, 0)] = E[C]·P(C⁺ > V) − E[V]·P(C > V⁺)`. Likewise for keeping the control.
/// - The relative lift `V/C − 1`: its equal-tailed credible interval solves
///   `P(V/C ≤ r) = ∫ f_C(t) F_V(r·t) dt = q` for `r` at `q = (1 ∓ level)/2` by bracketed
///   root finding (Illinois method) on `log r`.
///
/// The integrals use adaptive Gauss–Kronrod quadrature (`Quadrature.integrate`) to an
/// absolute error estimate of 1e-13; lift quantiles are solved to 1e-10 relative in the ratio.
/// Sources: the model is conjugate (A. Gelman et al., *Bayesian Data Analysis*, 3rd ed.,
/// §2.4); the expected-loss criterion is C. Stucchio's ("Bayesian A/B testing at VWO", 2015).
public struct BetaBinomialComparison: Sendable {
    /// The prior used for both arms.
    public let prior: BetaPrior
    /// The control's posterior.
    public let controlPosterior: BetaDistribution
    /// The variant's posterior.
    public let variantPosterior: BetaDistribution
    /// `P(p_v > p_c | data)`, the posterior probability that the variant converts better.
    public let probabilityVariantBeatsControl: Double
    /// `E[max(p_c − p_v, 0) | data]`: the conversion rate expected to be lost by shipping the
    /// variant (rate units; compare it with a tolerable loss such as 0.0001).
    public let expectedLossChoosingVariant: Double
    /// `E[max(p_v − p_c, 0) | data]`: the rate expected to be lost by keeping the control.
    public let expectedLossChoosingControl: Double
    /// The posterior median of the relative lift `p_v/p_c − 1`.
    public let relativeLiftMedian: Double
    /// The equal-tailed credible interval of the relative lift at `level`.
    public let relativeLiftInterval: ConfidenceInterval

    /// Computes the posterior comparison.
    ///
    /// - Parameters:
    ///   - control: The control arm.
    ///   - variant: The variant arm.
    ///   - prior: The prior of each arm's rate (`Beta(1, 1)` by default).
    ///   - level: The credible level of the lift interval (0.95 by default).
    /// - Throws: `ExperimentError` when the level is outside (0, 1).
    /// - Complexity: a few hundred incomplete-beta evaluations per integral; about forty
    ///   integrals in all.
    public static func compare(control: ConversionCounts, variant: ConversionCounts,
                               prior: BetaPrior = .uniform,
                               level: Double = 0.95) throws(ExperimentError) -> BetaBinomialComparison
    {
        try ExperimentError.checkLevel(level)
        let c = prior.posterior(control)
        let v = prior.posterior(variant)
        let cPlus = BetaDistribution(alpha: c.alpha + 1, beta: c.beta)
        let vPlus = BetaDistribution(alpha: v.alpha + 1, beta: v.beta)
        let beats = BetaIntegrals.probability(v, exceeds: c)
        let lossVariant = max(0, c.mean * BetaIntegrals.probability(cPlus, exceeds: v)
            - v.mean * BetaIntegrals.probability(c, exceeds: vPlus))
        let lossControl = max(0, v.mean * BetaIntegrals.probability(vPlus, exceeds: c)
            - c.mean * BetaIntegrals.probability(v, exceeds: cPlus))
        let tail = (1 - level) / 2
        return BetaBinomialComparison(
            prior: prior, controlPosterior: c, variantPosterior: v,
            probabilityVariantBeatsControl: beats,
            expectedLossChoosingVariant: lossVariant, expectedLossChoosingControl: lossControl,
            relativeLiftMedian: BetaIntegrals.ratioQuantile(v, over: c, 0.5) - 1,
            relativeLiftInterval: ConfidenceInterval(
                lower: BetaIntegrals.ratioQuantile(v, over: c, tail) - 1,
                upper: BetaIntegrals.ratioQuantile(v, over: c, 1 - tail) - 1, level: level))
    }
}

/// Integrals over pairs of independent beta distributions.
enum BetaIntegrals {
    /// Posterior mass left outside each end of the integration range.
    static let truncation = 1e-17

    /// The range holding all but `truncation` of `d`'s mass at each end.
    static func support(_ d: BetaDistribution) -> (low: Double, high: Double) {
        (d.quantile(truncation), d.inverseSurvival(truncation))
    }

    static func integrate(over d: BetaDistribution, _ f: (Double) -> Double) -> Double {
        let (low, high) = support(d)
        return Quadrature.integrate(from: low, to: high, absoluteTolerance: 1e-13,
                                    relativeTolerance: 1e-12, initialPieces: 8) { t in
            d.pdf(t) * f(t)
        }.value
    }

    /// `P(X > Y)` for independent `X` and `Y`, integrating over the narrower of the two.
    static func probability(_ x: BetaDistribution, exceeds y: BetaDistribution) -> Double {
        let value = x.variance <= y.variance
            ? integrate(over: x) { y.cdf($0) }
            : integrate(over: y) { x.survival($0) }
        return min(1, max(0, value))
    }

    /// `P(X/Y ≤ r)` for independent `X`, `Y` on [0, 1].
    static func ratioCDF(_ x: BetaDistribution, over y: BetaDistribution, _ r: Double) -> Double {
        // Integrate over the variable with the smaller relative spread.
        let value = x.variance / (x.mean * x.mean) <= y.variance / (y.mean * y.mean)
            ? integrate(over: x) { t in y.survival(t / r) }       // P(Y ≥ X/r)
            : integrate(over: y) { t in x.cdf(min(1, r * t)) }   // P(X ≤ r·Y)
        return min(1, max(0, value))
    }

    /// The `r` with `P(X/Y ≤ r) = q`, `0 < q < 1`.
    static func ratioQuantile(_ x: BetaDistribution, over y: BetaDistribution, _ q: Double) -> Double {
        // Start from the lognormal approximation of the ratio and bracket on log r.
        let spread = (x.variance / (x.mean * x.mean) + y.variance / (y.mean * y.mean)).squareRoot()
        let centre = log(x.mean) - log(y.mean) + spread * Normal().quantile(q)
        let g = { (s: Double) in ratioCDF(x, over: y, exp(s)) - q }
        var low = centre - spread, high = centre + spread
        var gLow = g(low), gHigh = g(high)
        var step = spread
        while gLow > 0 { step *= 2; high = low; gHigh = gLow; low -= step; gLow = g(low) }
        step = spread
        while gHigh < 0 { step *= 2; low = high; gLow = gHigh; high += step; gHigh = g(high) }
        // Illinois variant of regula falsi: halve the weight of an end that is kept twice.
        var side = 0
        for _ in 0..<200 {
            if high - low <= 1e-10 { break }
            var s = (low * gHigh - high * gLow) / (gHigh - gLow)
            if !(s > low && s < high) { s = low + (high - low) / 2 }
            let gs = g(s)
            if gs == 0 { return exp(s) }
            if gs < 0 {
                low = s; gLow = gs
                if side == -1 { gHigh /= 2 }
                side = -1
            } else {
                high = s; gHigh = gs
                if side == 1 { gLow /= 2 }
                side = 1
            }
        }
        return exp(low + (high - low) / 2)
    }
}
