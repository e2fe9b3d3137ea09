/// Cohort retention: actors grouped by the calendar period of their first start event, and how
/// many of each cohort do the return event in each later period.
///
/// An actor's cohort is the period (in `periods`' unit and time zone; weeks start on Monday)
/// holding the actor's first start event in the log. For a cohort starting in period c:
/// - `classic`: `counts[k]` is the number of its actors with at least one return event in
///   period c + k. Period 0 is the start period itself, so any return event in it counts,
///   including the start event when the start and return events are the same (then
///   `counts[0]` equals the cohort's size).
/// - `rolling` ("unbounded" retention): `counts[k]` is the number of its actors with a return
///   event in period c + k or in any later period the log holds (not only the first N
///   periods), so the counts never increase with k.
///
/// `rates[k] = counts[k] / size`. Periods that had not started by the end of observation are
/// counted as 0; `observedPeriods` says how many of the N had started, so the caller can tell
/// a zero from an unobserved period.
public struct Retention: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case classic, rolling
    }

    public let startEvent: String
    public let returnEvent: String
    public let periods: CalendarPeriods
    /// N: the periods after the start counted, 0 through N − 1.
    public let count: Int
    public let mode: Mode

    /// - Precondition: `count >= 1`.
    public init(startEvent: String, returnEvent: String, periods: CalendarPeriods, count: Int, mode: Mode = .classic) {
        precondition(count >= 1, "retention needs at least one period")
        self.startEvent = startEvent
        self.returnEvent = returnEvent
        self.periods = periods
        self.count = count
        self.mode = mode
    }

    /// One cohort's row.
    public struct Cohort: Sendable, Equatable {
        /// The cohort's period index (see `CalendarPeriods`).
        public let period: Int
        /// The period's local start date, `YYYY-MM-DD`.
        public let label: String
        public let size: Int
        /// N entries, as defined by the mode.
        public let counts: [Int]
        public var rates: [Double] { counts.map { Double($0) / Double(size) } }
        /// How many of the N periods had started by the end of observation.
        public let observedPeriods: Int
    }

    /// Computes the cohorts of `log`.
    ///
    /// - Parameters:
    ///   - log: The events; only the start and return events are used.
    ///   - observedUntil: The end of observation (nanoseconds, UTC): the window's end, or by
    ///     default the log's latest event.
    ///   - workers: Threads for the pass over actor ranges.
    /// - Returns: The non-empty cohorts in period order.
    /// - Complexity: O(n) period look-ups for n events.
    public func run(_ log: EventLog, observedUntil: Int64? = nil, workers: Int = 2) -> [Cohort] {
        let start = log.nameID(startEvent), back = log.nameID(returnEvent)
        let n = count
        let parts = log.forEachActorRange(workers: workers) { actors -> [Int: [Int]] in
            // Cohort period → [size, counts[0], …, counts[N − 1]].
            var table: [Int: [Int]] = [:]
            var hit = [Bool](repeating: false, count: n)
            for actor in actors {
                let events = log.events(of: actor)
                guard let start, let first = events.first(where: { log.names[$0] == start }) else { continue }
                let cohort = periods.index(log.timestamps[first])
                var row = table[cohort] ?? [Int](repeating: 0, count: n + 1)
                row[0] += 1
                defer { table[cohort] = row }
                guard let back else { continue }
                var latest = -1
                for i in events where log.names[i] == back {
                    let k = periods.index(log.timestamps[i]) - cohort
                    if k >= 0 && k < n { hit[k] = true }
                    latest = max(latest, k)
                }
                for k in 0..<n {
                    let counted = mode == .classic ? hit[k] : k <= latest
                    if counted { row[k + 1] += 1 }
                    hit[k] = false
                }
            }
            return table
        }
        var table: [Int: [Int]] = [:]
        for part in parts {
            for (cohort, row) in part {
                table[cohort] = zip(table[cohort] ?? [Int](repeating: 0, count: n + 1), row).map { $0 + $1 }
            }
        }
        let end = observedUntil ?? log.timestamps.max() ?? Int64.min
        return table.keys.sorted().map { cohort in
            let row = table[cohort]!
            let observed = (0..<n).prefix { periods.start(ofPeriod: cohort + $0) <= end }.count
            return Cohort(period: cohort, label: periods.label(ofPeriod: cohort), size: row[0],
                          counts: Array(row.dropFirst()), observedPeriods: observed)
        }
    }
}
