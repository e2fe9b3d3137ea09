/// The cost of one segment `[s, e)` of a penalised segmentation.
///
/// The searches below are generic over it, so that the cost, called O(candidates) times per
/// step, is specialised and inlined rather than called through a closure.
protocol SegmentCost {
    /// The cost of `[s, e)`, `0 ≤ s < e`.
    func callAsFunction(_ s: Int, _ e: Int) -> Double
}

/// The Gaussian mean cost with known variance: `RSS about the segment mean / σ²`.
struct MeanCost: SegmentCost {
    let sums: SegmentSums
    /// σ².
    let variance: Double

    @inline(__always)
    func callAsFunction(_ s: Int, _ e: Int) -> Double { sums.meanRSS(s, e) / variance }
}

/// The Gaussian cost of a segment's own least-squares line with known variance: `RSS / σ²`.
struct LineCost: SegmentCost {
    let sums: SegmentSums
    /// σ².
    let variance: Double

    @inline(__always)
    func callAsFunction(_ s: Int, _ e: Int) -> Double { sums.lineRSS(s, e) / variance }
}

extension ChangePointDetection {
    /// The result of a search: the segment boundaries and how much work the search did.
    struct SearchResult {
        /// The segment boundaries `[0, c₁, …, n]`.
        let bounds: [Int]
        /// The number of candidate boundaries evaluated, summed over all ends (n(n+1)/2 for
        /// the unpruned dynamic programme).
        let evaluations: Int
    }

    /// PELT over positions 0…n with segment cost `cost(s, e)` for `[s, e)`.
    ///
    /// `F(e) = min_s F(s) + C(s, e) + β` over the usable boundaries s (`[0, s)` can be
    /// segmented and `[s, e)` holds at least m values), `F(0) = −β`; s is dropped once
    /// `F(s) + C(s, e) > F(e)` (the pruning rule with K = 0 of Killick, Fearnhead & Eckley 2012).
    /// The first (smallest) boundary wins a tie. The candidate list is compacted in place, so
    /// the loop allocates nothing.
    /// - Complexity: O(n·c) time for c the mean number of candidates kept (O(n) when the
    ///   number of changes grows with n, O(n²) when there are few), O(n) memory.
    static func pelt<Cost: SegmentCost>(count n: Int, penalty: Double, minimumSegment m: Int,
                                        cost: Cost) -> SearchResult {
        var best = [Double](repeating: .infinity, count: n + 1)
        var last = [Int](repeating: 0, count: n + 1)
        best[0] = -penalty
        // candidates[0..<count] in increasing order; costs[i] = F(s) + C(s, e) at this e.
        var candidates = [Int](repeating: 0, count: n + 1)
        var costs = [Double](repeating: 0, count: n + 1)
        var count = 1, evaluations = 0
        for e in m...n {
            // A boundary s is usable once [0, s) can be segmented and [s, e) is long enough.
            if e - m >= m { candidates[count] = e - m; count += 1 }
            var minimum = Double.infinity, argument = 0
            for i in 0..<count {
                let s = candidates[i]
                let total = best[s] + cost(s, e)
                costs[i] = total
                let value = total + penalty
                if value < minimum { minimum = value; argument = s }
            }
            evaluations += count
            best[e] = minimum
            last[e] = argument
            // Prune boundaries that can never be optimal again (K = 0 for these costs).
            var kept = 0
            for i in 0..<count where costs[i] <= minimum {
                candidates[kept] = candidates[i]
                kept += 1
            }
            count = kept
        }
        return SearchResult(bounds: boundaries(last), evaluations: evaluations)
    }

    /// Follows the last boundaries back from n: `[0, c₁, …, n]`.
    private static func boundaries(_ last: [Int]) -> [Int] {
        var bounds = [last.count - 1]
        var e = last.count - 1
        while e > 0 {
            e = last[e]
            bounds.append(e)
        }
        return bounds.reversed()
    }
}
