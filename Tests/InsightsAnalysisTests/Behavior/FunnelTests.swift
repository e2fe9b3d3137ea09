import InsightsAnalysis
import InsightsNumerics
import Testing

/// Funnels on small logs whose answers are worked out by hand in the comments, and a seeded
/// differential test against an exhaustive search over every chain of events.
struct FunnelTests {
    /// Events as (actor, event, time, plan property); ids and names interned in order given.
    static func log(_ rows: [(String, String, Int64, String?)]) -> EventLog {
        var actorIDs: [String] = [], names: [String] = []
        func intern(_ text: String, _ list: inout [String]) -> Int32 {
            if let index = list.firstIndex(of: text) { return Int32(index) }
            list.append(text)
            return Int32(list.count - 1)
        }
        let actors = rows.map { intern($0.0, &actorIDs) }
        let events = rows.map { intern($0.1, &names) }
        return EventLog(timestamps: rows.map(\.2), actors: actors, names: events, actorIDs: actorIDs, eventNames: names,
                        properties: ["plan": rows.map(\.3)])
    }

    // Window 50. a: A0 B10 | A100 B110 C120 — first attempt reaches B (C is 120 after A0),
    // the second reaches C. b: B0 A5 C6 B7 — A5 then B7, no C after. c: A only. d: C only.
    // e: A0 B0 C50 — same-time B follows A in storage order; C exactly at the window's end.
    static let sample = log([
        ("a", "A", 0, "\"free\""), ("a", "B", 10, nil), ("a", "A", 100, "\"pro\""), ("a", "B", 110, nil), ("a", "C", 120, nil),
        ("b", "B", 0, nil), ("b", "A", 5, "\"pro\""), ("b", "C", 6, nil), ("b", "B", 7, nil),
        ("c", "A", 0, nil), ("d", "C", 0, nil),
        ("e", "A", 0, "\"free\""), ("e", "B", 0, nil), ("e", "C", 50, nil),
    ])
    static let steps = ["A", "B", "C"].map { Funnel.Step($0) }

    @Test func orderedFurthestKeepsTheBestAttempt() {
        let result = Funnel(steps: Self.steps, window: 50).run(Self.sample)
        #expect(result.steps.map(\.count) == [4, 3, 2])
        #expect(result.steps.map(\.conversionFromPrevious) == [1, 0.75, 2.0 / 3])
        #expect(result.steps.map(\.conversionFromFirst) == [1, 0.75, 0.5])
        // Into B: a 10 (A100→B110), b 2, e 0; into C: a 10, e 50. Seconds are ns / 1e9.
        #expect(result.steps[0].timeToConvert == nil)
        #expect(result.steps[1].timeToConvert?.median == 2e-9)
        #expect(abs((result.steps[2].timeToConvert?.median ?? 0) - 30e-9) < 1e-22)
        #expect(result.steps[2].timeToConvert?.count == 2)
        #expect(result.dropoffs(afterStep: 1) == ["c"])
        #expect(result.dropoffs(afterStep: 2) == ["b"])
        #expect(result.furthestStep == [3, 2, 1, 0, 3])
        let interval = Proportion.wilsonInterval(successes: 2, trials: 4)
        #expect(result.steps[2].interval == interval)
    }

    @Test func orderedFirstUsesOnlyTheFirstStart() {
        let result = Funnel(steps: Self.steps, window: 50, attempt: .first).run(Self.sample)
        #expect(result.steps.map(\.count) == [4, 3, 1])
        #expect(result.steps[1].timeToConvert?.median == 2e-9)  // a 10, b 2, e 0
        #expect(result.steps[2].timeToConvert?.median == 50e-9)  // e only
        #expect(result.dropoffs(afterStep: 2) == ["a", "b"])
    }

    // Any order, window 50: a's A100 start holds A, B, C; b's B0 start holds B, A5, C6 (3 steps,
    // 5 then 1 apart); d's C counts as one step. First starts: a's A0 holds A, B only.
    @Test func anyOrderCountsStepsDone() {
        let furthest = Funnel(steps: Self.steps, window: 50, mode: .any).run(Self.sample)
        #expect(furthest.steps.map(\.count) == [5, 3, 3])
        #expect(furthest.furthestStep == [3, 3, 1, 1, 3])
        // Into the 2nd step: a 10, b 5, e 0; into the 3rd: a 10, b 1, e 50.
        #expect(furthest.steps[1].timeToConvert?.median == 5e-9)
        #expect(furthest.steps[2].timeToConvert?.median == 10e-9)
        let first = Funnel(steps: Self.steps, window: 50, mode: .any, attempt: .first).run(Self.sample)
        #expect(first.steps.map(\.count) == [5, 3, 2])
    }

