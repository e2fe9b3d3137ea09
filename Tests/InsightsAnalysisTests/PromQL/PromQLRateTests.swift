import InsightsAnalysis
import Testing

/// `rate`, `increase` and `delta` on hand-worked windows; the arithmetic follows Prometheus
/// 2.42's `extrapolatedRate`. Tolerance: 1e-12 relative (the sums are exact in binary but
/// for the final division).
struct PromQLRateTests {
    /// Samples at 5, 20, 35, 50 s (10, 13, 16, 19), window [0, 60] at t = 60 s:
    /// increase 9 over sampled 45 s, average interval 15 s, threshold 16.5 s; the gaps 5 s and
    /// 10 s are both below it, so extrapolate to both ends: 9 · (45 + 5 + 10)/45 = 12, rate 12/60.
    @Test func extrapolatesToBothBoundaries() {
        let series = samples(at: [5, 20, 35, 50], [10, 13, 16, 19])
        let times = [seconds(60)]
        #expect(agrees(PromQL.increase(series, range: seconds(60), at: times)[0], 12))
        #expect(agrees(PromQL.rate(series, range: seconds(60), at: times)[0], 0.2))
    }

    /// 100, 110, 5, 15, 25 at 0…60 s: last − first = −75; the drop 110 → 5 adds 110: 35.
    /// The window [0, 60] starts and ends on samples, so no extrapolation: increase 35, rate 35/60.
    @Test func counterResetAddsThePreviousValue() {
        let series = samples(at: [0, 15, 30, 45, 60], [100, 110, 5, 15, 25])
        let times = [seconds(60)]
        #expect(agrees(PromQL.increase(series, range: seconds(60), at: times)[0], 35))
        #expect(agrees(PromQL.rate(series, range: seconds(60), at: times)[0], 35.0 / 60))
        // Two resets: 5, 1 (adds 5), 4, 2 (adds 4): 2 − 5 + 5 + 4 = 6.
        let twice = samples(at: [0, 20, 40, 60], [5, 1, 4, 2])
        #expect(agrees(PromQL.increase(twice, range: seconds(60), at: times)[0], 6))
    }

    /// 20, 22, 24 at 30, 40, 50 s, window [0, 60]: increase 4, sampled 20 s, average 10 s,
    /// threshold 11 s. Start gap 30 s (the zero point, 20 · 20/4 = 100 s back, is further) is
    /// over the threshold: extrapolate by half an interval, 5 s. End gap 10 s: all of it.
    /// 4 · (20 + 5 + 10)/20 = 7.
    @Test func largeGapExtrapolatesByHalfAnInterval() {
        let series = samples(at: [30, 40, 50], [20, 22, 24])
        #expect(agrees(PromQL.increase(series, range: seconds(60), at: [seconds(60)])[0], 7))
    }

    /// 2, 4, 6 at 30, 40, 50 s, window [0, 60]: increase 4, sampled 20 s. The counter was zero
    /// 20 · 2/4 = 10 s before the first sample, sooner than the 30 s gap, so the start gap becomes
    /// 10 s; 2.42 then compares 10 s with the 11 s threshold and extrapolates all of it:
    /// 4 · (20 + 10 + 10)/20 = 8. (Later versions cap the gap at half an interval first, giving 7.)
    @Test func counterIsNotExtrapolatedBelowZero() {
        let series = samples(at: [30, 40, 50], [2, 4, 6])
        #expect(agrees(PromQL.increase(series, range: seconds(60), at: [seconds(60)])[0], 8))
        // Zero point inside a short gap: 1, 3, 5 → 20 · 1/4 = 5 s < 30 s; 4 · (20 + 5 + 10)/20 = 7.
        let nearZero = samples(at: [30, 40, 50], [1, 3, 5])
        #expect(agrees(PromQL.increase(nearZero, range: seconds(60), at: [seconds(60)])[0], 7))
    }

    /// 2.42's window is closed on the left: at t = 60 s with range 60 s the sample at 0 s counts
    /// (3 → 9, no gaps, increase 6). At 61 s only the sample at 60 s is left: no value.
    /// At 59 s only the sample at 0 s: no value.
    @Test func windowIncludesItsLeftEndAndNeedsTwoSamples() {
        let series = samples(at: [0, 60], [3, 9])
        let result = PromQL.increase(series, range: seconds(60), at: [seconds(59), seconds(60), seconds(61)])
        #expect(result[0].isNaN)
        #expect(agrees(result[1], 6))
        #expect(result[2].isNaN)
    }

    /// A gauge: 10, 4, 7, 1 at 5, 20, 35, 50 s has last − first = −9 and no reset correction;
    /// extrapolated like the first test: −9 · 60/45 = −12. `increase` would instead read the
    /// drops as resets: −9 + 10 + 7 = 8, the zero point 45 · 10/8 s back is beyond the 5 s gap,
    /// so 8 · 60/45.
    @Test func deltaHasNoResetCorrection() {
        let series = samples(at: [5, 20, 35, 50], [10, 4, 7, 1])
        #expect(agrees(PromQL.delta(series, range: seconds(60), at: [seconds(60)])[0], -12))
        #expect(agrees(PromQL.increase(series, range: seconds(60), at: [seconds(60)])[0], 8.0 * 60 / 45))
    }

    /// The selector form drops `__name__`, keeps the other labels and omits times without a value.
    @Test func selectorFormKeepsLabelsAndOmitsAbsentPoints() {
        let series = samples(["__name__": "c", "service": "api"], at: [0, 60], [3, 9])
        let result = PromQL.increase([series], range: seconds(60), at: [seconds(59), seconds(60), seconds(61)])
        #expect(result.count == 1)
        #expect(result.first?.labels == ["service": "api"])
        #expect(result.first?.timestamps == [seconds(60)])
        #expect(agrees(result.first?.values.first ?? .nan, 6))
        #expect(PromQL.rate([series], range: seconds(60), at: [seconds(200)]).isEmpty)
    }
}
