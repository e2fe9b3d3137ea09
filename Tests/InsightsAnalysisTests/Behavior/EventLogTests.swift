import InsightsAnalysis
import InsightsNumerics
import Testing

struct EventLogTests {
    /// Events given out of time order come back grouped by actor, each actor's in time order,
    /// ties in input order; property columns follow their events.
    @Test func groupsByActorThenTime() {
        let log = EventLog(timestamps: [30, 10, 20, 10, 5], actors: [0, 1, 0, 0, 1], names: [0, 1, 1, 0, 0],
                           actorIDs: ["a", "b"], eventNames: ["x", "y"],
                           properties: ["p": ["a30", "b10", "a20", "a10", nil]])
        #expect(log.actorStart == [0, 3, 5])
        #expect(log.timestamps == [10, 20, 30, 5, 10])
        #expect(log.actors == [0, 0, 0, 1, 1])
        #expect(log.names == [0, 1, 0, 0, 1])
        #expect(log.properties["p"]! == ["a10", "a20", "a30", nil, "b10"])
        #expect(log.events(of: 1) == 3..<5)
        #expect(log.nameID("y") == 1 && log.nameID("z") == nil)
    }

    /// The parallel ranges cover every actor exactly once, in order.
    @Test func actorRangesCoverEveryActorOnce() {
        var random = SplitMix64(seed: 3)
        let n = 5000, actors = 700
        let log = EventLog(timestamps: (0..<n).map(Int64.init), actors: (0..<n).map { _ in Int32(random.next() % UInt64(actors)) },
                           names: [Int32](repeating: 0, count: n), actorIDs: (0..<actors).map(String.init), eventNames: ["e"])
        let ranges = log.forEachActorRange(workers: 2) { $0 }
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == actors)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        let counts = log.forEachActorRange(workers: 2) { range in range.reduce(0) { $0 + log.events(of: $1).count } }
        #expect(counts.reduce(0, +) == n)
    }
}
