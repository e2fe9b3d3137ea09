import InsightsNumerics
import TestSupport
import Testing

struct GammaTests {
    @Test(arguments: ReferenceTables.gammaCases)
    func matchesReference(_ c: DistributionCase) {
        // 1e-12 relative for shapes 0.01 to 10⁴ and tails down to 1e-300.
        c.check(GammaDistribution(shape: c.p1, scale: c.p2), tolerance: 1e-12)
    }

    @Test(arguments: [0.01, 0.5, 1, 2.5, 10, 100, 1e4])
    func quantileInvertsTails(_ shape: Double) {
        let gamma = GammaDistribution(shape: shape)
        let sd = gamma.variance.squareRoot()
        for k in [-6.0, -2, -0.5, 0, 0.5, 2, 6, 15] where shape + k * sd > 0 {
            expectRoundTrip(gamma, at: shape + k * sd)
        }
    }

    @Test func scaleAndChiSquared() {
        // scipy 1.17.1 gamma(3, scale=2).sf(20) = 0.0027693957155115775
        #expect(Accuracy.relativeError(GammaDistribution(shape: 3, scale: 2).survival(20),
                                       0.0027693957155115775) <= 1e-13)
        // scipy 1.17.1 chi2(7).sf(100) = 1.0787979671702833e-18
        let chi = ChiSquared(degreesOfFreedom: 7)
        #expect(Accuracy.relativeError(chi.survival(100), 1.0787979671702833e-18) <= 1e-12)
        // scipy 1.17.1 chi2(1).isf(1e-100) = 453.9430822387989
        #expect(Accuracy.relativeError(ChiSquared(degreesOfFreedom: 1).inverseSurvival(1e-100),
                                       453.9430822387989) <= 1e-12)
        // scipy 1.17.1 chi2(3.5).pdf(2) = 0.2001384184560116
        #expect(Accuracy.relativeError(ChiSquared(degreesOfFreedom: 3.5).pdf(2),
                                       0.2001384184560116) <= 1e-13)
        #expect(chi.mean == 7 && chi.variance == 14)
    }

    @Test func edgeCases() {
        let gamma = GammaDistribution(shape: 0.5)
        #expect(gamma.pdf(0) == .infinity && GammaDistribution(shape: 1).pdf(0) == 1)
        #expect(GammaDistribution(shape: 2).pdf(0) == 0 && gamma.pdf(-1) == 0)
        #expect(gamma.cdf(-1) == 0 && gamma.survival(-1) == 1 && gamma.cdf(.infinity) == 1)
        #expect(gamma.quantile(0) == 0 && gamma.quantile(1) == .infinity)
        #expect(gamma.inverseSurvival(0) == .infinity && gamma.inverseSurvival(1) == 0)
        #expect(gamma.cdf(.nan).isNaN && gamma.quantile(.nan).isNaN && gamma.quantile(-1).isNaN)
        #expect(gamma.logPDF(-1) == -.infinity)
    }
}
