import InsightsNumerics
import Testing
import TestSupport

extension StatisticsTests {
    /// Median absolute deviation and trimmed mean against scipy 1.17
    /// (`scipy.stats.median_abs_deviation`, `scipy.stats.trim_mean`), values from
    /// `bench/reference/descriptive.py`. Relative tolerance 1e-13.
    struct RobustStatisticsTests {
        static let tolerance = 1e-13

        @Test(arguments: ReferenceSamples.cases)
        func medianAbsoluteDeviationMatchesSciPy(_ reference: ReferenceCase) throws {
            let x = try reference.sample
            let raw = Statistics.medianAbsoluteDeviation(x)
            let normal = Statistics.medianAbsoluteDeviation(x, scale: .normal)
            #expect(Accuracy.relativeError(raw, reference.mad) <= Self.tolerance)
            #expect(Accuracy.relativeError(normal, reference.madNormal) <= Self.tolerance)
            #expect(Accuracy.relativeError(normal, raw * 1.482602218505602) <= 1e-15)
        }

        @Test(arguments: ReferenceSamples.cases)
        func trimmedMeanMatchesSciPy(_ reference: ReferenceCase) throws {
            let x = try reference.sample
            for (k, cut) in ReferenceSamples.proportionsToCut.enumerated() {
                let computed = Statistics.trimmedMean(x, proportionToCut: cut)
                #expect(Accuracy.relativeError(computed, reference.trimmedMeans[k]) <= Self.tolerance,
                        "proportionToCut = \(cut)")
            }
        }

        @Test func trimmingCountTruncatesLikeSciPy() {
            // 0.29 * 100 rounds to 28.999999999999996, so 28 values (not 29) go from each end.
            let x = (1...100).map(Double.init)
            #expect(Statistics.trimmedMean(x, proportionToCut: 0.29) == 50.5)
            let skewed = x + [1e6]
            // n = 101: 0.1 * 101 = 10.1 -> 10 removed from each end, including 1e6.
            #expect(Statistics.trimmedMean(skewed, proportionToCut: 0.1) == Statistics.mean(Array(x[10..<91])))
        }

        @Test func halfTrimmedMeanIsMedianOrNaN() {
            #expect(Statistics.trimmedMean([5.0, 1, 9, 3, 7], proportionToCut: 0.5) == 5)
            #expect(Statistics.trimmedMean([5.0, 1, 9, 3], proportionToCut: 0.5).isNaN)
        }

        @Test func madByHand() {
            // median 3; |x - 3| = 2, 1, 0, 1, 97 -> median 1.
            let x: [Double] = [1, 2, 3, 4, 100]
            #expect(Statistics.medianAbsoluteDeviation(x) == 1)
            #expect(Statistics.medianAbsoluteDeviation([7.0, 7, 7]) == 0)
        }

        @Test func nanAndEmptyPolicy() {
            let x: [Double] = [1, 2, .nan, 3, 4, 100]
            #expect(Statistics.medianAbsoluteDeviation(x).isNaN)
            #expect(Statistics.trimmedMean(x, proportionToCut: 0.2).isNaN)
            #expect(Statistics.medianAbsoluteDeviation(x, nanPolicy: .omit) == 1)
            #expect(Statistics.trimmedMean(x, proportionToCut: 0.2, nanPolicy: .omit) == 3)
            let empty: [Double] = []
            #expect(Statistics.medianAbsoluteDeviation(empty).isNaN)
            #expect(Statistics.medianAbsoluteDeviation(empty, scale: .normal).isNaN)
            #expect(Statistics.trimmedMean(empty, proportionToCut: 0.1).isNaN)
        }
    }
}
