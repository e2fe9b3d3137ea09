#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SpecialFunctions {
    static let inverseSqrtPi = 0.56418958354775628695
    static let inverseSqrtTwoPi = 0.39894228040143267794

    /// Below this `|x|` the error function is summed from its series; above it `erfc` comes
    /// from the continued fraction, which converges quickly once `x² > 3/2`.
    private static let erfSeriesLimit = 1.25

    /// Above this `x`, `erfc` uses the continued fraction rather than `1 − erf(x)`.
    private static let erfcFractionLimit = 1.0

    /// `erf(x) e^{x²} √π / (2x)` for `|x| ≤ 1.25` from the all-positive series
    /// `Σ (2x²)ⁿ / (1·3·5⋯(2n+1))` (Abramowitz & Stegun 7.1.6), which has no cancellation.
    private static func erfSeriesSum(_ x: Double) -> Double {
        let twoXSquared = 2 * x * x
        var term = 1.0
        var sum = 1.0
        var denominator = 1.0
        for _ in 0..<maximumIterations {
            denominator += 2
            term *= twoXSquared / denominator
            sum += term
            if term <= sum * convergenceTolerance { break }
        }
        return sum
    }

    /// The continued fraction `h` with `Γ(a, x) = e^{−x} xᵃ h`, i.e.
    /// `h = 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …)))`
    /// (Legendre's fraction in its even form, A&S 6.5.31), evaluated with the modified Lentz
    /// algorithm (Thompson & Barnett 1986; Press et al., *Numerical Recipes* 3rd ed. §6.2).
    /// Converges quickly for `x > a + 1`.
    static func upperGammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        var b = x + 1 - a
        var c = 1 / lentzTiny
        var d = 1 / b
        var h = d
        var i = 1.0
        for _ in 0..<maximumIterations {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < lentzTiny { d = lentzTiny }
            c = b + an / c
            if abs(c) < lentzTiny { c = lentzTiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= convergenceTolerance { break }
            i += 1
        }
        return h
    }

    /// The error function `erf(x) = 2/√π ∫₀ˣ e^{−t²} dt`.
    ///
    /// Method: the series A&S 7.1.6 for `|x| ≤ 1.25`, otherwise `1 − erfc(x)`.
    public static func erf(_ x: Double) -> Double {
        if x.isNaN { return x }
        let ax = abs(x)
        if ax <= erfSeriesLimit {
            // erf itself is close to 1 here; the series has no cancellation.
            return 2 * x * inverseSqrtPi * expMinusSquare(x) * erfSeriesSum(x)
        }
        let value = 1 - erfc(ax)
        return x < 0 ? -value : value
    }

    /// The complementary error function `erfc(x) = 1 − erf(x)`, accurate to a few ulps
    /// relative for all `x` down to the underflow threshold near `x = 26.5`.
    ///
    /// Method: for `x > 1`, `erfc(x) = e^{−x²} (x/√π) h(½, x²)` with Legendre's continued
    /// fraction `h` (A&S 7.1.14 / 6.5.31) and `e^{−x²}` formed from an exact split of `x²`
    /// (the device W. J. Cody uses in CALERF, Math. Comp. 23, 1969); otherwise `1 − erf(x)`.
    public static func erfc(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < -erfSeriesLimit { return 2 - erfc(-x) }
        // Above 1 the continued fraction still converges (in under 100 terms) and avoids
        // the digits 1 − erf(x) would lose.
        if x <= erfcFractionLimit { return 1 - erf(x) }
        if x > 27.3 { return 0 }
        return expMinusSquare(x) * x * inverseSqrtPi * upperGammaContinuedFraction(0.5, x * x)
    }

    /// The scaled complementary error function `erfcx(x) = e^{x²} erfc(x)`, which stays
    /// finite (≈ `1/(x√π)`) where `erfc` underflows.
    public static func erfcx(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > erfSeriesLimit {
            if x > 1e8 { return inverseSqrtPi / x }
            return x * inverseSqrtPi * upperGammaContinuedFraction(0.5, x * x)
        }
        if x >= -erfSeriesLimit { return erfc(x) / expMinusSquare(x) }
        // erfcx(x) = 2 e^{x²} − erfcx(−x); overflows to +∞ below about −26.6.
        return 2 / expMinusSquare(x) - erfcx(-x)
    }

    /// The standard normal upper tail `Φc(z) = P(Z > z)`.
    ///
    /// For `z ≥ √2` it uses `Φc(z) = ½ z φ(z) h(½, z²/2)` — the same continued fraction
    /// as `erfc`, written in `z` so that no rounding of `z/√2` enters the exponent — with
    /// `φ(z)` from an exact split of `z²`.
    static func normalSurvival(_ z: Double) -> Double {
        if z.isNaN { return z }
        if z < 0 { return 1 - normalSurvival(-z) }
        if z < erfcFractionLimit * 2.0.squareRoot() {
            return 0.5 * erfc(z * 0.70710678118654752440)
        }
        if z > 38.5 { return 0 }
        return 0.5 * z * normalDensity(z) * upperGammaContinuedFraction(0.5, 0.5 * z * z)
    }

    /// The standard normal density `φ(z) = e^{−z²/2} / √(2π)`.
    static func normalDensity(_ z: Double) -> Double {
        inverseSqrtTwoPi * expMinusSquare(z, scale: 0.5)
    }
}
