#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SpecialFunctions {
    /// The regularized incomplete beta function `I_x(a, b)`.
    ///
    /// Method: after the symmetry swap `I_x(a, b) = 1 − I_{1−x}(b, a)` that puts `x` below
    /// `(a + 1)/(a + b + 2)`, one of: the continued fraction of Press et al. (*Numerical
    /// Recipes* 3rd ed. §6.4, from A&S 26.5.8) by modified Lentz; the power series
    /// (DiDonato & Morris 1992, `bpser`) when `x ≤ ½` and `bx ≤ 1`; and, when one parameter is
    /// 15 or more and the other at most 1, the asymptotic expansion in incomplete gamma
    /// functions of DiDonato & Morris (1992, `bgrat`). The factor `xᵃ(1 − x)ᵇ / B(a, b)` is
    /// formed with Stirling's remainders so large parameters lose nothing.
    ///
    /// - Returns: NaN unless `a > 0`, `b > 0`; 0 for `x ≤ 0`, 1 for `x ≥ 1`.
    public static func regularizedBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        regularizedBetaPair(a, b, x, 1 - x).lower
    }

    /// The complement `1 − I_x(a, b) = I_{1−x}(b, a)`, computed directly so tiny upper tails
    /// keep their relative accuracy.
    public static func regularizedBetaComplement(_ a: Double, _ b: Double, _ x: Double) -> Double {
        regularizedBetaPair(a, b, x, 1 - x).upper
    }

    /// `(I_x(a, b), 1 − I_x(a, b))` where the caller supplies both `x` and `y = 1 − x`, each
    /// as accurately as it knows them (the t and F distributions form the smaller one without
    /// cancellation).
    static func regularizedBetaPair(_ a: Double, _ b: Double, _ x: Double, _ y: Double)
        -> (lower: Double, upper: Double)
    {
        if a.isNaN || b.isNaN || x.isNaN || y.isNaN { return (.nan, .nan) }
        guard a > 0, b > 0 else { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        if x > (a + 1) / (a + b + 2) {
            let swapped = orientedBetaPair(b, a, y, x)
            return (swapped.upper, swapped.lower)
        }
        return orientedBetaPair(a, b, x, y)
    }

    /// `(I_x(a, b), I_y(b, a))` for `x ≤ (a + 1)/(a + b + 2)`.
    private static func orientedBetaPair(_ a: Double, _ b: Double, _ x: Double, _ y: Double)
        -> (lower: Double, upper: Double)
    {
        if usesLargeShapeExpansion(large: a, small: b, x) {
            let lower = betaLargeShapeExpansion(a, b, x, y)
            if lower <= 0.5 { return (lower, 1 - lower) }
            return (lower, betaPowerSeries(b, a, y, x)?.lower ?? 1 - lower)
        }
        if usesLargeShapeExpansion(large: b, small: a, y) {
            let upper = betaLargeShapeExpansion(b, a, y, x)
            if upper <= 0.5 { return (1 - upper, upper) }
            return (betaPowerSeries(a, b, x, y)?.lower ?? 1 - upper, upper)
        }
        if x <= 0.5 && b * x <= 1, let series = betaPowerSeries(a, b, x, y) {
            return series
        }
        let lower = betaContinuedFraction(a, b, x, y) ?? .nan
        if lower <= 0.5 { return (lower, 1 - lower) }
        // I_x(a, b) near 1 happens for small a; take the complement from its own expansion.
        if y <= 0.5 && a * y <= 1, let series = betaPowerSeries(b, a, y, x) {
            return (lower, series.lower)
        }
        return (lower, betaContinuedFraction(b, a, y, x) ?? 1 - lower)
    }

    /// Whether `betaLargeShapeExpansion` applies: one parameter large against the square of
    /// the other, and the variable of the large one close enough to 1 (`−log x ≤ 1.2`) for
    /// the even series in `s` (radius 2π) to converge fast. Elsewhere the continued fraction
    /// has no cancellation to fear.
    private static func usesLargeShapeExpansion(large: Double, small: Double, _ x: Double)
        -> Bool
    {
        small <= 5 && large >= max(15, 20 * small * small) && x >= 0.3
    }

    /// `log(xᵃ yᵇ / B(a, b))` with `y = 1 − x`.
    ///
    /// When both parameters are 10 or more it uses
    /// `a φ(t₁) + b φ(t₂) + ½ log(ab / (2π(a + b))) − μ(a) − μ(b) + μ(a + b)` with
    /// `φ(t) = log(1 + t) − t`, `t₁ = (x(a + b) − a)/a`, `t₂ = (y(a + b) − b)/b` and Stirling's
    /// remainders `μ` (DiDonato & Morris 1992, `brcomp`), so no large logarithms cancel.
    static func logBetaPrefix(_ a: Double, _ b: Double, _ x: Double, _ y: Double) -> Double {
        let logX = y < 0.5 ? log1p(-y) : log(x)
        let logY = x < 0.5 ? log1p(-x) : log(y)
        guard min(a, b) >= 10 else {
            return a * logX + b * logY - logBeta(a, b)
        }
        let sum = a + b
        // x s − a = −(y s − b); take it from the smaller, better-determined variable.
        let excess = x <= y ? (-a).addingProduct(x, sum) : b - y * sum
        let t1 = excess / a
        let t2 = -excess / b
        let core: Double
        if abs(t1) <= 0.5 && abs(t2) <= 0.5 {
            core = a * log1pMinusX(t1) + b * log1pMinusX(t2)
        } else {
            core = a * log(x * sum / a) + b * log(y * sum / b)
        }
        let correction = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(sum)
        return core + 0.5 * log(a / (2 * Double.pi)) + 0.5 * log(b / sum) - correction
    }

    /// `(I_x(a, b), 1 − I_x(a, b))` from
    /// `I_x(a, b) = xᵃ/(a B(a, b)) · [1 + a Σⱼ (1 − b)ⱼ xʲ / (j! (a + j))]`
    /// (A&S 26.5.4 via the hypergeometric series; DiDonato & Morris 1992, `bpser`).
    /// The complement is `−expm1(log I)`, which keeps its accuracy when `I` is close to 1
    /// (small `a`) because `log(a B(a, b))` is formed without cancelling `log a`.
    /// - Returns: nil if the series has not converged.
    static func betaPowerSeries(_ a: Double, _ b: Double, _ x: Double, _ y: Double)
        -> (lower: Double, upper: Double)?
    {
        let logX = y < 0.5 ? log1p(-y) : log(x)
        var term = 1.0
        var sum = 0.0
        var j = 1.0
        var converged = false
        for _ in 0..<maximumIterations {
            term *= (j - b) / j * x
            let contribution = a / (a + j) * term
            sum += contribution
            if abs(contribution) <= abs(1 + sum) * convergenceTolerance {
                converged = true
                break
            }
            j += 1
        }
        guard converged else { return nil }
        let logLower = a * logX - logShapeTimesBeta(a, b) + log1p(sum)
        return (exp(logLower), -expm1(logLower))
    }

    /// `log(a B(a, b)) = log(Γ(a + 1) Γ(b) / Γ(a + b))`, accurate in absolute terms even for
    /// tiny `a`, where `log a` and `log B(a, b)` nearly cancel.
    static func logShapeTimesBeta(_ a: Double, _ b: Double) -> Double {
        guard a < 1 else { return log(a) + logBeta(a, b) }
        if b >= 10 { return logGamma1p(a) - logGammaRatio(b, plus: a) }
        return logGamma1p(a) + logGamma(b) - logGamma(a + b)
    }

    /// `I_x(a, b)` from the continued fraction
    /// `xᵃ yᵇ / (a B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …)))` with
    /// `d₂ₘ₊₁ = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1))`,
    /// `d₂ₘ = m(b − m)x / ((a + 2m − 1)(a + 2m))` (A&S 26.5.8), by modified Lentz.
    /// - Returns: nil if it has not converged.
    static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double, _ y: Double)
        -> Double?
    {
        let sum = a + b
        var c = 1.0
        // 1 + d₁ = 1 − (a + b)x/(a + 1), formed from y when x is near 1.
        var d = x > 0.5 ? (1 - b + sum * y) / (a + 1) : 1 - sum * x / (a + 1)
        if abs(d) < lentzTiny { d = lentzTiny }
        d = 1 / d
        var h = d
        var m = 1.0
        var converged = false
        for _ in 0..<maximumIterations {
            let twoM = 2 * m
            var coefficient = m * (b - m) * x / ((a + twoM - 1) * (a + twoM))
            d = 1 + coefficient * d
            if abs(d) < lentzTiny { d = lentzTiny }
            c = 1 + coefficient / c
            if abs(c) < lentzTiny { c = lentzTiny }
            d = 1 / d
            h *= d * c
            coefficient = -(a + m) * (sum + m) * x / ((a + twoM) * (a + twoM + 1))
            d = 1 + coefficient * d
            if abs(d) < lentzTiny { d = lentzTiny }
            c = 1 + coefficient / c
            if abs(c) < lentzTiny { c = lentzTiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= convergenceTolerance {
                converged = true
                break
            }
            m += 1
        }
        guard converged else { return nil }
        return exp(logBetaPrefix(a, b, x, y)) * h / a
    }
}
