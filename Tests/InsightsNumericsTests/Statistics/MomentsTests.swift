import InsightsNumerics
import Testing
import TestSupport

extension StatisticsTests {
    /// Compensated sums, mean, variance and standard deviation. References: exact rational
    /// arithmetic on the binary64 inputs (`bench/reference/descriptive.py`) and hand-checked cases.
    struct MomentsTests {
        @Test(arguments: ReferenceSamples.cases)
        func matchExactArithmetic(_ reference: ReferenceCase) throws {
            let x = try reference.sample
            #expect(Accuracy.lre(Statistics.mean(x), reference.exactMean) >= 15)
            #expect(Accuracy.lre(Statistics.variance(x), reference.exactSampleVariance) >= 14.5)
            #expect(Accuracy.lre(Statistics.variance(x, denominator: .population),
                                 reference.exactPopulationVariance) >= 14.5)
            #expect(Accuracy.lre(Statistics.standardDeviation(x, denominator: .population),
                                 reference.exactPopulationVariance.squareRoot()) >= 14.5)
        }

        @Test func compensatedSumRecoversCancelledTerms() {
            // Neumaier's example: plain and Kahan summation both return 0.
            #expect(CompensatedSum([1, 1e100, 1, -1e100]).value == 2)
            #expect(Statistics.sum([1e16, 1, -1e16, 1]) == 2)
            var sum = CompensatedSum()
            for _ in 0..<10 { sum += 0.1 }
            #expect(sum.value == 1)
            #expect(CompensatedSum().value == 0)
        }

        @Test func compensatedSumPropagatesInfinityAndNaN() {
            #expect(CompensatedSum([1, .infinity, 2]).value == .infinity)
            #expect(CompensatedSum([-.infinity, 1]).value == -.infinity)
            #expect(CompensatedSum([.infinity, -.infinity]).value.isNaN)
            #expect(CompensatedSum([1, .nan]).value.isNaN)
            #expect(CompensatedSum([.greatestFiniteMagnitude, .greatestFiniteMagnitude]).value == .infinity)
        }

        @Test func textbookExample() {
            let x: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
            #expect(Statistics.mean(x) == 5)
            #expect(Statistics.variance(x, denominator: .population) == 4)
            #expect(Statistics.standardDeviation(x, denominator: .population) == 2)
            #expect(abs(Statistics.variance(x) - 32.0 / 7.0) <= 1e-15 * 32.0 / 7.0)
        }

        @Test func largeOffsetDoesNotCancel() {
            // Values 1e9 + {4, 7, 13, 16}: exact sample variance 30, which the one-pass formula loses.
            let x: [Double] = [4, 7, 13, 16].map { 1e9 + $0 }
            #expect(Statistics.variance(x) == 30)
            #expect(Statistics.mean(x) == 1e9 + 10)
        }

        @Test func constantInputHasZeroVariance() {
            let x = [Double](repeating: 0.1, count: 1000)
            #expect(Statistics.variance(x) == 0)
            #expect(Statistics.mean(x) == 0.1)
        }

        @Test func emptyAndTooShortInputGiveNaN() {
            let empty: [Double] = []
            #expect(Statistics.mean(empty).isNaN)
            #expect(Statistics.variance(empty).isNaN)
            #expect(Statistics.variance(empty, denominator: .population).isNaN)
            #expect(Statistics.sum(empty) == 0)
            #expect(Statistics.variance([4.0]).isNaN)
            #expect(Statistics.variance([4.0], denominator: .population) == 0)
        }

        @Test func nanPolicy() {
            let x: [Double] = [1, .nan, 3]
            #expect(Statistics.mean(x).isNaN)
            #expect(Statistics.variance(x).isNaN)
            #expect(Statistics.sum(x).isNaN)
            #expect(Statistics.mean(x, nanPolicy: .omit) == 2)
            #expect(Statistics.variance(x, nanPolicy: .omit) == 2)
            #expect(Statistics.sum(x, nanPolicy: .omit) == 4)
            #expect(Statistics.mean([Double.nan], nanPolicy: .omit).isNaN)
        }

        @Test func infiniteValues() {
            #expect(Statistics.mean([1, .infinity]) == .infinity)
            #expect(Statistics.variance([1, .infinity]).isNaN)
        }

        @Test func collectionKindsAgree() {
            let x = ReferenceSamples.lcgSample(count: 200, seed: 99)
            let slice = x[50..<150]
            let copy = Array(slice)
            #expect(Statistics.mean(slice) == Statistics.mean(copy))
            #expect(Statistics.variance(slice) == Statistics.variance(copy))
            #expect(Statistics.variance(ContiguousArray(slice)) == Statistics.variance(copy))
            // A lazy map is not contiguous and takes the copying path.
            #expect(Statistics.variance(slice.lazy.map { $0 }) == Statistics.variance(copy))
        }
    }
}
