import InsightsNumerics
import TestSupport
import Testing

struct FDistributionTests {
    @Test(arguments: ReferenceTables.fCases)
    func matchesReference(_ c: DistributionCase) {
        c.check(FDistribution(numeratorDegreesOfFreedom: c.p1, denominatorDegreesOfFreedom: c.p2),
                tolerance: 1e-12)
    }

    @Test func closedFormTailForTwoNumeratorDegrees() {
        // For d₁ = 2, P(F > f) = (1 + 2f/d₂)^{−d₂/2}, so the upper quantile is
        // f = (d₂/2)(q^{−2/d₂} − 1); with d₂ = 5, q = 1e-10 that is 2.5 (10⁴ − 1) exactly.
        let f = FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 5)
        #expect(Accuracy.relativeError(f.inverseSurvival(1e-10), 24997.5) <= 1e-13)
    }

    @Test(arguments: [(1.0, 1.0), (3.0, 40.0), (10.0, 1e6), (100.0, 100.0)])
    func quantileInvertsTails(_ dof: (Double, Double)) {
        let f = FDistribution(numeratorDegreesOfFreedom: dof.0, denominatorDegreesOfFreedom: dof.1)
        for x in [1e-4, 0.3, 1, 2.5, 10, 100] {
            expectRoundTrip(f, at: x)
        }
    }

    @Test func edgeCasesAndMoments() {
        let f = FDistribution(numeratorDegreesOfFreedom: 5, denominatorDegreesOfFreedom: 10)
        #expect(f.cdf(0) == 0 && f.survival(0) == 1 && f.cdf(.infinity) == 1 && f.pdf(-1) == 0)
        #expect(f.quantile(0) == 0 && f.quantile(1) == .infinity)
        #expect(f.quantile(.nan).isNaN && f.survival(.nan).isNaN)
        #expect(FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 7).pdf(0) == 1)
        #expect(f.mean == 1.25)
        #expect(FDistribution(numeratorDegreesOfFreedom: 5, denominatorDegreesOfFreedom: 3).variance
            == .infinity)
    }
}
