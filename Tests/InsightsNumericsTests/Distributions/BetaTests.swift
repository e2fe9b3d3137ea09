import InsightsNumerics
import TestSupport
import Testing

struct BetaTests {
    @Test(arguments: ReferenceTables.betaCases)
    func matchesReference(_ c: DistributionCase) {
        c.check(BetaDistribution(alpha: c.p1, beta: c.p2), tolerance: 1e-12)
    }

    @Test(arguments: [(0.5, 0.5), (2.0, 3.0), (0.5, 20.0), (50.0, 50.0), (1000.0, 2000.0)])
    func quantileInvertsTails(_ shapes: (Double, Double)) {
        let beta = BetaDistribution(alpha: shapes.0, beta: shapes.1)
        let sd = beta.variance.squareRoot()
        for k in [-8.0, -2, -0.5, 0, 0.5, 2, 8] {
            let x = beta.mean + k * sd
            if x > 0 && x < 1 { expectRoundTrip(beta, at: x) }
        }
    }

    @Test func edgeCases() {
        let beta = BetaDistribution(alpha: 0.5, beta: 2)
        #expect(beta.pdf(0) == .infinity && beta.pdf(1) == 0 && beta.pdf(1.5) == 0)
        #expect(BetaDistribution(alpha: 1, beta: 3).pdf(0) == 3)
        #expect(beta.cdf(0) == 0 && beta.cdf(1) == 1 && beta.survival(1) == 0)
        #expect(beta.cdf(-2) == 0 && beta.cdf(3) == 1)
        #expect(beta.quantile(0) == 0 && beta.quantile(1) == 1 && beta.inverseSurvival(0) == 1)
        #expect(beta.cdf(.nan).isNaN && beta.quantile(.nan).isNaN && beta.quantile(1.1).isNaN)
        #expect(Accuracy.relativeError(BetaDistribution(alpha: 2, beta: 3).variance, 0.04) <= 1e-15)
    }
}
