import InsightsAnalysis
import Testing

/// Instant-vector selection with the lookback and the aggregation operators, on hand-worked
/// cases. Tolerance: 1e-12 relative.
struct PromQLSelectionTests {
    /// Samples at 0 s (1) and 100 s (2), lookback 300 s: nothing before the first sample; the
    /// newest sample at or before t; a sample exactly 300 s old still counts in 2.42 (t = 400 s);
    /// one 301 s old does not.
    @Test func lookbackTakesTheNewestRecentSample() {
        let series = samples(at: [0, 100], [1, 2])
        let result = PromQL.instant(series, at: [-1, 0, 99, 100, 400, 401].map(seconds),
                                    lookback: seconds(300))
        #expect(result[0].isNaN)
        #expect(result[1] == 1 && result[2] == 1 && result[3] == 2 && result[4] == 2)
        #expect(result[5].isNaN)
        // A shorter lookback expires sooner: at 160 s the 100 s sample is 60 s old.
        #expect(PromQL.instant(series, at: [seconds(160)], lookback: seconds(59))[0].isNaN)
        #expect(PromQL.instant(series, at: [seconds(160)], lookback: seconds(60))[0] == 2)
    }

    /// A range query's grid includes `end` only when a step lands on it.
    @Test func evaluationTimesIncludeAReachableEnd() {
        #expect(PromQL.evaluationTimes(start: 0, end: seconds(60), step: seconds(30)) == [0, 30, 60].map(seconds))
        #expect(PromQL.evaluationTimes(start: 0, end: seconds(59), step: seconds(30)) == [0, 30].map(seconds))
        #expect(PromQL.evaluationTimes(start: seconds(1), end: 0, step: seconds(30)).isEmpty)
    }

    /// Three gauges evaluated at 0, 10, 20 s (absent points missing) and one without `service`.
    static let gauges = [
        samples(["__name__": "g", "service": "a", "region": "eu"], at: [0, 10], [1, 2]),
        samples(["__name__": "g", "service": "a", "region": "us"], at: [10], [5]),
        samples(["__name__": "g", "service": "b", "region": "eu"], at: [0, 10, 20], [3, 4, 9]),
        samples(["__name__": "g", "region": "us"], at: [20], [-1]),
    ]

    /// `sum by (service)`: a = {0: 1, 10: 2 + 5 = 7}, b = {0: 3, 10: 4, 20: 9}, and the series
    /// without `service` forms the group {} = {20: −1}; a has no point at 20 s.
    @Test func sumByGroupsAndSkipsAbsentPoints() {
        let result = PromQL.aggregate(.sum, Self.gauges, by: ["service"])
        #expect(result.map(\.labels) == [[:], ["service": "a"], ["service": "b"]])
        #expect(result[0].timestamps == [seconds(20)] && result[0].values == [-1])
        #expect(result[1].timestamps == [0, 10].map(seconds) && result[1].values == [1, 7])
        #expect(result[2].timestamps == [0, 10, 20].map(seconds) && result[2].values == [3, 4, 9])
    }

    /// `avg without (region)` groups by service and drops `__name__`: a = {0: 1, 10: (2 + 5)/2},
    /// b as is. `count`: {0: 2, 10: 3, 20: 2}. `min by (region)`: eu = {0: 1, 10: 2, 20: 9},
    /// us = {10: 5, 20: −1}. `max`: {0: 3, 10: 5, 20: 9}.
    @Test func avgWithoutCountMinMax() {
        let avg = PromQL.aggregate(.avg, Self.gauges, without: ["region"])
        #expect(avg.map(\.labels) == [[:], ["service": "a"], ["service": "b"]])
        #expect(avg[1].values.count == 2 && agrees(avg[1].values[0], 1) && agrees(avg[1].values[1], 3.5))
        let count = PromQL.aggregate(.count, Self.gauges)
        #expect(count.count == 1 && count[0].labels == [:] && count[0].values == [2, 3, 2])
        let minimum = PromQL.aggregate(.min, Self.gauges, by: ["region"])
        #expect(minimum.map(\.labels) == [["region": "eu"], ["region": "us"]])
        #expect(minimum[0].values == [1, 2, 9] && minimum[1].values == [5, -1])
        #expect(minimum[1].timestamps == [10, 20].map(seconds))
        let maximum = PromQL.aggregate(.max, Self.gauges)
        #expect(maximum[0].values == [3, 5, 9])
    }

    /// NaN loses to any number in `min`/`max` whichever comes first (NaN, 4 → 4; 4, NaN → 4);
    /// `sum` and `avg` propagate it.
    @Test func nanInMinMaxSumAvg() {
        let withNaN = [samples(at: [0, 10], [.nan, 4]), samples(at: [0, 10], [4, .nan])]
        for op in [PromQL.Aggregation.min, .max] {
            #expect(PromQL.aggregate(op, withNaN)[0].values == [4, 4], "\(op)")
        }
        for op in [PromQL.Aggregation.sum, .avg] {
            #expect(PromQL.aggregate(op, withNaN)[0].values.allSatisfy { $0.isNaN }, "\(op)")
        }
    }

    /// The running mean of 1, 2, 3, 4: 1 → 1 + 2/2 − 1/2 = 1.5 → 1.5 + 1 − 0.5 = 2 → 2 + 1 − 0.5 = 2.5.
    /// With +∞ among finite values the mean stays +∞; +∞ and −∞ give NaN.
    @Test func averageOfInfinities() {
        let plain = (1...4).map { samples(at: [0], [Double($0)]) }
        #expect(agrees(PromQL.aggregate(.avg, plain)[0].values[0], 2.5))
        let infinite = [samples(at: [0], [1]), samples(at: [0], [.infinity]), samples(at: [0], [3])]
        #expect(PromQL.aggregate(.avg, infinite)[0].values == [.infinity])
        let opposite = [samples(at: [0], [.infinity]), samples(at: [0], [-.infinity])]
        #expect(PromQL.aggregate(.avg, opposite)[0].values[0].isNaN)
    }
}
