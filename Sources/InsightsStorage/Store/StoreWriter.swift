/// Writes records into the store inside one transaction; a `RecordSink`.
///
/// Names are interned once per transaction (metric names, series, event names,
/// actors) and every insert goes through a prepared statement, so a file streams in
/// at the speed of `sqlite3_step`. Obtain one from `Store.write`.
public struct StoreWriter: RecordSink {
    let connection: Connection
    private let duplicates: Store.DuplicatePolicy
    private let insertPoint: Statement
    /// `INSERT OR IGNORE` of `batchSize` rows at once (nil under the `error` policy, whose
    /// duplicates must be reported row by row).
    private let insertPointBatch: Statement?
    /// Points waiting for the batched insert: series id, timestamp, value.
    private var pending: [(Int64, Timestamp, Double)] = []
    private static let batchSize = 256
    private let upsertMetric: Statement
    private let upsertSeries: Statement
    private let insertLabel: Statement
    private let upsertEventName: Statement
    private let upsertActor: Statement
    private let insertEvent: Statement
    private let insertAnnotation: Statement
    private var metricIDs: [String: Int64] = [:]
    private var seriesIDs: [SeriesKey: Int64] = [:]
    private var keysByID: [Int64: SeriesKey] = [:]
    private var eventNameIDs: [String: Int64] = [:]
    private var actorIDs: [String: Int64] = [:]
    /// The series of the previous point: files list a series' points together, so most
    /// rows are answered by one equality check instead of a hash lookup.
    private var lastSeries: (key: SeriesKey, id: Int64)?

    /// Points, events and annotations written so far (duplicates included).
    public private(set) var pointsWritten = 0
    public private(set) var eventsWritten = 0
    public private(set) var annotationsWritten = 0

    init(connection: Connection, duplicates: Store.DuplicatePolicy) throws(StorageError) {
        self.connection = connection
        self.duplicates = duplicates
        let onConflict = switch duplicates {
        case .last: " ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value"
        case .first: " ON CONFLICT (series_id, ts) DO NOTHING"
        case .error: ""
        }
        insertPoint = try connection.prepare("INSERT INTO point (series_id, ts, value) VALUES (?, ?, ?)" + onConflict)
        // One statement for many rows cuts SQLite's per-statement work. It is `OR IGNORE`
        // because a multi-row statement that may abort midway (any other conflict clause:
        // the NOT NULL columns) makes SQLite copy every page it touches into a statement
        // journal first, which cost more than the batching saved. A batch that hit a
        // duplicate is then replayed row by row under the policy (see `flushPoints`).
        insertPointBatch = duplicates == .error ? nil : try connection.prepare(
            "INSERT OR IGNORE INTO point (series_id, ts, value) VALUES "
                + Array(repeating: "(?, ?, ?)", count: Self.batchSize).joined(separator: ", "))
        // `DO UPDATE` with an unchanged value makes RETURNING answer for existing rows too.
        upsertMetric = try connection.prepare(
            "INSERT INTO metric (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id")
        upsertSeries = try connection.prepare("""
            INSERT INTO series (metric_id, labels) VALUES (?, ?)
            ON CONFLICT (metric_id, labels) DO UPDATE SET labels = excluded.labels RETURNING id
            """)
        insertLabel = try connection.prepare(
            "INSERT INTO series_label (series_id, key, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        upsertEventName = try connection.prepare(
            "INSERT INTO event_name (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id")
        upsertActor = try connection.prepare("""
            INSERT INTO actor (distinct_id) VALUES (?)
            ON CONFLICT (distinct_id) DO UPDATE SET distinct_id = excluded.distinct_id RETURNING id
            """)
        insertEvent = try connection.prepare("""
            INSERT INTO event (ts, actor_id, name_id, properties, uuid) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (uuid) DO NOTHING
            """)
        // Re-ingesting a labels file must not duplicate its windows.
        insertAnnotation = try connection.prepare("""
            INSERT INTO annotation (kind, series_id, dataset, start_ts, end_ts, note)
            SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (
                SELECT 1 FROM annotation WHERE kind = ?1 AND series_id IS ?2 AND dataset IS ?3
                AND start_ts = ?4 AND end_ts = ?5)
            """)
    }

    /// Stores one point under the writer's duplicate policy.
    public mutating func metric(_ sample: MetricSample, at location: SourceLocation) throws {
        try point(seriesID: try seriesID(for: sample.series), timestamp: sample.timestamp, value: sample.value,
                  at: { location })
    }

    /// Stores one point of a series whose id is already known; `location` is asked for
    /// only to report a duplicate.
    mutating func point(seriesID: Int64, timestamp: Timestamp, value: Double,
                        at location: () -> SourceLocation) throws {
        if insertPointBatch != nil {
            pending.append((seriesID, timestamp, value))
            if pending.count == Self.batchSize { try flushPoints() }
            pointsWritten += 1
            return
        }
        try insertPoint.bind(seriesID, at: 1)
        try insertPoint.bind(timestamp, at: 2)
        try insertPoint.bind(value, at: 3)
        let outcome = Result { () throws(StorageError) in try insertPoint.step() }
        insertPoint.reset()
        if case .failure(let error) = outcome {
            guard error.isConstraintViolation && duplicates == .error else { throw error }
            throw IngestError(.badRow, at: location(),
                              "duplicate timestamp \(timestamp) ns for series \(seriesName(seriesID))")
        }
        pointsWritten += 1
    }

    /// The series' PromQL name for messages.
    private func seriesName(_ id: Int64) -> String {
        keysByID[id].map(String.init(describing:)) ?? "#\(id)"
    }

