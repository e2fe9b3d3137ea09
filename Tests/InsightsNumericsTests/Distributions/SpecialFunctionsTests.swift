import InsightsNumerics
import TestSupport
import Testing

struct SpecialFunctionsTests {
    // Reference: mpmath 1.3.0 loggamma at 50 digits. scipy 1.17.1 gammaln is itself only
    // good to ~1e-10 relative next to the zeros at 1 and 2 (gammaln(1.0000001) is off by
    // 1.4e-10), so mpmath is the arbiter here; where the two agree the value is scipy's.
    @Test(arguments: [
        (1e-300, 690.7755278982137), (1e-08, 18.42068073818021), (0.5, 0.5723649429247001),
        (0.999, 0.0005780385328913802), (1.0000001, -5.772155829918507e-08),
        (1.5, -0.12078223763524522), (1.9999, -4.227520877215346e-05),
        (2.0001, 4.2281658112919945e-05), (2.5, 0.2846828704729192), (7.3, 7.147892523022248),
        (10, 12.801827480081469), (171.5, 709.1431630309282), (1e6, 12815504.569147611),
        (1e300, 6.897755278982137e+302),
    ])
    func logGamma(_ x: Double, _ expected: Double) {
        #expect(Accuracy.relativeError(SpecialFunctions.logGamma(x), expected) <= 1e-14)
    }

    // Reference: scipy 1.17.1 scipy.special.erf / erfc (agreeing with mpmath to 2e-16).
    @Test(arguments: [
        (-3.0, -0.9999779095030014, 1.9999779095030015),
        (-0.5, -0.5204998778130465, 1.5204998778130465),
        (1e-10, 1.1283791670955126e-10, 0.999999999887162),
        (0.3, 0.3286267594591274, 0.6713732405408726),
        (0.8, 0.7421009647076605, 0.2578990352923395),
        (1.1, 0.8802050695740817, 0.11979493042591832),
        (1.0, 0.8427007929497148, 0.15729920705028516),
        (1.25, 0.9229001282564582, 0.07709987174354177),
        (3.0, 0.9999779095030014, 2.2090496998585445e-05),
        (10.0, 1.0, 2.0884875837625446e-45),
        (26.0, 1.0, 5.663192408856145e-296),
    ])
    func errorFunctions(_ x: Double, _ erf: Double, _ erfc: Double) {
        #expect(Accuracy.relativeError(SpecialFunctions.erf(x), erf) <= 1e-15)
        #expect(Accuracy.relativeError(SpecialFunctions.erfc(x), erfc) <= 2e-15)
    }

    // Reference: scipy 1.17.1 scipy.special.erfcx.
    @Test(arguments: [(-3.0, 16205.988853999586), (0.5, 0.6156903441929258),
                      (2.0, 0.2553956763105058), (30.0, 0.018795888861416754),
                      (1e10, 5.641895835477563e-11)])
    func scaledErfc(_ x: Double, _ expected: Double) {
        #expect(Accuracy.relativeError(SpecialFunctions.erfcx(x), expected) <= 1e-14)
    }

    // Reference: mpmath 1.3.0 log(beta(a, b)) at 50 digits; scipy 1.17.1 betaln agrees to
    // 1e-15 for small arguments but is off by 6e-12 at (10, 10⁶) and 1e-12 at (10⁵, 3).
    @Test(arguments: [(0.5, 0.5, 1.1447298858494002), (0.001, 5.0, 6.905672657062075),
                      (10.0, 1e6, -125.35332309941877), (1000.0, 2000.0, -1911.8746142144516),
                      (1e5, 3.0, -33.84565921410074), (30.0, 40.0, -48.30174909591612)])
    func logBeta(_ a: Double, _ b: Double, _ expected: Double) {
        #expect(Accuracy.relativeError(SpecialFunctions.logBeta(a, b), expected) <= 1e-14)
    }

    @Test func incompleteFunctionsAreComplementary() {
        for (a, x) in [(0.3, 0.2), (5.0, 3.0), (200.0, 210.0)] {
            let p = SpecialFunctions.regularizedGammaP(a, x)
            let q = SpecialFunctions.regularizedGammaQ(a, x)
            #expect(abs(p + q - 1) <= 4e-16)
            #expect(Accuracy.relativeError(SpecialFunctions.inverseRegularizedGammaP(a, p), x) <= 1e-12)
            #expect(Accuracy.relativeError(SpecialFunctions.inverseRegularizedGammaQ(a, q), x) <= 1e-12)
        }
        for (a, b, x) in [(0.5, 0.5, 0.1), (3.0, 7.0, 0.4), (400.0, 20.0, 0.95)] {
            let i = SpecialFunctions.regularizedBeta(a, b, x)
            let c = SpecialFunctions.regularizedBetaComplement(a, b, x)
            #expect(abs(i + c - 1) <= 4e-16)
            #expect(Accuracy.relativeError(SpecialFunctions.inverseRegularizedBeta(a, b, i), x) <= 1e-12)
            #expect(Accuracy.relativeError(
                SpecialFunctions.inverseRegularizedBetaComplement(a, b, c), x) <= 1e-12)
        }
    }

    @Test func domainErrorsGiveNaN() {
        #expect(SpecialFunctions.regularizedGammaP(-1, 2).isNaN)
        #expect(SpecialFunctions.regularizedGammaQ(2, -1).isNaN)
        #expect(SpecialFunctions.regularizedBeta(0, 1, 0.5).isNaN)
        #expect(SpecialFunctions.logBeta(-1, 2).isNaN)
        #expect(SpecialFunctions.erf(.nan).isNaN && SpecialFunctions.logGamma(.nan).isNaN)
        #expect(SpecialFunctions.logGamma(0) == .infinity && SpecialFunctions.logGamma(-2) == .infinity)
        #expect(SpecialFunctions.inverseRegularizedBeta(2, 3, 1.5).isNaN)
    }
}
