import InsightsAnalysis
import InsightsNumerics
import Testing

extension Behavior {
    /// Conversion-rate statistics against statsmodels 0.15 (values printed by
    /// bench/reference/experiment_reference.py, sections [ztest] and [wilson]).
    /// Tolerance: 1e-9 relative (the formulas are closed forms; the only approximations are the
    /// normal tail and quantile, accurate to ~1e-15).
    struct ProportionComparisonTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let nc: Int, xc: Int, nv: Int, xv: Int
            let z: Double, p: Double
            let difference: (Double, Double)
            let lift95: (Double, Double)
            let lift90: (Double, Double)
            var testDescription: String { "\(xc)/\(nc) vs \(xv)/\(nv)" }
        }

        /// z, p: `proportions_ztest([xv, xc], [nv, nc])`;
        /// difference: `confint_proportions_2indep(xv, nv, xc, nc, compare='diff', method='wald')`;
        /// lift: `confint_proportions_2indep(xv, nv, xc, nc, compare='ratio', method='log')` − 1,
        /// at alpha 0.05 and 0.10.
        static let cases: [Case] = [
            Case(nc: 10000, xc: 500, nv: 10000, xv: 560, z: 1.8937529756356748, p: 0.05825780603351623,
                 difference: (-0.00020922034622822532, 0.012209220346228223),
                 lift95: (-0.004027460720327891, 0.25947247592512235),
                 lift90: (0.01494404028129459, 0.23593020916930496)),
            Case(nc: 1200, xc: 30, nv: 1180, xv: 22, z: -1.0604890814602461, p: 0.2889221546422558,
                 difference: (-0.018085949067919046, 0.005374084661139384),
                 lift95: (-0.5672494459469608, 0.28517922668953855),
                 lift90: (-0.5276775863334913, 0.17750503959789166)),
            Case(nc: 250000, xc: 7500, nv: 249000, xv: 7700, z: 1.898426176939319, p: 0.05763996401706558,
                 difference: (-2.9966344863276693e-05, 0.0018773559030962135),
                 lift95: (-0.0009837993307854065, 0.06357400872241659),
                 lift90: (0.004057684136593354, 0.05823368727871503)),
            Case(nc: 50, xc: 7, nv: 60, xv: 15, z: 1.436140661634507, p: 0.15096231976025204,
                 difference: (-0.03579023168546172, 0.25579023168546167),
                 lift95: (-0.20947495055656418, 3.0337437914827854),
                 lift90: (-0.09881738581860167, 2.5384343417462056)),
        ]

        @Test(arguments: cases) func matchesStatsmodels(_ reference: Case) throws {
            let control = try ConversionCounts(exposed: reference.nc, converted: reference.xc)
            let variant = try ConversionCounts(exposed: reference.nv, converted: reference.xv)
            let result = try ProportionComparison.test(control: control, variant: variant)
            #expect(close(result.z, reference.z, 1e-9), "z \(result.z)")
            #expect(close(result.pValue, reference.p, 1e-9), "p \(result.pValue)")
            #expect(close(result.differenceInterval.lower, reference.difference.0, 1e-9))
            #expect(close(result.differenceInterval.upper, reference.difference.1, 1e-9))
            #expect(close(result.relativeLiftInterval.lower, reference.lift95.0, 1e-9))
            #expect(close(result.relativeLiftInterval.upper, reference.lift95.1, 1e-9))
            let expectedLift = (Double(reference.xv) / Double(reference.nv)) / (Double(reference.xc) / Double(reference.nc)) - 1
            #expect(close(result.relativeLift, expectedLift, 1e-12))
            let ninety = try ProportionComparison.test(control: control, variant: variant, level: 0.90)
            #expect(close(ninety.relativeLiftInterval.lower, reference.lift90.0, 1e-9))
            #expect(close(ninety.relativeLiftInterval.upper, reference.lift90.1, 1e-9))
            #expect(ninety.relativeLiftInterval.level == 0.90)
        }

        /// `proportion_confint(x, n, alpha, method='wilson')`.
        @Test(arguments: [
            (500, 10000, 0.05, 0.04589848269058477, 0.05444711584302416),
            (0, 40, 0.05, 0.0, 0.08762160119728668),
            (40, 40, 0.05, 0.9123783988027134, 1.0),
            (7, 50, 0.10, 0.07772089782062995, 0.2392389959454846),
            (22, 1180, 0.01, 0.010869084740348907, 0.031801914356390154),
        ]) func wilsonMatchesStatsmodels(_ x: Int, _ n: Int, _ alpha: Double, _ lower: Double, _ upper: Double) throws {
            let interval = try ConversionCounts(exposed: n, converted: x).wilsonInterval(level: 1 - alpha)
            #expect(lower == 0 ? abs(interval.lower) < 1e-15 : close(interval.lower, lower, 1e-9), "\(interval.lower)")
            #expect(close(interval.upper, upper, 1e-9), "\(interval.upper)")
        }

        @Test func undefinedStatisticsAreNaNNotErrors() throws {
            let none = try ConversionCounts(exposed: 100, converted: 0)
            let some = try ConversionCounts(exposed: 100, converted: 4)
            // Nobody converted anywhere: no variation, no test.
            let empty = try ProportionComparison.test(control: none, variant: none)
            #expect(empty.z.isNaN && empty.pValue.isNaN && empty.relativeLift.isNaN)
            // Control without conversions: the test works, the lift does not.
            let fromZero = try ProportionComparison.test(control: none, variant: some)
            #expect(fromZero.pValue < 1 && fromZero.relativeLift.isNaN)
            #expect(fromZero.relativeLiftInterval.lower.isNaN)
            // Variant without conversions: lift −100%, interval undefined on the log scale.
            let toZero = try ProportionComparison.test(control: some, variant: none)
            #expect(toZero.relativeLift == -1 && toZero.relativeLiftInterval.upper.isNaN)
        }

        @Test func badInputThrows() throws {
            #expect(throws: ExperimentError.self) { try ConversionCounts(exposed: 10, converted: 11) }
            #expect(throws: ExperimentError.self) { try ConversionCounts(exposed: -1, converted: 0) }
            let arm = try ConversionCounts(exposed: 10, converted: 1)
            let empty = try ConversionCounts(exposed: 0, converted: 0)
            #expect(throws: ExperimentError.self) { try ProportionComparison.test(control: empty, variant: arm) }
            #expect(throws: ExperimentError.self) { try ProportionComparison.test(control: arm, variant: arm, level: 1) }
            #expect(throws: ExperimentError.self) { try empty.wilsonInterval() }
        }
    }
}
