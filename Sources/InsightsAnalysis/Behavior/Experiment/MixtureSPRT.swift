#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Always-valid p-values for a difference between two arms, from the mixture sequential
/// probability ratio test (mSPRT) of Johari, Koomen, Pekelis and Walsh.
///
/// An ordinary p-value is valid only if it is looked at once, at a sample size fixed in
/// advance: checking it at every look and stopping at the first `p < α` makes false positives
/// far more frequent than `α`. The always-valid p-value may be monitored continuously: under
/// the null, the probability that it *ever* falls below `α` is at most `α` (approximately
/// here, through the normal approximation).
///
/// Method, with `θ̂` the observed difference (variant − control) and `V` its variance at a look:
/// - Under a normal approximation `θ̂ ~ N(θ, V)`. Mixing the likelihood ratio of `θ` against
///   `θ = 0` over `θ ~ N(0, τ²)` gives
///
///       Λ = √(V/(V + τ²)) · exp( θ̂² τ² / (2 V (V + τ²)) ),
///
///   the paper's two-sample statistic (§3, with `V = 2σ²/n`) written for any `V`. `Λ` is a
///   nonnegative martingale under the null with mean 1, so by Ville's inequality
///   `P(sup Λ ≥ 1/α) ≤ α`.
/// - The always-valid p-value after looks `1…k` is `p_k = min(1, min_{j ≤ k} 1/Λ_j)`: a
///   running minimum, so it never rises.
/// - Conversions: `θ̂ = p̂_v − p̂_c`, `V = p̄(1 − p̄)(1/n_v + 1/n_c)` with the pooled rate `p̄`
///   (the variance under the null, defined even while one arm has no conversions; 0, and so
///   `Λ = 1`, while nobody or everybody has converted).
///   Continuous metrics: `θ̂ = m_v − m_c`, `V = s_v²/n_v + s_c²/n_c`.
///
/// The mixing variance `τ²` says what size of effect the test is tuned to find; it must be
/// fixed before the first look. Power is best when `τ` is near the effects one expects, and
/// the paper finds performance flat within an order of magnitude of the optimum. The
/// suggested default, `mixingVariance(relativeEffect: 0.1, baseline:)`, is `τ = 0.1 ×` the
/// control's expected rate or mean (a 10% relative lift), with the baseline taken from
/// history or from the control before the experiment.
///
/// Source: R. Johari, P. Koomen, L. Pekelis and D. Walsh, "Always valid inference:
/// continuous monitoring of A/B tests", *Operations Research* 70 (2022) 1806–1821
/// (arXiv:1512.04922).
public struct MixtureSPRT: Sendable, Hashable {
    /// `τ²`, the variance of the normal mixing distribution over the true difference.
    public let mixingVariance: Double

    /// Creates the test with mixing variance `τ²`.
    /// - Throws: `ExperimentError` unless `mixingVariance` is positive and finite.
    public init(mixingVariance: Double) throws(ExperimentError) {
        guard mixingVariance > 0 && mixingVariance.isFinite else {
            throw .invalidArgument("the mixing variance must be positive and finite, got \(mixingVariance)")
        }
        self.mixingVariance = mixingVariance
    }

    /// The suggested default relative effect for `mixingVariance(relativeEffect:baseline:)`.
    public static let defaultRelativeEffect = 0.1

    /// `τ² = (relativeEffect · baseline)²`: the mixing variance tuned to a relative lift of
    /// `relativeEffect` on a control rate or mean of `baseline`.
    public static func mixingVariance(relativeEffect: Double = defaultRelativeEffect, baseline: Double) -> Double {
        let tau = relativeEffect * baseline
        return tau * tau
    }

    /// `log Λ` for an observed difference with variance `V`; 0 (no evidence) when `V = 0`.
    public func logLikelihoodRatio(difference: Double, variance: Double) -> Double {
        guard variance > 0 else { return 0 }
        let total = variance + mixingVariance
        return 0.5 * log(variance / total)
            + difference * difference * mixingVariance / (2 * variance * total)
    }

    /// One look from a difference and its variance: `1/Λ` capped at 1 is the always-valid
    /// p-value when this is the only look.
    public func look(difference: Double, variance: Double) -> SequentialLook {
        let logRatio = logLikelihoodRatio(difference: difference, variance: variance)
        let p = min(1, exp(-logRatio))
        return SequentialLook(difference: difference, variance: variance,
                              likelihoodRatio: exp(logRatio), pValue: p, alwaysValidPValue: p)
    }

    /// One look at conversion counts (the data so far).
    public func look(control: ConversionCounts, variant: ConversionCounts) -> SequentialLook {
        let (difference, variance) = Self.moments(control: control, variant: variant)
        return look(difference: difference, variance: variance)
    }

    /// One look at continuous-metric summaries (the data so far).
    public func look(control: SampleSummary, variant: SampleSummary) -> SequentialLook {
        let (difference, variance) = Self.moments(control: control, variant: variant)
        return look(difference: difference, variance: variance)
    }

    /// A sequence of looks at cumulative conversion counts, in time order; each result's
    /// `alwaysValidPValue` is the running minimum up to that look.
    public func looks(_ cumulative: [(control: ConversionCounts, variant: ConversionCounts)]) -> [SequentialLook] {
        running(cumulative.map { Self.moments(control: $0.control, variant: $0.variant) })
    }

    /// A sequence of looks at cumulative continuous-metric summaries, in time order.
    public func looks(_ cumulative: [(control: SampleSummary, variant: SampleSummary)]) -> [SequentialLook] {
        running(cumulative.map { Self.moments(control: $0.control, variant: $0.variant) })
    }

    private func running(_ moments: [(Double, Double)]) -> [SequentialLook] {
        var best = 1.0
        return moments.map { difference, variance in
            let single = look(difference: difference, variance: variance)
            best = min(best, single.pValue)
            return SequentialLook(difference: difference, variance: variance,
                                  likelihoodRatio: single.likelihoodRatio, pValue: single.pValue,
                                  alwaysValidPValue: best)
        }
    }

    static func moments(control: ConversionCounts, variant: ConversionCounts) -> (Double, Double) {
        guard control.exposed > 0 && variant.exposed > 0 else { return (0, 0) }
        let nc = Double(control.exposed), nv = Double(variant.exposed)
        let pooled = Double(control.converted + variant.converted) / (nc + nv)
        return (variant.rate - control.rate, pooled * (1 - pooled) * (1 / nc + 1 / nv))
    }

    static func moments(control: SampleSummary, variant: SampleSummary) -> (Double, Double) {
        guard control.count > 0 && variant.count > 0 else { return (0, 0) }
        return (variant.mean - control.mean,
                variant.variance / Double(variant.count) + control.variance / Double(control.count))
    }
}

/// The mSPRT at one look.
public struct SequentialLook: Sendable, Hashable {
    /// The observed difference `θ̂` (variant − control).
    public let difference: Double
    /// Its variance `V` under the normal approximation.
    public let variance: Double
    /// The mixture likelihood ratio `Λ` at this look.
    public let likelihoodRatio: Double
    /// `min(1, 1/Λ)` at this look alone.
    public let pValue: Double
    /// The always-valid p-value: the running minimum of `pValue` over this and all earlier
    /// looks. Stopping the first time it is below `α` keeps the false-positive rate at `α`.
    public let alwaysValidPValue: Double
}
