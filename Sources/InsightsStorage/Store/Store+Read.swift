extension Store {
    /// A stored series with its extent.
    public struct SeriesInfo: Sendable, Equatable {
        public let id: Int64
        public let key: SeriesKey
        public let pointCount: Int
        /// Timestamps of the first and last point (nil when the series has none).
        public let first: Timestamp?
        public let last: Timestamp?
    }

    /// Every series, optionally of one metric, ordered by metric name then labels.
    public func series(metric: String? = nil) throws(StorageError) -> [SeriesInfo] {
        let statement = try connection.prepare("""
            SELECT s.id, m.name,
                   (SELECT count(*) FROM point p WHERE p.series_id = s.id),
                   (SELECT min(ts) FROM point p WHERE p.series_id = s.id),
                   (SELECT max(ts) FROM point p WHERE p.series_id = s.id)
            FROM series s JOIN metric m ON m.id = s.metric_id
            WHERE ?1 IS NULL OR m.name = ?1
            ORDER BY m.name, s.labels
            """)
        try statement.bind(metric, at: 1)
        let labels = try labelsBySeries()
        var result: [SeriesInfo] = []
        while try statement.step() {
            let id = statement.int64(0)
            result.append(SeriesInfo(
                id: id, key: SeriesKey(metric: statement.string(1) ?? "", labels: labels[id] ?? [:]),
                pointCount: Int(statement.int64(2)),
                first: statement.isNull(3) ? nil : statement.int64(3),
                last: statement.isNull(4) ? nil : statement.int64(4)))
        }
        return result
    }

    func labelsBySeries() throws(StorageError) -> [Int64: [String: String]] {
        let statement = try connection.prepare("SELECT series_id, key, value FROM series_label")
        var labels: [Int64: [String: String]] = [:]
        while try statement.step() {
            labels[statement.int64(0), default: [:]][statement.string(1) ?? ""] = statement.string(2) ?? ""
        }
        return labels
    }

    /// The points of one series in `[from, to]` (either end open when nil), in time order,
    /// as two contiguous arrays ready for the numerical core.
    /// - Complexity: one range scan of the clustered `(series, timestamp)` key.
    /// - Parameter capacity: The expected number of points (e.g. `SeriesInfo.pointCount`),
    ///   to size the arrays once.
    public func points(seriesID: Int64, from: Timestamp? = nil, to: Timestamp? = nil,
                       capacity: Int? = nil) throws(StorageError) -> (timestamps: [Timestamp], values: [Double]) {
        let statement = try pointsStatement()
        defer { statement.reset() }
        try statement.bind(seriesID, at: 1)
        try statement.bind(from ?? Int64.min, at: 2)
        try statement.bind(to ?? Int64.max, at: 3)
        var timestamps: [Timestamp] = []
        var values: [Double] = []
        if let capacity {
            timestamps.reserveCapacity(capacity)
            values.reserveCapacity(capacity)
        }
        while try statement.step() {
            timestamps.append(statement.int64(0))
            values.append(statement.double(1))
        }
        return (timestamps, values)
    }

    /// The range-read statement, prepared once per store.
    private func pointsStatement() throws(StorageError) -> Statement {
        if let cached = cachedStatements["points"] { return cached }
        let statement = try connection.prepare(
            "SELECT ts, value FROM point WHERE series_id = ?1 AND ts >= ?2 AND ts <= ?3 ORDER BY ts")
        cachedStatements["points"] = statement
        return statement
    }

    /// Stored events in time order, optionally of one name, with their actor ids and properties.
    public func events(named name: String? = nil, from: Timestamp? = nil,
                       to: Timestamp? = nil) throws(StorageError) -> [BehaviorEvent] {
        let statement = try connection.prepare("""
            SELECT e.ts, a.distinct_id, n.name, e.properties, e.uuid
            FROM event e JOIN actor a ON a.id = e.actor_id JOIN event_name n ON n.id = e.name_id
            WHERE (?1 IS NULL OR n.name = ?1) AND e.ts >= ?2 AND e.ts <= ?3
            ORDER BY e.ts, e.id
            """)
        try statement.bind(name, at: 1)
        try statement.bind(from ?? Int64.min, at: 2)
        try statement.bind(to ?? Int64.max, at: 3)
        var events: [BehaviorEvent] = []
        while try statement.step() {
            events.append(BehaviorEvent(timestamp: statement.int64(0), distinctID: statement.string(1) ?? "",
                                        event: statement.string(2) ?? "", propertiesJSON: statement.string(3) ?? "{}",
                                        uuid: statement.string(4)))
        }
        return events
    }

    /// Annotations bound to a series, or all of them when `seriesID` is nil, by start time.
    public func annotations(seriesID: Int64? = nil) throws(StorageError) -> [(seriesID: Int64?, annotation: Annotation)] {
        let statement = try connection.prepare("""
            SELECT series_id, kind, dataset, start_ts, end_ts, note FROM annotation
            WHERE ?1 IS NULL OR series_id = ?1 ORDER BY start_ts, id
            """)
        if let seriesID { try statement.bind(seriesID, at: 1) } else { try statement.bindNull(at: 1) }
        var result: [(Int64?, Annotation)] = []
        while try statement.step() {
            let id: Int64? = statement.isNull(0) ? nil : statement.int64(0)
            result.append((id, Annotation(kind: statement.string(1) ?? "", series: nil, dataset: statement.string(2),
                                          start: statement.int64(3), end: statement.int64(4),
                                          note: statement.string(5))))
        }
        return result
    }
}
