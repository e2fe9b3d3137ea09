extension Store {
    /// One event name with its volume and extent.
    public struct EventInfo: Sendable, Equatable {
        public let name: String
        public let count: Int
        /// Distinct actors that sent it.
        public let actors: Int
        public let first: Timestamp
        public let last: Timestamp
    }

    /// Every event name, most frequent first.
    public func eventNames() throws(StorageError) -> [EventInfo] {
        try eventNames(from: nil, to: nil)
    }

    /// Totals over the whole database.
    public struct Summary: Sendable, Equatable {
        public let metrics: Int
        public let series: Int
        public let points: Int
        public let eventNames: Int
        public let actors: Int
        public let events: Int
        public let annotations: Int
        /// Earliest and latest timestamp of any point or event (nil when empty).
        public let first: Timestamp?
        public let last: Timestamp?
    }

    /// Counts and time extent of everything stored.
    public func summary() throws(StorageError) -> Summary {
        let statement = try connection.prepare("""
            SELECT (SELECT count(*) FROM metric), (SELECT count(*) FROM series), (SELECT count(*) FROM point),
                   (SELECT count(*) FROM event_name), (SELECT count(*) FROM actor), (SELECT count(*) FROM event),
                   (SELECT count(*) FROM annotation),
                   min((SELECT min(ts) FROM point), (SELECT min(ts) FROM event)),
                   max((SELECT max(ts) FROM point), (SELECT max(ts) FROM event)),
                   (SELECT min(ts) FROM point), (SELECT min(ts) FROM event),
                   (SELECT max(ts) FROM point), (SELECT max(ts) FROM event)
            """)
        try statement.step()
        func optional(_ column: Int32) -> Timestamp? { statement.isNull(column) ? nil : statement.int64(column) }
        // SQLite's two-argument min/max return NULL if either side is NULL: fall back to the other.
        let first = optional(7) ?? optional(9) ?? optional(10)
        let last = optional(8) ?? optional(11) ?? optional(12)
        return Summary(metrics: Int(statement.int64(0)), series: Int(statement.int64(1)),
                       points: Int(statement.int64(2)), eventNames: Int(statement.int64(3)),
                       actors: Int(statement.int64(4)), events: Int(statement.int64(5)),
                       annotations: Int(statement.int64(6)), first: first, last: last)
    }
}

extension Store {
    /// A series' extent inside a time window, for the catalog.
    public struct SeriesExtent: Sendable, Equatable {
        public let id: Int64
        public let key: SeriesKey
        public let pointCount: Int
        public let first: Timestamp?
        public let last: Timestamp?
        /// The sampling step estimate: the median spacing of the window's first 1001 points
        /// (the lower middle one for an even count), nil with fewer than two points. The
        /// median ignores gaps and the odd late sample that a mean over the span would not.
        public let step: Int64?
    }

    /// Counts, first and last timestamp, and step estimate of each series within
    /// `[from, to]` (inclusive; nil ends are open).
    public func extents(of series: [SeriesInfo], from: Timestamp? = nil,
                        to: Timestamp? = nil) throws(StorageError) -> [SeriesExtent] {
        let totals = try connection.prepare(
            "SELECT count(*), min(ts), max(ts) FROM point WHERE series_id = ?1 AND ts >= ?2 AND ts <= ?3")
        let head = try connection.prepare(
            "SELECT ts FROM point WHERE series_id = ?1 AND ts >= ?2 AND ts <= ?3 ORDER BY ts LIMIT 1001")
        var result: [SeriesExtent] = []
        for info in series {
            for statement in [totals, head] {
                try statement.bind(info.id, at: 1)
                try statement.bind(from ?? Int64.min, at: 2)
                try statement.bind(to ?? Int64.max, at: 3)
            }
            try totals.step()
            let count = Int(totals.int64(0))
            let first = count > 0 ? totals.int64(1) : nil, last = count > 0 ? totals.int64(2) : nil
            totals.reset()
            var spacings: [Int64] = []
            var previous: Timestamp?
            while try head.step() {
                let timestamp = head.int64(0)
                if let previous { spacings.append(timestamp - previous) }
                previous = timestamp
            }
            head.reset()
            spacings.sort()
            let step = spacings.isEmpty ? nil : spacings[(spacings.count - 1) / 2]
            result.append(SeriesExtent(id: info.id, key: info.key, pointCount: count, first: first, last: last,
                                       step: step))
        }
        return result
    }

    /// One label key over a set of series: how many of them carry it and its values.
    public struct LabelInfo: Sendable, Equatable {
        public let key: String
        public let seriesCount: Int
        /// Distinct values, sorted.
        public let values: [String]
    }

