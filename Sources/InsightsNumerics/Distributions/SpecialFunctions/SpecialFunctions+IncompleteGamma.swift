#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SpecialFunctions {
    /// `log(xᵃ e^{−x} / Γ(a))`, the common factor of the incomplete gamma ratios and of the
    /// gamma density.
    ///
    /// For `a ≥ 10` it is written as `a·(log(1 + t) − t) + ½ log(a/2π) − μ(a)` with
    /// `t = (x − a)/a` and Stirling's remainder `μ` (DiDonato & Morris 1986, §2; Temme 1979),
    /// so the error stays a few ulps of the result rather than of `a log x` or `log Γ(a)`,
    /// which both grow like `a log a`.
    static func logGammaPrefix(_ a: Double, _ x: Double) -> Double {
        if x == 0 { return a > 0 ? -.infinity : .nan }
        if a < 10 {
            return a * log(x) - x - logGamma(a)
        }
        let t = (x - a) / a
        let core = abs(t) <= 0.5 ? log1pMinusX(t) : log(x / a) - t
        return a * core + 0.5 * log(a / (2 * Double.pi)) - stirlingCorrection(a)
    }

    /// `Σₙ xⁿ / ((a+1)⋯(a+n))`, so that `P(a, x) = xᵃ e^{−x}/Γ(a+1) · sum` (A&S 6.5.29).
    private static func lowerGammaSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var denominator = a
        for _ in 0..<maximumIterations {
            denominator += 1
            term *= x / denominator
            sum += term
            if term <= sum * convergenceTolerance { break }
        }
        return sum
    }

    /// `Q(a, x)` for `a < 1` and `x < 2` without forming `1 − P`:
    /// `Q = −expm1(a log x − log Γ(1 + a)) − xᵃ/Γ(1 + a) · a Σₙ₌₁ (−x)ⁿ / (n! (a + n))`
    /// (DiDonato & Morris 1986, eq. 16, in the form Temme 1994 §3 gives).
    private static func upperGammaSmallShape(_ a: Double, _ x: Double) -> Double {
        let logPower = a * log(x) - logGamma1p(a)
        var term = 1.0
        var sum = 0.0
        var n = 1.0
        for _ in 0..<maximumIterations {
            term *= -x / n
            let contribution = term / (a + n)
            sum += contribution
            if abs(contribution) <= abs(sum) * convergenceTolerance { break }
            n += 1
        }
        return -expm1(logPower) - exp(logPower) * a * sum
    }

    /// Both regularized incomplete gamma ratios `(P, Q)`, the smaller one computed directly.
    static func regularizedGammaPair(_ a: Double, _ x: Double) -> (p: Double, q: Double) {
        if a.isNaN || x.isNaN { return (.nan, .nan) }
        guard a > 0, x >= 0 else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        if a.isInfinite { return (0, 1) }
        if x < a + 1 {
            let p = exp(logGammaPrefix(a, x)) / a * lowerGammaSeries(a, x)
            // For a < 1 the lower ratio can be close to 1; give Q its own formula then.
            return (p, a < 1 ? upperGammaSmallShape(a, x) : 1 - p)
        }
        let q = exp(logGammaPrefix(a, x)) * upperGammaContinuedFraction(a, x)
        return (1 - q, q)
    }

    /// The regularized lower incomplete gamma function `P(a, x) = γ(a, x) / Γ(a)`.
    ///
    /// Method: the power series A&S 6.5.29 for `x < a + 1`, otherwise `1 − Q` with `Q` from
    /// Legendre's continued fraction (A&S 6.5.31, modified Lentz); the prefactor
    /// `xᵃ e^{−x}/Γ(a)` is formed as in DiDonato & Morris (1986) so large `a` loses nothing.
    ///
    /// - Returns: NaN unless `a > 0` and `x ≥ 0`.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        regularizedGammaPair(a, x).p
    }

    /// The regularized upper incomplete gamma function `Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x)`,
    /// computed directly so tiny upper tails keep their relative accuracy.
    ///
    /// Method: as `regularizedGammaP`; for `a < 1, x < 2` the small-shape formula of
    /// DiDonato & Morris (1986, eq. 16) avoids `1 − P`.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        regularizedGammaPair(a, x).q
    }
}
