import InsightsAnalysis
import Testing

/// `histogram_quantile` on hand-worked bucket sets (Prometheus 2.42's `bucketQuantile`).
/// Tolerance: 1e-12 relative.
struct PromQLHistogramQuantileTests {
    static func buckets(_ pairs: [(Double, Double)]) -> [PromQL.Bucket] {
        pairs.map { PromQL.Bucket(upperBound: $0.0, count: $0.1) }
    }

    /// Cumulative counts le 0.1: 10, 0.5: 30, 1: 40, +Inf: 50 (given out of order).
    static let standard = buckets([(1, 40), (0.1, 10), (.infinity, 50), (0.5, 30)])

    /// q = 0.5: rank 25 falls in (0.1, 0.5] holding 30 − 10: 0.1 + 0.4 · (25 − 10)/20 = 0.4.
    /// q = 0.1: rank 5 in the first bucket, lower bound 0: 0.1 · 5/10 = 0.05.
    /// q = 0.8: rank 40 reaches le = 1 exactly: 0.5 + 0.5 · (40 − 30)/10 = 1.
    /// q = 0.9: rank 45 only in the +Inf bucket: the largest finite bound, 1.
    /// q = 0 → rank 0, first bucket: 0; q = 1 → rank 50 → +Inf bucket → 1.
    @Test(arguments: [(0.5, 0.4), (0.1, 0.05), (0.8, 1.0), (0.9, 1.0), (0.0, 0.0), (1.0, 1.0)])
    func interpolatesWithinTheBucket(_ q: Double, _ expected: Double) {
        #expect(agrees(PromQL.bucketQuantile(q, buckets: Self.standard), expected))
    }

    /// Out-of-range and degenerate inputs.
    @Test func specialCases() {
        #expect(PromQL.bucketQuantile(-0.1, buckets: Self.standard) == -.infinity)
        #expect(PromQL.bucketQuantile(1.1, buckets: Self.standard) == .infinity)
        #expect(PromQL.bucketQuantile(.nan, buckets: Self.standard).isNaN)
        // No +Inf bucket.
        #expect(PromQL.bucketQuantile(0.5, buckets: Self.buckets([(0.1, 1), (1, 2)])).isNaN)
        // Only the +Inf bucket.
        #expect(PromQL.bucketQuantile(0.5, buckets: Self.buckets([(.infinity, 5)])).isNaN)
        // No observations.
        #expect(PromQL.bucketQuantile(0.5, buckets: Self.buckets([(0.1, 0), (.infinity, 0)])).isNaN)
        // First bound ≤ 0: le −1: 5, 0: 10, +Inf: 10; q = 0.2 → rank 2 in the first bucket → −1.
        #expect(PromQL.bucketQuantile(0.2, buckets: Self.buckets([(-1, 5), (0, 10), (.infinity, 10)])) == -1)
    }

    /// A count below its predecessor is raised to it: 0.1: 10, 0.5: 8 → 10, 1: 40, +Inf: 50;
    /// q = 0.5, rank 25 in (0.5, 1] holding 30: 0.5 + 0.5 · (25 − 10)/30 = 0.75.
    /// Equal bounds are merged: two le = 0.5 buckets of 10 and 20 act as one of 30 (then 0.4 as above).
    @Test func monotonicityFixAndMergedBounds() {
        let dipping = Self.buckets([(0.1, 10), (0.5, 8), (1, 40), (.infinity, 50)])
        #expect(agrees(PromQL.bucketQuantile(0.5, buckets: dipping), 0.75))
        let split = Self.buckets([(0.1, 10), (0.5, 10), (0.5, 20), (1, 40), (.infinity, 50)])
        #expect(agrees(PromQL.bucketQuantile(0.5, buckets: split), 0.4))
    }

    /// Over series: grouped by all labels but `le`, output without `le` and `__name__`; a series
    /// with a bad `le` is ignored; a group has a point at every time any of its buckets does,
    /// even when that point is NaN (here the +Inf count is 0 at 20 s).
    @Test func overSeriesGroupsByLabelsOtherThanLe() {
        func bucket(_ service: String, _ le: String, _ counts: [Double]) -> PromQLSeries {
            samples(["__name__": "h_bucket", "service": service, "le": le], at: [0, 10, 20], counts)
        }
        let input = [
            bucket("a", "0.1", [10, 1, 0]), bucket("a", "0.5", [30, 2, 0]),
            bucket("a", "1", [40, 3, 0]), bucket("a", "+Inf", [50, 4, 0]),
            bucket("a", "fast", [1, 1, 1]),
            samples(["__name__": "h_bucket", "service": "b", "le": "1"], at: [10], [2]),
            samples(["__name__": "h_bucket", "service": "b", "le": "+Inf"], at: [10], [4]),
        ]
        let result = PromQL.histogramQuantile(0.5, buckets: input)
        #expect(result.map(\.labels) == [["service": "a"], ["service": "b"]])
        // a at 10 s: rank 2 reaches le 0.5 exactly: 0.1 + 0.4 · (2 − 1)/(2 − 1) = 0.5.
        #expect(result[0].timestamps == [0, 10, 20].map(seconds))
        #expect(agrees(result[0].values[0], 0.4) && agrees(result[0].values[1], 0.5) && result[0].values[2].isNaN)
        // b at 10 s: rank 2 in the first bucket (le 1, count 2): 0 + 1 · 2/2 = 1.
        #expect(result[1].timestamps == [seconds(10)] && agrees(result[1].values[0], 1))
    }
}
