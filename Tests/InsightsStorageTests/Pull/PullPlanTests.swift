import InsightsStorage
import Testing

/// Step alignment, chunking and the incremental start of a Prometheus pull.
struct PullPlanTests {
    static let second: Int64 = 1_000_000_000

    @Test func alignsOntoTheStepGridAndSplitsLongRangesIntoTenThousandStepRequests() throws {
        // 25,000 s at 1 s: 25,001 evaluation times, from 100.5 s (rounded up) to 25,100.7 s (down).
        let plan = try #require(PullPlan(from: 100 * Self.second + Self.second / 2,
                                         to: 25_100 * Self.second + 7 * Self.second / 10,
                                         step: Self.second, watermark: nil))
        #expect(plan.start == 101 * Self.second && plan.end == 25_100 * Self.second)
        #expect(plan.points == 25_000 && !plan.resumed)
        #expect(plan.chunks.map(\.points) == [10_000, 10_000, 5_000])
        #expect(plan.chunks.first?.start == plan.start && plan.chunks.last?.end == plan.end)
        for (previous, next) in zip(plan.chunks, plan.chunks.dropFirst()) {
            #expect(next.start == previous.end + Self.second)
        }
        // Prometheus refuses (end − start) / step > 11,000 per request.
        #expect(plan.chunks.allSatisfy { ($0.end - $0.start) / Self.second <= 11_000 })
    }

    @Test func sevenDaysAtOneMinuteIsTwoRequests() throws {
        let plan = try #require(PullPlan(from: 0, to: 7 * 86_400 * Self.second, step: 60 * Self.second, watermark: nil))
        #expect(plan.points == 10_081)
        #expect(plan.chunks.map(\.points) == [10_000, 81])
    }

    @Test func resumesOneStepAfterTheWatermark() throws {
        let step = 15 * Self.second
        let resumed = try #require(PullPlan(from: 0, to: 3_600 * Self.second, step: step, watermark: 1_800 * Self.second))
        #expect(resumed.resumed && resumed.start == 1_815 * Self.second && resumed.end == 3_600 * Self.second)
        // A watermark before the window does not move its start.
        let older = try #require(PullPlan(from: 600 * Self.second, to: 3_600 * Self.second, step: step,
                                          watermark: 30 * Self.second))
        #expect(!older.resumed && older.start == 600 * Self.second)
        // Nothing new since the watermark: no plan.
        #expect(PullPlan(from: 0, to: 3_600 * Self.second, step: step, watermark: 3_600 * Self.second) == nil)
        #expect(PullPlan(from: 0, to: 3_614 * Self.second, step: step, watermark: 3_600 * Self.second) == nil)
        #expect(PullPlan(from: 0, to: 3_615 * Self.second, step: step, watermark: 3_600 * Self.second)?.points == 1)
    }

    /// Every small window, step, watermark and request size, against a naive enumeration of the
    /// grid times: the requests list exactly the multiples of the step in the window after the
    /// watermark, in order, each request at most `maxSteps` of them.
    @Test(arguments: 1...4)
    func coversExactlyTheGridTimesInTheWindow(step: Int64) {
        var cases = 0
        for from in Int64(-9)...9 {
            for to in Int64(-9)...9 {
                for watermark in [nil] + (Int64(-10)...10).map(Optional.some) {
                    for maxSteps in 1...4 {
                        let expected = (from...max(from, to)).filter { $0 <= to && $0 % step == 0 }
                            .filter { watermark == nil || $0 > watermark! }
                        let plan = PullPlan(from: from, to: to, step: step, watermark: watermark, maxStepsPerRequest: maxSteps)
                        cases += 1
                        guard let plan else {
                            #expect(expected.isEmpty, "from \(from) to \(to) step \(step) after \(String(describing: watermark))")
                            continue
                        }
                        let times = plan.chunks.flatMap { chunk in stride(from: chunk.start, through: chunk.end, by: Int(step)).map { $0 } }
                        #expect(times == expected, "from \(from) to \(to) step \(step) after \(String(describing: watermark))")
                        #expect(plan.chunks.allSatisfy { $0.points <= maxSteps && $0.points == Int(($0.end - $0.start) / step) + 1 })
                        #expect(plan.points == expected.count)
                    }
                }
            }
        }
        #expect(cases == 19 * 19 * 22 * 4)
    }
}
