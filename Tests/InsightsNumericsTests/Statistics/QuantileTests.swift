import InsightsNumerics
import Testing
import TestSupport

extension StatisticsTests {
    /// Quantiles and medians against numpy 2.4 (`np.quantile`, default method 'linear';
    /// `np.median`), values from `bench/reference/descriptive.py`. Relative tolerance 1e-13.
    struct QuantileTests {
        static let tolerance = 1e-13

        @Test(arguments: ReferenceSamples.cases)
        func quantilesMatchNumPy(_ reference: ReferenceCase) throws {
            let x = try reference.sample
            let ps = ReferenceSamples.probabilities
            let all = Statistics.quantiles(x, ps)
            #expect(all.count == ps.count)
            for (k, p) in ps.enumerated() {
                #expect(Accuracy.relativeError(all[k], reference.quantiles[k]) <= Self.tolerance, "p = \(p)")
                #expect(Statistics.quantile(x, p) == all[k], "p = \(p)")
            }
        }

        @Test(arguments: ReferenceSamples.cases)
        func medianMatchesNumPy(_ reference: ReferenceCase) throws {
            let x = try reference.sample
            #expect(Accuracy.relativeError(Statistics.median(x), reference.median) <= Self.tolerance)
        }

        @Test func endpointsAreMinimumAndMaximum() {
            let x = ReferenceSamples.lcgSample(count: 101, seed: 7)
            #expect(Statistics.quantile(x, 0) == x.min())
            #expect(Statistics.quantile(x, 1) == x.max())
        }

        @Test func quantilesAreMonotoneInP() {
            let x = ReferenceSamples.lcgSample(count: 37, seed: 11)
            let ps = (0...1000).map { Double($0) / 1000 }
            let q = Statistics.quantiles(x, ps)
            #expect(zip(q, q.dropFirst()).allSatisfy { $0 <= $1 })
        }

        @Test func hyndmanFanType7ByHand() {
            // n = 4, h = 3p: p = 0.5 -> between 2 and 3 halfway; p = 0.9 -> 0.7 of the way from 3 to 10.
            let x: [Double] = [10, 1, 3, 2]
            #expect(Statistics.quantile(x, 0.5) == 2.5)
            #expect(abs(Statistics.quantile(x, 0.9) - 7.9) <= 1e-15 * 7.9)
            #expect(Statistics.median([5.0]) == 5)
            #expect(Statistics.median([-1.0, 4.0]) == 1.5)
        }

        @Test func medianOfHugeValuesDoesNotOverflow() {
            let big = Double.greatestFiniteMagnitude
            #expect(Statistics.median([big, big]) == big)
        }

        @Test func infiniteOrderStatisticsAreReturnedUninterpolated() {
            // numpy returns NaN here (inf - inf inside its interpolation); see the doc comment.
            let x: [Double] = [1, .infinity]
            #expect(Statistics.quantile(x, 0) == 1)
            #expect(Statistics.quantile(x, 1) == .infinity)
            #expect(Statistics.quantile(x, 0.5) == .infinity)
        }

        @Test func nanPropagatesUnlessOmitted() {
            let x: [Double] = [4, .nan, 1, 3, 2]
            #expect(Statistics.quantile(x, 0.5).isNaN)
            #expect(Statistics.median(x).isNaN)
            #expect(Statistics.quantiles(x, [0.1, 0.9]).allSatisfy { $0.isNaN })
            #expect(Statistics.median(x, nanPolicy: .omit) == 2.5)
            #expect(Statistics.quantiles(x, [0, 1], nanPolicy: .omit) == [1, 4])
        }

        @Test func emptyInputGivesNaN() {
            let empty: [Double] = []
            #expect(Statistics.quantile(empty, 0.5).isNaN)
            #expect(Statistics.median(empty).isNaN)
            #expect(Statistics.quantiles(empty, [0.25, 0.75]).count == 2)
            #expect(Statistics.quantiles(empty, [0.25, 0.75]).allSatisfy { $0.isNaN })
            #expect(Statistics.median([Double.nan], nanPolicy: .omit).isNaN)
        }

        @Test func slicesAndNonContiguousCollectionsAgree() {
            let x = ReferenceSamples.lcgSample(count: 50, seed: 3)
            let expected = Statistics.quantiles(Array(x[10..<40]), [0.1, 0.5, 0.9])
            #expect(Statistics.quantiles(x[10..<40], [0.1, 0.5, 0.9]) == expected)
            #expect(Statistics.quantiles(x[10..<40].reversed(), [0.1, 0.5, 0.9]) == expected)
        }
    }
}
