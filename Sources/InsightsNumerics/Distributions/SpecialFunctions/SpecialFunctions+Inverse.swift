#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SpecialFunctions {
    /// The `x ≥ 0` with `P(a, x) = p`.
    ///
    /// Method: a starting value from the Wilson–Hilferty cube-root approximation (or, for
    /// small `a`, the lower-tail power law `x ≈ (p Γ(a + 1))^{1/a}`; cf. DiDonato & Morris
    /// 1986 §5) refined by safeguarded Newton iteration on `log P`.
    ///
    /// - Returns: 0 for `p = 0`, `+∞` for `p = 1`, NaN for `p ∉ [0, 1]` or `a ≤ 0`.
    public static func inverseRegularizedGammaP(_ a: Double, _ p: Double) -> Double {
        invertGamma(a, probability: p, upper: false)
    }

    /// The `x ≥ 0` with `Q(a, x) = q`, accurate for tiny `q`.
    public static func inverseRegularizedGammaQ(_ a: Double, _ q: Double) -> Double {
        invertGamma(a, probability: q, upper: true)
    }

    private static func invertGamma(_ a: Double, probability: Double, upper: Bool) -> Double {
        if a.isNaN || probability.isNaN { return .nan }
        guard a > 0, probability >= 0, probability <= 1 else { return .nan }
        if probability == 0 { return upper ? .infinity : 0 }
        if probability == 1 { return upper ? 0 : .infinity }
        // Solve in whichever tail holds the smaller probability.
        var solveUpper = upper
        var target = probability
        if target > 0.5 {
            solveUpper.toggle()
            target = 1 - target
        }
        let guess = gammaGuess(a, target, upper: solveUpper)
        let inversion = TailInversion(direction: solveUpper ? .upper : .lower,
                                      lowerBound: 0, upperBound: .infinity)
        return inversion.solve(
            target: target, guess: guess,
            tail: { x in
                let pair = regularizedGammaPair(a, x)
                return solveUpper ? pair.q : pair.p
            },
            density: { x in exp(logGammaPrefix(a, x)) / x })
    }

    private static func gammaGuess(_ a: Double, _ target: Double, upper: Bool) -> Double {
        let z = normalQuantile(target, upper: upper)
        let c = 1 / (9 * a)
        let cube = 1 - c + z * c.squareRoot()
        let wilsonHilferty = a * cube * cube * cube
        if upper {
            if wilsonHilferty > 0 && a >= 1 { return wilsonHilferty }
            // Q(a, x) ≈ x^{a−1} e^{−x} / Γ(a) for large x.
            let t = max(-log(target) - logGamma(a), 1)
            return max(t + (a - 1) * log(t), wilsonHilferty)
        }
        if wilsonHilferty > 0 && a >= 1 { return wilsonHilferty }
        return exp((log(target) + logGamma1p(a)) / a)
    }

    /// The `x ∈ [0, 1]` with `I_x(a, b) = p`.
    ///
    /// Method: a starting value from A&S 26.5.22 (normal approximation) when `a, b ≥ 1`,
    /// otherwise from the power laws at either end (as in Press et al., *Numerical Recipes*
    /// 3rd ed. §6.14), refined by safeguarded Newton iteration on `log I` (or `log(1 − I)`).
    public static func inverseRegularizedBeta(_ a: Double, _ b: Double, _ p: Double) -> Double {
        invertBeta(a, b, probability: p, upper: false)
    }

    /// The `x ∈ [0, 1]` with `1 − I_x(a, b) = q`, accurate for tiny `q`.
    public static func inverseRegularizedBetaComplement(_ a: Double, _ b: Double, _ q: Double)
        -> Double
    {
        invertBeta(a, b, probability: q, upper: true)
    }

    private static func invertBeta(_ a: Double, _ b: Double, probability: Double, upper: Bool)
        -> Double
    {
        if a.isNaN || b.isNaN || probability.isNaN { return .nan }
        guard a > 0, b > 0, probability >= 0, probability <= 1 else { return .nan }
        if probability == 0 { return upper ? 1 : 0 }
        if probability == 1 { return upper ? 0 : 1 }
        var solveUpper = upper
        var target = probability
        if target > 0.5 {
            solveUpper.toggle()
            target = 1 - target
        }
        let guess = betaGuess(a, b, target, upper: solveUpper)
        let inversion = TailInversion(direction: solveUpper ? .upper : .lower,
                                      lowerBound: 0, upperBound: 1)
        return inversion.solve(
            target: target, guess: guess,
            tail: { x in
                let pair = regularizedBetaPair(a, b, x, 1 - x)
                return solveUpper ? pair.upper : pair.lower
            },
            density: { x in
                exp(logBetaPrefix(a, b, x, 1 - x)) / (x * (1 - x))
            })
    }

    private static func betaGuess(_ a: Double, _ b: Double, _ target: Double, upper: Bool)
        -> Double
    {
        if a >= 1 && b >= 1 {
            // A&S 26.5.22 with z the upper normal quantile of the lower-tail probability.
            let y = upper ? -normalQuantile(target, upper: true) : normalQuantile(target)
            let lambda = (y * y - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = y * (h + lambda).squareRoot() / h
                - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5.0 / 6 - 2 / (3 * h))
            let guess = a / (a + b * exp(2 * w))
            if guess > 0 && guess < 1 { return guess }
        }
        // I_x ≈ xᵃ/(a B) near 0 and 1 − I_x ≈ (1 − x)ᵇ/(b B) near 1.
        let logBetaAB = logBeta(a, b)
        let lowerMass = exp(a * log(a / (a + b)) - log(a) - logBetaAB)
        let upperMass = exp(b * log(b / (a + b)) - log(b) - logBetaAB)
        let lowerProbability = upper ? 1 - target : target
        if lowerProbability < lowerMass / (lowerMass + upperMass) {
            return exp((log(lowerProbability) + log(a) + logBetaAB) / a)
        }
        let upperProbability = upper ? target : 1 - target
        return -expm1((log(upperProbability) + log(b) + logBetaAB) / b)
    }
}
