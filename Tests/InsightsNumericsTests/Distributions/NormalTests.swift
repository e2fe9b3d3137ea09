import InsightsNumerics
import TestSupport
import Testing

struct NormalTests {
    @Test(arguments: ReferenceTables.normalCases)
    func matchesReference(_ c: DistributionCase) {
        // 1e-12 everywhere, including z = 37.5 where the tail is 4.6e-308: the tail and
        // the density use an exact split of z², so nothing grows with z.
        c.check(Normal(mean: c.p1, standardDeviation: c.p2), tolerance: 1e-12)
    }

    @Test(arguments: [-30.0, -5, -1, 0, 0.5, 2, 8, 25, 37])
    func quantileInvertsTails(_ z: Double) {
        expectRoundTrip(Normal(), at: z, tolerance: 1e-13)
    }

    @Test func locationAndScale() {
        let normal = Normal(mean: 3, standardDeviation: 2)
        // scipy 1.17.1 norm(3, 2).sf(10) = 0.00023262907903552502
        #expect(Accuracy.relativeError(normal.survival(10), 0.00023262907903552502) <= 1e-13)
        // scipy 1.17.1 norm(3, 2).pdf(4) = 0.17603266338214973
        #expect(Accuracy.relativeError(normal.pdf(4), 0.17603266338214973) <= 1e-14)
        // scipy 1.17.1 norm.ppf(0.975) = 1.959963984540054
        #expect(Accuracy.relativeError(normal.quantile(0.975), 3 + 2 * 1.959963984540054) <= 1e-15)
        #expect(normal.mean == 3 && normal.variance == 4)
    }

    @Test func edgeCases() {
        let normal = Normal()
        #expect(normal.quantile(0) == -.infinity)
        #expect(normal.quantile(1) == .infinity)
        #expect(normal.inverseSurvival(0) == .infinity)
        #expect(normal.quantile(0.5) == 0)
        #expect(normal.quantile(-0.1).isNaN && normal.quantile(1.5).isNaN)
        #expect(normal.cdf(.nan).isNaN && normal.survival(.nan).isNaN && normal.pdf(.nan).isNaN)
        #expect(normal.quantile(.nan).isNaN)
        #expect(normal.cdf(-.infinity) == 0 && normal.cdf(.infinity) == 1)
        #expect(normal.survival(40) == 0 && normal.pdf(.infinity) == 0)
    }
}
