#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The normal (Gaussian) distribution.
///
/// Tails use `erfc`-type continued fractions with an exact split of `z²` (see
/// `SpecialFunctions.erfc`); quantiles use Wichura's AS 241 with a Newton correction. Both
/// stay accurate to about 1e-15 relative out to `z ≈ 37.5`, where the tail reaches 1e-307.
public struct Normal: ContinuousDistribution {
    /// The mean `μ`.
    public let mean: Double
    /// The standard deviation `σ`.
    public let standardDeviation: Double

    /// Creates a normal distribution.
    /// - Precondition: `standardDeviation > 0`.
    public init(mean: Double = 0, standardDeviation: Double = 1) {
        precondition(standardDeviation > 0, "standard deviation must be positive")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The variance `σ²`.
    public var variance: Double { standardDeviation * standardDeviation }

    private func standardized(_ x: Double) -> Double { (x - mean) / standardDeviation }

    public func pdf(_ x: Double) -> Double {
        SpecialFunctions.normalDensity(standardized(x)) / standardDeviation
    }

    public func logPDF(_ x: Double) -> Double {
        let z = standardized(x)
        return -0.5 * z * z - SpecialFunctions.halfLogTwoPi - log(standardDeviation)
    }

    public func cdf(_ x: Double) -> Double {
        SpecialFunctions.normalSurvival(-standardized(x))
    }

    public func survival(_ x: Double) -> Double {
        SpecialFunctions.normalSurvival(standardized(x))
    }

    public func quantile(_ p: Double) -> Double {
        mean + standardDeviation * SpecialFunctions.normalQuantile(p)
    }

    public func inverseSurvival(_ q: Double) -> Double {
        mean + standardDeviation * SpecialFunctions.normalQuantile(q, upper: true)
    }
}
