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
        let statement = try connection.prepare("""
            SELECT n.name, count(*), count(DISTINCT e.actor_id), min(e.ts), max(e.ts)
            FROM event e JOIN event_name n ON n.id = e.name_id
            GROUP BY n.id ORDER BY count(*) DESC, n.name
            """)
        var result: [EventInfo] = []
        while try statement.step() {
            result.append(EventInfo(name: statement.string(0) ?? "", count: Int(statement.int64(1)),
                                    actors: Int(statement.int64(2)), first: statement.int64(3),
                                    last: statement.int64(4)))
        }
        return result
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
