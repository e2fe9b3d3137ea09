import InsightsAnalysis
import InsightsNumerics
import Testing

extension Behavior {
    /// The beta–binomial comparison against independent numerical integration in scipy 1.17
    /// (bench/reference/experiment_reference.py, section [bayes]):
    /// - `P(V > C)`: `scipy.integrate.quad(lambda t: beta.pdf(t, av, bv) * beta.cdf(t, ac, bc))`
    ///   over V's range (epsabs 1e-15); for integer shapes it agrees with Evan Miller's
    ///   closed-form sum (evaluated in mpmath at 40 digits) to 3e-16.
    /// - Expected losses: nested `quad` of `(x − y)·f_C(x)·f_V(y)` over `x > y` (no moment
    ///   identity, unlike our implementation).
    /// - Lift quantiles: `scipy.optimize.brentq` on `quad(f_C(t)·F_V(r·t)) − q`, minus 1; these
    ///   agree with 2·10⁷ Monte Carlo draws to within the Monte Carlo error (~1e-3).
    /// Tolerances: 1e-11 absolute on probabilities (our quadrature stops at 1e-13), 1e-8
    /// relative on losses (the nested reference is good to ~1e-10), 1e-8 absolute on lifts
    /// (our root finder stops at 1e-10 in log r).
    struct BetaBinomialComparisonTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let nc: Int, xc: Int, nv: Int, xv: Int
            let prior: (Double, Double)
            let beats: Double
            let lossVariant: Double, lossControl: Double
            let lift: (Double, Double, Double)   // 2.5%, 50%, 97.5% quantiles
            var testDescription: String { "\(xc)/\(nc) vs \(xv)/\(nv), Beta\(prior)" }
        }

        static let cases: [Case] = [
            Case(nc: 10000, xc: 500, nv: 10000, xv: 560, prior: (1, 1), beats: 0.9708376637062496,
                 lossVariant: 3.5674569999785826e-05, lossControl: 0.006034474809951796,
                 lift: (-0.003978169061841563, 0.11983796564627869, 0.2594096355947102)),
            Case(nc: 1200, xc: 30, nv: 1180, xv: 22, prior: (1, 1), beats: 0.14692922958745167,
                 lossVariant: 0.006793703125185411, lossControl: 0.00046189854680364384,
                 lift: (-0.5649831076801944, -0.24831104569412177, 0.27949022057648376)),
            Case(nc: 250000, xc: 7500, nv: 249000, xv: 7700, prior: (1, 1), beats: 0.9711778407147058,
                 lossVariant: 5.4013730734630235e-06, lossControl: 0.0009291038331738652,
                 lift: (-0.0009829581851672486, 0.0307874026589523, 0.06357297693812436)),
            Case(nc: 50, xc: 7, nv: 60, xv: 15, prior: (1, 1), beats: 0.9197725874716184,
                 lossVariant: 0.002818307560493804, lossControl: 0.10703666984337218,
                 lift: (-0.1859486217064904, 0.7066911858742866, 2.96495322876971)),
            Case(nc: 1200, xc: 30, nv: 1180, xv: 22, prior: (0.5, 0.5), beats: 0.14441379975522056,
                 lossVariant: 0.006792267717263404, lossControl: 0.0004484151134848724,
                 lift: (-0.5700340943274624, -0.25269627582610177, 0.2787098717840484)),
            Case(nc: 50, xc: 7, nv: 60, xv: 15, prior: (2, 30), beats: 0.9229515502273788,
                 lossVariant: 0.0018946742706169497, lossControl: 0.07692118540529347,
                 lift: (-0.1786095191712317, 0.7102086750848138, 2.860915934910947)),
        ]

        @Test(arguments: cases) func matchesNumericalIntegration(_ reference: Case) throws {
            let control = try ConversionCounts(exposed: reference.nc, converted: reference.xc)
            let variant = try ConversionCounts(exposed: reference.nv, converted: reference.xv)
            let prior = try BetaPrior(alpha: reference.prior.0, beta: reference.prior.1)
            let result = try BetaBinomialComparison.compare(control: control, variant: variant, prior: prior)
            #expect(abs(result.probabilityVariantBeatsControl - reference.beats) < 1e-11,
                    "P(V > C) \(result.probabilityVariantBeatsControl)")
            #expect(close(result.expectedLossChoosingVariant, reference.lossVariant, 1e-8),
                    "loss(variant) \(result.expectedLossChoosingVariant)")
            #expect(close(result.expectedLossChoosingControl, reference.lossControl, 1e-8),
                    "loss(control) \(result.expectedLossChoosingControl)")
            #expect(abs(result.relativeLiftInterval.lower - reference.lift.0) < 1e-8, "\(result.relativeLiftInterval.lower)")
            #expect(abs(result.relativeLiftMedian - reference.lift.1) < 1e-8, "\(result.relativeLiftMedian)")
            #expect(abs(result.relativeLiftInterval.upper - reference.lift.2) < 1e-8, "\(result.relativeLiftInterval.upper)")
            // The two losses differ by E[V] − E[C] exactly.
            let gap = result.variantPosterior.mean - result.controlPosterior.mean
            #expect(abs(result.expectedLossChoosingControl - result.expectedLossChoosingVariant - gap) < 1e-12)
        }

        @Test func identicalArmsAreAToss() throws {
            let arm = try ConversionCounts(exposed: 5000, converted: 250)
            let result = try BetaBinomialComparison.compare(control: arm, variant: arm)
            #expect(abs(result.probabilityVariantBeatsControl - 0.5) < 1e-12)
            #expect(abs(result.expectedLossChoosingVariant - result.expectedLossChoosingControl) < 1e-15)
        }

        /// At ten million actors per arm the posteriors are nearly normal, so
        /// `Φ((E[V] − E[C])/√(Var V + Var C))` is an independent check to ~1e-3; and two empty
        /// arms at that size are exactly a toss.
        @Test func largeArmsAgreeWithTheNormalApproximation() throws {
            let control = try ConversionCounts(exposed: 10_000_000, converted: 100_000)
            let variant = try ConversionCounts(exposed: 10_000_000, converted: 100_600)
            let result = try BetaBinomialComparison.compare(control: control, variant: variant)
            let c = result.controlPosterior, v = result.variantPosterior
            let z = (v.mean - c.mean) / (v.variance + c.variance).squareRoot()
            #expect(abs(result.probabilityVariantBeatsControl - Normal().cdf(z)) < 1e-3)
            #expect(abs(result.relativeLiftMedian - 0.006) < 2e-4)
            let none = try ConversionCounts(exposed: 10_000_000, converted: 0)
            let toss = try BetaBinomialComparison.compare(control: none, variant: none)
            #expect(abs(toss.probabilityVariantBeatsControl - 0.5) < 1e-10)
            #expect(abs(toss.relativeLiftMedian) < 1e-8)
        }

        @Test func emptyArmsFallBackToThePrior() throws {
            // Beta(1, 1) vs Beta(1, 1): P = ½, E[max(U₁ − U₂, 0)] = 1/6.
            let none = try ConversionCounts(exposed: 0, converted: 0)
            let result = try BetaBinomialComparison.compare(control: none, variant: none)
            #expect(abs(result.probabilityVariantBeatsControl - 0.5) < 1e-12)
            #expect(abs(result.expectedLossChoosingVariant - 1.0 / 6) < 1e-12)
            #expect(throws: ExperimentError.self) { try BetaPrior(alpha: 0, beta: 1) }
        }
    }
}
