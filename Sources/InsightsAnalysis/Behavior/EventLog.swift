import Dispatch
import Foundation

/// Behavior events as columns, grouped by actor: the input of funnels, retention, trends,
/// stickiness, lifecycle and experiments.
///
/// Event and actor names are interned (dense `Int32` ids in order of first appearance), and
/// the events are stored sorted by actor, then time (ties keep the input's order), so an
/// analysis walks one actor's history as one contiguous slice (`events(of:)`) and can split the
/// actors into ranges for parallel passes (`forEachActorRange`).
public struct EventLog: Sendable {
    /// Per event, nanoseconds since the Unix epoch (UTC).
    public let timestamps: [Int64]
    /// Per event, an index into `actorIDs`.
    public let actors: [Int32]
    /// Per event, an index into `eventNames`.
    public let names: [Int32]
    public let actorIDs: [String]
    public let eventNames: [String]
    /// Requested property columns: per event, the value's JSON text (`"pro"`, `9.5`, `true`)
    /// or nil where the event lacks it.
    public let properties: [String: [String?]]
    /// Actor `a`'s events are positions `actorStart[a] ..< actorStart[a + 1]`.
    public let actorStart: [Int]

    public var count: Int { timestamps.count }
    public var actorCount: Int { actorIDs.count }

    /// Groups events given in any order by actor, then time.
    ///
    /// - Parameters:
    ///   - timestamps, actors, names: One entry per event; `actors[i]` indexes `actorIDs`,
    ///     `names[i]` indexes `eventNames`.
    ///   - properties: Columns as long as `timestamps`.
    /// - Complexity: O(n) when the input is in time order (a stable counting sort by actor
    ///   keeps it), O(n log n) otherwise.
    public init(timestamps: [Int64], actors: [Int32], names: [Int32], actorIDs: [String], eventNames: [String],
                properties: [String: [String?]] = [:]) {
        precondition(actors.count == timestamps.count && names.count == timestamps.count, "columns of unequal length")
        precondition(properties.values.allSatisfy { $0.count == timestamps.count }, "property column of the wrong length")
        var timeOrder = Array(timestamps.indices)
        if zip(timestamps, timestamps.dropFirst()).contains(where: { $0 > $1 }) {
            timeOrder.sort { (timestamps[$0], $0) < (timestamps[$1], $1) }
        }
        // Counting sort by actor over the time order: stable, so each actor's events stay in time order.
        var start = [Int](repeating: 0, count: actorIDs.count + 1)
        for actor in actors { start[Int(actor) + 1] += 1 }
        for a in 0..<actorIDs.count { start[a + 1] += start[a] }
        var next = start
        var order = [Int](repeating: 0, count: timestamps.count)
        for i in timeOrder {
            let a = Int(actors[i])
            order[next[a]] = i
            next[a] += 1
        }
        self.timestamps = order.map { timestamps[$0] }
        self.actors = order.map { actors[$0] }
        self.names = order.map { names[$0] }
        self.actorIDs = actorIDs
        self.eventNames = eventNames
        self.properties = properties.mapValues { column in order.map { column[$0] } }
        self.actorStart = start
    }

    /// The positions of actor `a`'s events, oldest first.
    @inlinable
    public func events(of actor: Int) -> Range<Int> { actorStart[actor] ..< actorStart[actor + 1] }

    /// A property value as people read it: a JSON string's text (`pro` for `"pro"`), any other
    /// JSON literal as written (`2`, `true`), `(none)` for an absent one.
    public static func display(_ json: String?) -> String {
        guard let json else { return "(none)" }
        if json.hasPrefix("\""),
           let text = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String {
            return text
        }
        return json
    }

    /// The id of the event named `name`, nil when the log has none.
    public func nameID(_ name: String) -> Int32? {
        eventNames.firstIndex(of: name).map(Int32.init)
    }

    /// Runs `body` on contiguous ranges of actors that together cover every actor once, on
    /// up to `workers` threads, and returns the results in actor order (for merging).
    /// Ranges hold about equal numbers of events.
    public func forEachActorRange<Partial: Sendable>(workers: Int = 2,
                                                     _ body: @Sendable (Range<Int>) -> Partial) -> [Partial] {
        let parts = max(1, min(workers * 4, actorCount))
        var bounds = [0]
        for p in 1..<parts {
            // The first actor whose events start at or after p/parts of all events.
            let target = count * p / parts
            var low = bounds.last!, high = actorCount
            while low < high {
                let middle = (low + high) / 2
                if actorStart[middle] < target { low = middle + 1 } else { high = middle }
            }
            bounds.append(low)
        }
        bounds.append(actorCount)
        let ranges = zip(bounds, bounds.dropFirst()).map { $0 ..< $1 }
        var results = [Partial?](repeating: nil, count: ranges.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot; concurrentPerform returns after all have.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
                slots[k] = body(ranges[k])
            }
        }
        return results.map { $0! }
    }
}
