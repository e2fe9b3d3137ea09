import InsightsAnalysis
import Testing

extension Behavior {
    /// Welch's test against scipy 1.17 (bench/reference/experiment_reference.py, section
    /// [welch]; the values are revenue-like draws from numpy `default_rng(20261127)` rounded to
    /// cents). Tolerance: 1e-9 relative.
    struct MeanComparisonTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let control: [Double]
            let variant: [Double]
            let t: Double, p: Double, df: Double
            let difference: (Double, Double)
            let lift: Double
            let liftInterval: (Double, Double)
            var testDescription: String { name }
        }

        /// t, p, df: `r = scipy.stats.ttest_ind(variant, control, equal_var=False)`
        /// (`r.statistic`, `r.pvalue`, `r.df`); difference: `r.confidence_interval(0.95)`;
        /// lift interval: `lift ± norm.isf(0.025)·√(s_v²/(n_v m_c²) + m_v² s_c²/(n_c m_c⁴))` in numpy.
        static let cases: [Case] = [
            Case(name: "lognormal",
                 control: [7.19, 29.5, 13.44, 56.66, 10.03, 76.98, 16.67, 19.04, 13.91, 17.74, 16.0, 45.84, 24.85, 19.09,
                           20.14, 11.61, 91.73, 21.29, 58.34, 23.8, 62.63, 22.97, 21.04, 62.02, 24.02, 12.03, 11.94, 7.68,
                           11.24, 23.3, 59.51, 41.63, 10.0, 11.66, 79.27, 21.8, 39.67, 28.24, 56.21, 5.86],
                 variant: [122.12, 151.41, 1.31, 10.56, 4.7, 40.26, 39.75, 16.34, 35.15, 22.87, 62.41, 39.7, 19.63, 9.74,
                           13.23, 8.39, 15.67, 44.52, 31.7, 8.19, 7.23, 1.75, 10.63, 38.47, 21.26, 39.58, 32.66, 94.7, 3.15,
                           36.78, 73.83, 11.32, 80.33, 29.1, 65.7, 51.77, 20.41, 159.92, 31.44, 16.24, 12.75, 60.64, 16.3,
                           19.75, 26.46, 33.85, 16.79, 78.11, 4.7, 60.66, 32.64, 80.5, 24.02, 47.63, 12.87],
                 t: 1.2098381173755928, p: 0.22944051163715068, df: 92.00092832198744,
                 difference: (-4.579440281377943, 18.85421300865069),
                 lift: 0.23661739853092234, liftInterval: (-0.1823693421629518, 0.6556041392247964)),
            Case(name: "zero-inflated",
                 control: [18.8, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 51.9, 0.0, 16.52, 0.0, 17.05, 0.0,
                           26.64, 0.0, 0.0, 20.98, 129.37, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
                           17.66, 0.0, 0.0, 0.0, 6.69, 51.64, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 13.53,
                           0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 29.96, 0.0, 0.0],
                 variant: [0.0, 67.5, 0.0, 0.0, 39.06, 0.0, 103.76, 41.34, 44.07, 20.1, 0.0, 0.0, 0.0, 0.0, 50.11, 0.0,
                           7.8, 0.0, 0.0, 0.0, 28.85, 30.52, 0.0, 0.0, 26.36, 0.0, 0.0, 22.55, 12.51, 0.0, 0.0, 2.29, 0.0,
                           0.0, 0.0, 0.0, 46.56, 0.0, 0.0, 0.0, 0.0, 39.42, 0.0, 27.68, 0.0, 17.39, 0.0, 45.48],
                 t: 1.7760802737587016, p: 0.07895908508212687, df: 93.8944929625104,
                 difference: (-0.8667613783163288, 15.565011378316331),
                 lift: 1.1003331337026503, liftInterval: (-0.7372796506464381, 2.9379459180517387)),
        ]

        @Test(arguments: cases) func welchMatchesScipy(_ reference: Case) throws {
            let result = try MeanComparison.welch(control: reference.control, variant: reference.variant)
            #expect(close(result.t, reference.t, 1e-9), "t \(result.t)")
            #expect(close(result.pValue, reference.p, 1e-9), "p \(result.pValue)")
            #expect(close(result.degreesOfFreedom, reference.df, 1e-9), "df \(result.degreesOfFreedom)")
            #expect(close(result.differenceInterval.lower, reference.difference.0, 1e-9))
            #expect(close(result.differenceInterval.upper, reference.difference.1, 1e-9))
            #expect(close(result.relativeLift, reference.lift, 1e-9))
            #expect(close(result.relativeLiftInterval.lower, reference.liftInterval.0, 1e-9))
            #expect(close(result.relativeLiftInterval.upper, reference.liftInterval.1, 1e-9))
            // Summaries give the same answer as the raw values.
            let fromSummaries = try MeanComparison.welch(control: SampleSummary(reference.control),
                                                         variant: SampleSummary(reference.variant))
            #expect(fromSummaries == result)
        }

        @Test func badInputThrows() {
            #expect(throws: ExperimentError.self) { try MeanComparison.welch(control: [1], variant: [1, 2]) }
            #expect(throws: ExperimentError.self) { try MeanComparison.welch(control: [1, .nan], variant: [1, 2]) }
            #expect(throws: ExperimentError.self) { try SampleSummary(count: 3, mean: 1, variance: -1) }
        }

        @Test func constantArmsGiveNaNNotACrash() throws {
            let result = try MeanComparison.welch(control: [2, 2, 2], variant: [2, 2])
            #expect(result.t.isNaN && result.pValue.isNaN && result.difference == 0)
        }
    }
}
