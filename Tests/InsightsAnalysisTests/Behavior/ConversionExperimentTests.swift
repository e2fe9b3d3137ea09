import InsightsAnalysis
import Testing

extension Behavior {
    /// The conversion report assembles the pieces tested against references elsewhere; these
    /// tests check the assembly: levels, corrections and the sample-ratio check are wired right.
    struct ConversionExperimentTests {
        @Test func threeVariantsUseHolmAndBonferroniIntervals() throws {
            let control = try ConversionCounts(exposed: 10000, converted: 500)
            let variants = try [(10000, 560), (10000, 505), (10000, 590)].map {
                try ConversionCounts(exposed: $0.0, converted: $0.1)
            }
            let report = try ConversionExperiment.analyze(control: control, variants: variants)
            #expect(close(report.intervalLevel, 1 - 0.05 / 3, 1e-15))
            let raw = report.variants.map(\.comparison.pValue)
            let holm = MultipleComparisonCorrection.holm.adjust(raw)
            for (index, variant) in report.variants.enumerated() {
                #expect(variant.adjustedPValue == holm[index])
                #expect(variant.adjustedPValue >= variant.comparison.pValue)
                #expect(variant.comparison.level == report.intervalLevel)
                #expect(variant.bayesian.relativeLiftInterval.level == report.intervalLevel)
                #expect(variant.rateInterval.level == report.intervalLevel)
                // The single-comparison 95% interval is narrower than the adjusted one.
                let single = try ProportionComparison.test(control: control, variant: variants[index])
                #expect(single.differenceInterval.lower > variant.comparison.differenceInterval.lower)
            }
            #expect(!report.sampleRatio.isMismatch)
            #expect(close(report.mixingVariance, 0.005 * 0.005, 1e-12))
        }

        @Test func flagsAMismatchedSplit() throws {
            let control = try ConversionCounts(exposed: 10500, converted: 500)
            let variant = try ConversionCounts(exposed: 9500, converted: 480)
            let report = try ConversionExperiment.analyze(control: control, variants: [variant])
            // χ² = 2·500²/10000 = 50: p ≈ 1.5e-12.
            #expect(report.sampleRatio.isMismatch)
            let intended = try ConversionExperiment.analyze(control: control, variants: [variant],
                                                            options: .init(weights: [105, 95]))
            #expect(!intended.sampleRatio.isMismatch && intended.sampleRatio.chiSquare < 1e-20)
            #expect(intended.intervalLevel == 0.95)
        }

        @Test func needsAVariant() throws {
            let control = try ConversionCounts(exposed: 100, converted: 5)
            #expect(throws: ExperimentError.self) { try ConversionExperiment.analyze(control: control, variants: []) }
        }
    }

    /// The continuous report: Welch at the Bonferroni level, Holm-adjusted p-values, the
    /// actor counts in the sample-ratio check; the pieces are tested against scipy elsewhere.
    struct MeanExperimentTests {
        @Test func twoVariantsUseAdjustedLevels() throws {
            let data = MeanComparisonTests.cases
            let control = try SampleSummary(data[0].control)
            let variants = [try SampleSummary(data[0].variant), try SampleSummary(data[1].variant)]
            let report = try MeanExperiment.analyze(control: control, variants: variants)
            #expect(close(report.intervalLevel, 0.975, 1e-15))
            let raw = report.variants.map(\.comparison.pValue)
            #expect(report.variants.map(\.adjustedPValue) == MultipleComparisonCorrection.holm.adjust(raw))
            // Same test as the single comparison, only the interval is wider.
            let single = try MeanComparison.welch(control: control, variant: variants[0])
            #expect(report.variants[0].comparison.pValue == single.pValue)
            #expect(report.variants[0].comparison.differenceInterval.lower < single.differenceInterval.lower)
            #expect(report.sampleRatio.observed == [40, 55, 48])
            #expect(close(report.mixingVariance, 0.01 * control.mean * control.mean, 1e-12))
            #expect(throws: ExperimentError.self) { try MeanExperiment.analyze(control: control, variants: []) }
        }
    }
}