    // The start event of the attempt that counts decides the group: a's is A100 (pro) when
    // the furthest attempt counts and A0 (free) with the first attempt.
    @Test func breakdownFollowsTheCountedStart() {
        let furthest = Funnel(steps: Self.steps, window: 50, breakdown: "plan").run(Self.sample)
        #expect(furthest.breakdown.map(\.value) == ["\"pro\"", "\"free\"", nil])
        #expect(furthest.breakdown.map { $0.steps.map(\.count) } == [[2, 2, 1], [1, 1, 1], [1, 0, 0]])
        let first = Funnel(steps: Self.steps, window: 50, attempt: .first, breakdown: "plan").run(Self.sample)
        #expect(first.breakdown.map(\.value) == ["\"free\"", "\"pro\"", nil])
        #expect(first.breakdown.map { $0.steps.map(\.count) } == [[2, 2, 1], [1, 1, 0], [1, 0, 0]])
    }

    // x: A0, B1 (plan "no"), B2 (plan "yes"); y: A0, B1 without plan.
    @Test func stepFiltersSelectEvents() {
        let log = Self.log([("x", "A", 0, nil), ("x", "B", 1, "\"no\""), ("x", "B", 2, "\"yes\""),
                            ("y", "A", 0, nil), ("y", "B", 1, nil)])
        let yes = Funnel.PropertyFilter(key: "plan", texts: ["\"yes\"", "yes"])
        let equal = Funnel(steps: [Funnel.Step("A"), Funnel.Step("B", filters: [yes])], window: 10).run(log)
        #expect(equal.furthestStep == [2, 1])
        #expect(equal.steps[1].timeToConvert?.median == 2e-9)
        let notYes = Funnel.PropertyFilter(key: "plan", texts: ["\"yes\"", "yes"], negated: true)
        let unequal = Funnel(steps: [Funnel.Step("A"), Funnel.Step("B", filters: [notYes])], window: 10).run(log)
        #expect(unequal.furthestStep == [2, 2])
        #expect(unequal.steps[1].timeToConvert?.median == 1e-9)
    }

    /// The furthest step by exhaustive search: every chain of strictly later events from every
    /// start (ordered), or every distinct step inside the window of every start (any order).
    static func exhaustive(_ log: EventLog, steps: Int, window: Int64, mode: Funnel.Mode) -> [Int] {
        (0..<log.actorCount).map { actor in
            let events = Array(log.events(of: actor))
            func step(_ i: Int) -> Int { Int(log.names[i]) }  // names 0..<steps are the steps
            func chain(from position: Int, level: Int, start: Int64) -> Int {
                guard level < steps else { return level }
                var best = level
                for j in events where j > position && step(j) == level && log.timestamps[j] - start <= window {
                    best = max(best, chain(from: j, level: level + 1, start: start))
                }
                return best
            }
            return events.map { i in
                switch mode {
                case .ordered: return step(i) == 0 ? chain(from: i, level: 1, start: log.timestamps[i]) : 0
                case .any:
                    guard step(i) < steps else { return 0 }
                    return Set(events.filter { $0 >= i && step($0) < steps && log.timestamps[$0] - log.timestamps[i] <= window }
                        .map(step)).count
                }
            }.max() ?? 0
        }
    }

    @Test(arguments: [Funnel.Mode.ordered, .any])
    func matchesExhaustiveSearch(mode: Funnel.Mode) {
        var random = SplitMix64(seed: 11)
        for _ in 0..<20 {
            var timestamps: [Int64] = [], actors: [Int32] = [], names: [Int32] = []
            for actor in 0..<40 {
                for _ in 0..<Int(random.next() % 12) {
                    timestamps.append(Int64(random.next() % 100))
                    actors.append(Int32(actor))
                    names.append(Int32(random.next() % 5))  // steps 0–3, 4 is another event
                }
            }
            let log = EventLog(timestamps: timestamps, actors: actors, names: names,
                               actorIDs: (0..<40).map { "u\($0)" }, eventNames: ["s0", "s1", "s2", "s3", "other"])
            let window = Int64(random.next() % 60)
            let funnel = Funnel(steps: ["s0", "s1", "s2", "s3"].map { Funnel.Step($0) }, window: window, mode: mode)
            #expect(funnel.run(log, workers: 2).furthestStep == Self.exhaustive(log, steps: 4, window: window, mode: mode))
        }
    }
}
