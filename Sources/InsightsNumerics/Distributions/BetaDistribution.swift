#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The beta distribution with shapes `α` and `β`, density `x^{α−1}(1 − x)^{β−1} / B(α, β)` on
/// `[0, 1]`.
///
/// Tails are `I_x(α, β)` and its complement (see `SpecialFunctions.regularizedBeta`);
/// quantiles invert them by safeguarded Newton iteration on the log scale.
public struct BetaDistribution: ContinuousDistribution {
    /// The first shape `α`.
    public let alpha: Double
    /// The second shape `β`.
    public let beta: Double

    /// Creates a beta distribution.
    /// - Precondition: `alpha > 0`, `beta > 0`, both finite.
    public init(alpha: Double, beta: Double) {
        precondition(alpha > 0 && alpha.isFinite, "alpha must be positive and finite")
        precondition(beta > 0 && beta.isFinite, "beta must be positive and finite")
        self.alpha = alpha
        self.beta = beta
    }

    /// The mean `α / (α + β)`.
    public var mean: Double { alpha / (alpha + beta) }
    /// The variance `αβ / ((α + β)² (α + β + 1))`.
    public var variance: Double {
        let sum = alpha + beta
        return alpha * beta / (sum * sum * (sum + 1))
    }

    public func pdf(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < 0 || x > 1 { return 0 }
        if x == 0 { return edgeDensity(alpha, beta) }
        if x == 1 { return edgeDensity(beta, alpha) }
        return exp(logPDF(x))
    }

    /// The density's limit at the end where the exponent is `shape − 1`.
    private func edgeDensity(_ shape: Double, _ other: Double) -> Double {
        if shape < 1 { return .infinity }
        if shape > 1 { return 0 }
        return other   // 1 / B(1, other)
    }

    public func logPDF(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < 0 || x > 1 { return -.infinity }
        if x == 0 || x == 1 { return log(pdf(x)) }
        let y = 1 - x
        return SpecialFunctions.logBetaPrefix(alpha, beta, x, y) - log(x) - log1p(-x)
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return x }
        return SpecialFunctions.regularizedBetaPair(alpha, beta, x, 1 - x).lower
    }

    public func survival(_ x: Double) -> Double {
        if x.isNaN { return x }
        return SpecialFunctions.regularizedBetaPair(alpha, beta, x, 1 - x).upper
    }

    public func quantile(_ p: Double) -> Double {
        SpecialFunctions.inverseRegularizedBeta(alpha, beta, p)
    }

    public func inverseSurvival(_ q: Double) -> Double {
        SpecialFunctions.inverseRegularizedBetaComplement(alpha, beta, q)
    }
}
