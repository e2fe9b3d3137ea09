/// White-box hooks for the change-point tests: not API.
extension ChangePointDetection {
    /// The segment boundaries `[0, c₁, …, n]` (positions among the observed values) and the
    /// number of candidate evaluations of one search.
    package struct SearchTrace: Sendable, Equatable {
        package let bounds: [Int]
        package let evaluations: Int
    }

    /// Runs the mean search of ``meanShifts(_:penaltyFactor:minimumSegment:)`` with functional
    /// pruning (what `meanShifts` uses) or with PELT's rule alone, on the same noise scale and
    /// penalty.
    /// - Returns: nil when `meanShifts` would not search (too few values, σ̂ = 0).
    package static func traceMeanSearch(_ values: [Double], functionalPruning: Bool, penaltyFactor: Double = 2,
                                        minimumSegment: Int = 2) -> SearchTrace? {
        let y = observed(values).values
        guard y.count >= 2 * minimumSegment else { return nil }
        let sums = SegmentSums(y)
        let sigma = noiseScale(y)
        guard sigma > 0 else { return nil }
        let penalty = penaltyFactor * log(Double(y.count))
        let result = functionalPruning
            ? meanSearch(sums: sums, sigma: sigma, penalty: penalty, minimumSegment: minimumSegment)
            : pelt(count: y.count, penalty: penalty, minimumSegment: minimumSegment,
                   cost: MeanCost(sums: sums, variance: sigma * sigma))
        return SearchTrace(bounds: result.bounds, evaluations: result.evaluations)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
