import Foundation
import InsightsAnalysis
import InsightsNumerics
import InsightsStorage

/// How the behavior commands read events: the named events (every name when nil) inside the
/// window, with the property columns they need, grouped by actor for the analyses.
enum EventReading {
    /// - Throws: `CommandFailure` 65 for an event name the database does not have (with the
    ///   nearest known name) or for a window with no events.
    /// - Parameter fromTheStart: Read from the first event on, whatever the window's start
    ///   (for analyses that need each actor's history, such as lifecycle's "new").
    static func log(from database: Store, names: [String]?, window: TimeWindowOptions,
                    properties: [String] = [], filters: [Store.PropertyFilter] = [],
                    fromTheStart: Bool = false) throws -> EventLog {
        if let names { try checkNames(names, in: database) }
        var range = try window.range(latest: try latest(names, in: database))
        if fromTheStart { range.from = nil }
        let columns: Store.EventColumns
        do {
            columns = try database.eventColumns(Store.EventQuery(
                names: names.map { Array(Set($0)) }, from: range.from, to: range.to, filters: filters,
                properties: properties))
        } catch {
            throw CommandFailure.data(error.message)
        }
        guard columns.count > 0 else { throw CommandFailure.data("no events in the time window") }
        return EventLog(timestamps: columns.timestamps, actors: columns.actors, names: columns.names,
                        actorIDs: columns.actorIDs, eventNames: columns.eventNames, properties: columns.properties)
    }

    /// The newest of the named events (of any event when nil): what `--since` counts back from.
    static func latest(_ names: [String]?, in database: Store) throws -> Int64? {
        guard let names else { return try database.latestEventTimestamp() }
        return try names.compactMap { name throws in try database.latestEventTimestamp(named: name) }.max()
    }

    /// An unknown event name is an error naming the nearest known one.
    static func checkNames(_ names: [String], in database: Store) throws {
        let known = try database.eventNameList()
        let set = Set(known)
        for name in names where !set.contains(name) {
            let hint = nearestName(to: name, among: known).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandFailure.data("unknown event '\(name)'\(hint)")
        }
    }

    /// The periods the window covers: from the period of its start (else of the first event
    /// in `log`) to that of its end (else of the last event).
    static func periodRange(_ periods: CalendarPeriods, window: TimeWindowOptions, database: Store,
                            log: EventLog) throws -> Range<Int> {
        let range = try window.range(latest: try latest(log.eventNames, in: database))
        guard let first = range.from ?? log.timestamps.min(), let last = range.to ?? log.timestamps.max() else { return 0..<0 }
        return periods.index(first) ..< periods.index(last) + 1
    }

    /// The zone of `--tz`, for calendar buckets.
    static func timeZone(_ window: TimeWindowOptions) -> TimeZone {
        TimeZone(identifier: window.tz) ?? TimeZone(identifier: "UTC")!
    }
}