    /// Writes the points waiting for a batch: full batches through the multi-row
    /// statement, a remainder row by row.
    ///
    /// A full batch is inserted with `OR IGNORE`; if fewer rows went in than were sent,
    /// some timestamp was already stored or repeated inside the batch, and the whole
    /// batch is replayed through the single-row statement of the policy: each key ends
    /// holding its last (or first) value in file order, and a row SQLite refused for
    /// another reason (a NaN binds as NULL) fails loudly instead of vanishing.
    mutating func flushPoints() throws(StorageError) {
        guard !pending.isEmpty else { return }
        var replay = true
        if pending.count == Self.batchSize, let batch = insertPointBatch {
            for (row, point) in pending.enumerated() {
                let base = Int32(row * 3)
                try batch.bind(point.0, at: base + 1)
                try batch.bind(point.1, at: base + 2)
                try batch.bind(point.2, at: base + 3)
            }
            defer { batch.reset() }
            try batch.step()
            replay = connection.changes < Int64(Self.batchSize)
        }
        if replay {
            for point in pending {
                try insertPoint.bind(point.0, at: 1)
                try insertPoint.bind(point.1, at: 2)
                try insertPoint.bind(point.2, at: 3)
                defer { insertPoint.reset() }
                try insertPoint.step()
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Stores one event; an event whose `uuid` is already stored is skipped.
    public mutating func event(_ event: BehaviorEvent, at location: SourceLocation) throws {
        let nameID = try interned(event.event, in: &eventNameIDs, with: upsertEventName)
        let actorID = try interned(event.distinctID, in: &actorIDs, with: upsertActor)
        try insertEvent.bind(event.timestamp, at: 1)
        try insertEvent.bind(actorID, at: 2)
        try insertEvent.bind(nameID, at: 3)
        try insertEvent.bind(event.propertiesJSON, at: 4)
        try insertEvent.bind(event.uuid, at: 5)
        defer { insertEvent.reset() }
        try insertEvent.step()
        eventsWritten += 1
    }

    /// Stores one window, bound to its series (created if new) or to its dataset.
    public mutating func annotation(_ annotation: Annotation, at location: SourceLocation) throws {
        var seriesID: Int64? = nil
        if let key = annotation.series { seriesID = try self.seriesID(for: key) }
        try insertAnnotation.bind(annotation.kind, at: 1)
        if let seriesID { try insertAnnotation.bind(seriesID, at: 2) } else { try insertAnnotation.bindNull(at: 2) }
        try insertAnnotation.bind(annotation.dataset, at: 3)
        try insertAnnotation.bind(annotation.start, at: 4)
        try insertAnnotation.bind(annotation.end, at: 5)
        try insertAnnotation.bind(annotation.note, at: 6)
        defer { insertAnnotation.reset() }
        try insertAnnotation.step()
        annotationsWritten += 1
    }

    /// Binds dataset-level windows to the series ingested from that dataset (label
    /// `source` equal to the dataset path), e.g. NAB label windows to their file's series.
    func bindDatasetAnnotations() throws(StorageError) {
        try connection.execute("""
            INSERT INTO annotation (kind, series_id, dataset, start_ts, end_ts, note)
            SELECT a.kind, l.series_id, a.dataset, a.start_ts, a.end_ts, a.note
            FROM annotation a JOIN series_label l ON l.key = 'source' AND l.value = a.dataset
            WHERE a.series_id IS NULL AND NOT EXISTS (
                SELECT 1 FROM annotation b WHERE b.kind = a.kind AND b.series_id = l.series_id
                AND b.start_ts = a.start_ts AND b.end_ts = a.end_ts);
            DELETE FROM annotation WHERE series_id IS NULL
                AND dataset IN (SELECT value FROM series_label WHERE key = 'source');
            """)
    }

    /// The id of `key`'s series, creating the metric, series and label rows on first sight.
    mutating func seriesID(for key: SeriesKey) throws(StorageError) -> Int64 {
        if let last = lastSeries, last.key == key { return last.id }
        if let id = seriesIDs[key] {
            lastSeries = (key, id)
            return id
        }
        let metricID = try interned(key.metric, in: &metricIDs, with: upsertMetric)
        try upsertSeries.bind(metricID, at: 1)
        try upsertSeries.bind(key.canonicalLabels, at: 2)
        defer { upsertSeries.reset() }
        guard try upsertSeries.step() else { throw .sqlite(0, "series upsert returned no id", sql: upsertSeries.sql) }
        let id = upsertSeries.int64(0)
        upsertSeries.reset()
        for label in key.labels {
            try insertLabel.bind(id, at: 1)
            try insertLabel.bind(label.key, at: 2)
            try insertLabel.bind(label.value, at: 3)
            try insertLabel.step()
            insertLabel.reset()
        }
        seriesIDs[key] = id
        keysByID[id] = key
        lastSeries = (key, id)
        return id
    }

    private func interned(_ name: String, in cache: inout [String: Int64],
                          with statement: Statement) throws(StorageError) -> Int64 {
        if let id = cache[name] { return id }
        try statement.bind(name, at: 1)
        defer { statement.reset() }
        guard try statement.step() else { throw .sqlite(0, "upsert returned no id", sql: statement.sql) }
        let id = statement.int64(0)
        cache[name] = id
        return id
    }
}

extension SeriesKey {
    /// The label set as stored: `{k="v", …}` sorted by key, `{}` when empty.
    var canonicalLabels: String {
        "{" + labels.map { "\($0.key)=\"\(Self.escape($0.value))\"" }.joined(separator: ", ") + "}"
    }
}

extension StorageError {
    /// SQLITE_CONSTRAINT and its extended codes.
    var isConstraintViolation: Bool { sqliteCode & 0xFF == 19 }
}
