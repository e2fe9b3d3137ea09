#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The gamma distribution with shape `k` and scale `θ`, density
/// `x^{k−1} e^{−x/θ} / (Γ(k) θᵏ)` on `x ≥ 0`.
///
/// Tails are the regularized incomplete gamma functions `P(k, x/θ)` and `Q(k, x/θ)`
/// (see `SpecialFunctions.regularizedGammaP`); quantiles invert them by safeguarded Newton
/// iteration on the log scale.
public struct GammaDistribution: ContinuousDistribution {
    /// The shape `k`.
    public let shape: Double
    /// The scale `θ`.
    public let scale: Double

    /// Creates a gamma distribution.
    /// - Precondition: `shape > 0`, `scale > 0`, both finite.
    public init(shape: Double, scale: Double = 1) {
        precondition(shape > 0 && shape.isFinite, "shape must be positive and finite")
        precondition(scale > 0 && scale.isFinite, "scale must be positive and finite")
        self.shape = shape
        self.scale = scale
    }

    /// The mean `kθ`.
    public var mean: Double { shape * scale }
    /// The variance `kθ²`.
    public var variance: Double { shape * scale * scale }

    public func pdf(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < 0 || x.isInfinite { return 0 }
        if x == 0 { return shape < 1 ? .infinity : (shape == 1 ? 1 / scale : 0) }
        return exp(logPDF(x))
    }

    public func logPDF(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < 0 || x.isInfinite { return -.infinity }
        if x == 0 { return log(pdf(0)) }
        return SpecialFunctions.logGammaPrefix(shape, x / scale) - log(x)
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return x }
        return x <= 0 ? 0 : SpecialFunctions.regularizedGammaP(shape, x / scale)
    }

    public func survival(_ x: Double) -> Double {
        if x.isNaN { return x }
        return x <= 0 ? 1 : SpecialFunctions.regularizedGammaQ(shape, x / scale)
    }

    public func quantile(_ p: Double) -> Double {
        scale * SpecialFunctions.inverseRegularizedGammaP(shape, p)
    }

    public func inverseSurvival(_ q: Double) -> Double {
        scale * SpecialFunctions.inverseRegularizedGammaQ(shape, q)
    }
}