    /// The label keys of `series` with their distinct values, by key.
    public static func labels(of series: [SeriesInfo]) -> [LabelInfo] {
        var valuesByKey: [String: Set<String>] = [:]
        var seriesByKey: [String: Int] = [:]
        for info in series {
            for label in info.key.labels {
                valuesByKey[label.key, default: []].insert(label.value)
                seriesByKey[label.key, default: 0] += 1
            }
        }
        return valuesByKey.keys.sorted().map {
            LabelInfo(key: $0, seriesCount: seriesByKey[$0] ?? 0, values: valuesByKey[$0]!.sorted())
        }
    }

    /// The newest event timestamp, of one name or of any; nil when there is none.
    public func latestEventTimestamp(named name: String? = nil) throws(StorageError) -> Timestamp? {
        let statement = try connection.prepare("""
            SELECT max(e.ts) FROM event e JOIN event_name n ON n.id = e.name_id WHERE ?1 IS NULL OR n.name = ?1
            """)
        try statement.bind(name, at: 1)
        try statement.step()
        return statement.isNull(0) ? nil : statement.int64(0)
    }

    /// One property key of an event name: how many events carry it, its distinct values
    /// and the most frequent ones.
    public struct PropertyInfo: Sendable, Equatable {
        public let key: String
        public let events: Int
        public let distinctValues: Int
        /// Up to five values with their counts, most frequent first (JSON text of the value).
        public let topValues: [(value: String, count: Int)]

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.key == rhs.key && lhs.events == rhs.events && lhs.distinctValues == rhs.distinctValues
                && lhs.topValues.map(\.value) == rhs.topValues.map(\.value)
                && lhs.topValues.map(\.count) == rhs.topValues.map(\.count)
        }
    }

    /// The top-level property keys of events named `name` within `[from, to]`, by key.
    public func eventProperties(named name: String, from: Timestamp? = nil,
                                to: Timestamp? = nil) throws(StorageError) -> [PropertyInfo] {
        // json_each over the stored properties object; each value as JSON text (strings keep
        // their quotes, so "1" and 1 stay apart; true stays true, not SQLite's 1).
        let statement = try connection.prepare("""
            WITH v AS (
                SELECT j.key AS key,
                       CASE j.type WHEN 'text' THEN json_quote(j.value) WHEN 'true' THEN 'true'
                                   WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' ELSE j.value END AS value
                FROM event e JOIN event_name n ON n.id = e.name_id, json_each(e.properties) j
                WHERE n.name = ?1 AND e.ts >= ?2 AND e.ts <= ?3
            )
            SELECT key, value, count(*) FROM v GROUP BY key, value ORDER BY key, count(*) DESC, value
            """)
        try statement.bind(name, at: 1)
        try statement.bind(from ?? Int64.min, at: 2)
        try statement.bind(to ?? Int64.max, at: 3)
        var result: [PropertyInfo] = []
        var key: String?
        var events = 0, distinct = 0
        var top: [(String, Int)] = []
        func close() {
            if let key { result.append(PropertyInfo(key: key, events: events, distinctValues: distinct, topValues: top)) }
        }
        while try statement.step() {
            let rowKey = statement.string(0) ?? ""
            if rowKey != key {
                close()
                key = rowKey
                events = 0
                distinct = 0
                top = []
            }
            let count = Int(statement.int64(2))
            events += count
            distinct += 1
            if top.count < 5 { top.append((statement.string(1) ?? "null", count)) }
        }
        close()
        return result
    }

    /// Every event name with its volume and extent within `[from, to]`, most frequent first.
    public func eventNames(from: Timestamp?, to: Timestamp?) throws(StorageError) -> [EventInfo] {
        let statement = try connection.prepare("""
            SELECT n.name, count(*), count(DISTINCT e.actor_id), min(e.ts), max(e.ts)
            FROM event e JOIN event_name n ON n.id = e.name_id
            WHERE e.ts >= ?1 AND e.ts <= ?2
            GROUP BY n.id ORDER BY count(*) DESC, n.name
            """)
        try statement.bind(from ?? Int64.min, at: 1)
        try statement.bind(to ?? Int64.max, at: 2)
        var result: [EventInfo] = []
        while try statement.step() {
            result.append(EventInfo(name: statement.string(0) ?? "", count: Int(statement.int64(1)),
                                    actors: Int(statement.int64(2)), first: statement.int64(3),
                                    last: statement.int64(4)))
        }
        return result
    }
}

extension Store {
    /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound file, else the problems found.
    public func integrityCheck() throws(StorageError) -> [String] {
        let statement = try connection.prepare("PRAGMA integrity_check")
        var lines: [String] = []
        while try statement.step() { lines.append(statement.string(0) ?? "") }
        return lines
    }
}

extension Store {
    /// Copies the write-ahead log into the main file and empties the log
    /// (`PRAGMA wal_checkpoint(TRUNCATE)`), so the main file alone holds everything.
    public func checkpoint() throws(StorageError) {
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
