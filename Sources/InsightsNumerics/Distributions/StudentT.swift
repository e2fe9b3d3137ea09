#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Student's t distribution with `ν` degrees of freedom (any `ν > 0`, including `+∞`, which
/// is the standard normal).
///
/// For `t ≥ 0`, `P(T > t) = ½ I_x(ν/2, ½)` with `x = ν/(ν + t²)` (A&S 26.7.1), where `x` and
/// `1 − x = t²/(ν + t²)` are each formed without cancellation. For large `ν` the incomplete
/// beta uses DiDonato & Morris's expansion (`bgrat`), so `ν = 10⁶` keeps full accuracy.
/// Quantiles start from closed forms (`ν = 1, 2`), a Cornish–Fisher expansion (A&S 26.7.5) or
/// the power-law tail, and are refined by safeguarded Newton iteration on the log scale.
public struct StudentT: ContinuousDistribution {
    /// The degrees of freedom `ν`.
    public let degreesOfFreedom: Double

    /// Creates a t distribution.
    /// - Precondition: `degreesOfFreedom > 0` (may be `+∞`).
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    private var nu: Double { degreesOfFreedom }
    private var isNormal: Bool { degreesOfFreedom.isInfinite }

    /// 0 for `ν > 1`, NaN otherwise.
    public var mean: Double { nu > 1 ? 0 : .nan }

    /// `ν/(ν − 2)` for `ν > 2`, `+∞` for `1 < ν ≤ 2`, NaN otherwise.
    public var variance: Double {
        if isNormal { return 1 }
        if nu > 2 { return nu / (nu - 2) }
        return nu > 1 ? .infinity : .nan
    }

    public func pdf(_ t: Double) -> Double {
        if isNormal { return Normal().pdf(t) }
        return exp(logPDF(t))
    }

    public func logPDF(_ t: Double) -> Double {
        if t.isNaN { return t }
        if isNormal { return Normal().logPDF(t) }
        if t.isInfinite { return -.infinity }
        let ratio = t * t / nu
        // log(1 + t²/ν), written to avoid overflowing t².
        let logKernel = ratio.isFinite && ratio < 1e300
            ? log1p(ratio)
            : 2 * log(abs(t)) - log(nu)
        return -0.5 * (nu + 1) * logKernel - 0.5 * log(nu)
            - SpecialFunctions.logBeta(nu / 2, 0.5)
    }

    /// `P(T > |t|) = ½ I_x(ν/2, ½)` and its complement.
    private func upperTailPair(_ t: Double) -> (tail: Double, body: Double) {
        let magnitude = abs(t)
        let ratio = nu / (magnitude * magnitude)   // ν/t²
        let x: Double
        let y: Double
        if ratio.isInfinite {
            (x, y) = (1, 0)
        } else {
            (x, y) = (ratio / (1 + ratio), 1 / (1 + ratio))
        }
        let pair = SpecialFunctions.regularizedBetaPair(nu / 2, 0.5, x, y)
        return (0.5 * pair.lower, 0.5 + 0.5 * pair.upper)
    }

    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return t }
        if isNormal { return Normal().cdf(t) }
        let pair = upperTailPair(t)
        return t < 0 ? pair.tail : pair.body
    }

    public func survival(_ t: Double) -> Double {
        if t.isNaN { return t }
        if isNormal { return Normal().survival(t) }
        let pair = upperTailPair(t)
        return t > 0 ? pair.tail : pair.body
    }

    public func quantile(_ p: Double) -> Double {
        -inverseSurvival(p)
    }

    public func inverseSurvival(_ q: Double) -> Double {
        if q.isNaN { return q }
        guard q >= 0 && q <= 1 else { return .nan }
        if isNormal { return Normal().inverseSurvival(q) }
        if q == 0 { return .infinity }
        if q == 1 { return -.infinity }
        if q > 0.5 { return -inverseSurvival(1 - q) }
        if q == 0.5 { return 0 }
        if nu == 1 {
            // Cauchy: t = cot(πq), exact up to rounding.
            return 1 / tan(Double.pi * q)
        }
        if nu == 2 {
            return (1 - 2 * q) / (2 * q * (1 - q)).squareRoot()
        }
        let inversion = TailInversion(direction: .upper, lowerBound: 0, upperBound: .infinity)
        return inversion.solve(target: q, guess: tailGuess(q),
                               tail: survival, density: pdf)
    }

    /// A starting value for `P(T > t) = q`, `q < ½`.
    private func tailGuess(_ q: Double) -> Double {
        let z = SpecialFunctions.normalQuantile(q, upper: true)
        let z2 = z * z
        let cornishFisher = z + z * (z2 + 1) / (4 * nu)
            + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu)
        // P(T > t) ≈ ν^{ν/2 − 1} t^{−ν} / B(ν/2, ½) once t² ≫ ν.
        let logPowerLaw = ((nu / 2 - 1) * log(nu) - SpecialFunctions.logBeta(nu / 2, 0.5)
            - log(q)) / nu
        let powerLaw = exp(logPowerLaw)
        return powerLaw * powerLaw > 4 * nu ? powerLaw : cornishFisher
    }
}
