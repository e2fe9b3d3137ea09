import InsightsNumerics
import TestSupport
import Testing

struct StudentTTests {
    @Test(arguments: ReferenceTables.studentTCases)
    func matchesReference(_ c: DistributionCase) {
        // 1e-12 for densities, tails and quantiles alike, for ν from 1 to 10⁶ and tails
        // down to 1e-300.
        c.check(StudentT(degreesOfFreedom: c.p1), tolerance: 1e-12)
    }

    @Test(arguments: [1.0, 2, 3.5, 10, 100, 1e6])
    func quantileInvertsTails(_ nu: Double) {
        let t = StudentT(degreesOfFreedom: nu)
        for x in [-30.0, -3, -0.25, 0.5, 2, 7, 30] {
            expectRoundTrip(t, at: x)
        }
    }

    @Test func infiniteDegreesOfFreedomIsNormal() {
        let t = StudentT(degreesOfFreedom: .infinity)
        let normal = Normal()
        for x in [-5.0, 0.3, 2, 30] {
            #expect(t.survival(x) == normal.survival(x))
            #expect(t.pdf(x) == normal.pdf(x))
        }
        #expect(t.quantile(1e-10) == normal.quantile(1e-10))
        #expect(t.variance == 1)
    }

    @Test func edgeCasesAndMoments() {
        let t = StudentT(degreesOfFreedom: 3)
        #expect(t.cdf(0) == 0.5 && t.survival(0) == 0.5 && t.quantile(0.5) == 0)
        #expect(t.cdf(.infinity) == 1 && t.cdf(-.infinity) == 0)
        #expect(t.quantile(0) == -.infinity && t.quantile(1) == .infinity)
        #expect(t.quantile(.nan).isNaN && t.cdf(.nan).isNaN && t.pdf(.nan).isNaN)
        #expect(t.quantile(2).isNaN)
        #expect(t.variance == 3 && t.mean == 0)
        #expect(StudentT(degreesOfFreedom: 1).mean.isNaN)
        #expect(StudentT(degreesOfFreedom: 1.5).variance == .infinity)
    }
}
