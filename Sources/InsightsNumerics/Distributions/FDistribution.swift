#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Snedecor's F distribution with `d₁` numerator and `d₂` denominator degrees of freedom.
///
/// With `x = d₁f/(d₁f + d₂)` the tails are `I_x(d₁/2, d₂/2)` and its complement (A&S 26.6.2);
/// `x` and `1 − x` are each formed without cancellation, so both tails keep their relative
/// accuracy. Quantiles start from the inverse incomplete beta and are refined on `f`.
public struct FDistribution: ContinuousDistribution {
    /// The numerator degrees of freedom `d₁`.
    public let numeratorDegreesOfFreedom: Double
    /// The denominator degrees of freedom `d₂`.
    public let denominatorDegreesOfFreedom: Double

    /// Creates an F distribution; the degrees of freedom need not be integers.
    /// - Precondition: both degrees of freedom positive and finite.
    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
        precondition(numeratorDegreesOfFreedom > 0 && numeratorDegreesOfFreedom.isFinite,
                     "numerator degrees of freedom must be positive and finite")
        precondition(denominatorDegreesOfFreedom > 0 && denominatorDegreesOfFreedom.isFinite,
                     "denominator degrees of freedom must be positive and finite")
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    private var a: Double { numeratorDegreesOfFreedom / 2 }
    private var b: Double { denominatorDegreesOfFreedom / 2 }

    /// `d₂/(d₂ − 2)` for `d₂ > 2`, otherwise `+∞`.
    public var mean: Double {
        let d2 = denominatorDegreesOfFreedom
        return d2 > 2 ? d2 / (d2 - 2) : .infinity
    }

    /// `2d₂²(d₁ + d₂ − 2) / (d₁(d₂ − 2)²(d₂ − 4))` for `d₂ > 4`, `+∞` for `2 < d₂ ≤ 4`,
    /// NaN otherwise.
    public var variance: Double {
        let d1 = numeratorDegreesOfFreedom
        let d2 = denominatorDegreesOfFreedom
        if d2 <= 2 { return .nan }
        if d2 <= 4 { return .infinity }
        return 2 * d2 * d2 * (d1 + d2 - 2) / (d1 * (d2 - 2) * (d2 - 2) * (d2 - 4))
    }

    /// `(x, 1 − x)` with `x = d₁f/(d₁f + d₂)`, each without cancellation.
    private func betaArguments(_ f: Double) -> (x: Double, y: Double) {
        let ratio = numeratorDegreesOfFreedom * f / denominatorDegreesOfFreedom
        if ratio.isInfinite { return (1, 0) }
        return (ratio / (1 + ratio), 1 / (1 + ratio))
    }

    public func pdf(_ f: Double) -> Double {
        if f.isNaN { return f }
        if f < 0 || f.isInfinite { return 0 }
        if f == 0 { return a < 1 ? .infinity : (a == 1 ? 1 : 0) }
        return exp(logPDF(f))
    }

    public func logPDF(_ f: Double) -> Double {
        if f.isNaN { return f }
        if f < 0 || f.isInfinite { return -.infinity }
        if f == 0 { return log(pdf(0)) }
        let (x, y) = betaArguments(f)
        return SpecialFunctions.logBetaPrefix(a, b, x, y) - log(f)
    }

    public func cdf(_ f: Double) -> Double {
        if f.isNaN { return f }
        if f <= 0 { return 0 }
        let (x, y) = betaArguments(f)
        return SpecialFunctions.regularizedBetaPair(a, b, x, y).lower
    }

    public func survival(_ f: Double) -> Double {
        if f.isNaN { return f }
        if f <= 0 { return 1 }
        let (x, y) = betaArguments(f)
        return SpecialFunctions.regularizedBetaPair(a, b, x, y).upper
    }

    public func quantile(_ p: Double) -> Double {
        invert(p, upper: false)
    }

    public func inverseSurvival(_ q: Double) -> Double {
        invert(q, upper: true)
    }

    private func invert(_ probability: Double, upper: Bool) -> Double {
        if probability.isNaN { return probability }
        guard probability >= 0 && probability <= 1 else { return .nan }
        if probability == 0 { return upper ? .infinity : 0 }
        if probability == 1 { return upper ? 0 : .infinity }
        var solveUpper = upper
        var target = probability
        if target > 0.5 {
            solveUpper.toggle()
            target = 1 - target
        }
        // Start from the incomplete-beta inverse, solved in the tail that keeps precision.
        let x = solveUpper
            ? SpecialFunctions.inverseRegularizedBetaComplement(a, b, target)
            : SpecialFunctions.inverseRegularizedBeta(a, b, target)
        let guess = denominatorDegreesOfFreedom * x / (numeratorDegreesOfFreedom * (1 - x))
        let inversion = TailInversion(direction: solveUpper ? .upper : .lower,
                                      lowerBound: 0, upperBound: .infinity)
        return inversion.solve(
            target: target, guess: guess.isFinite ? guess : 1,
            tail: { solveUpper ? survival($0) : cdf($0) },
            density: { pdf($0) })
    }
}
