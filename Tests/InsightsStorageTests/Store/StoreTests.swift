import CSQLite
import Foundation
import InsightsNumerics
import InsightsStorage
import Testing
import TestSupport

/// The SQLite store: schema versions, transactions, duplicates, interning, reads.
struct StoreTests {
    static let here = SourceLocation(file: "test", line: 1)
    static let cpu = SeriesKey(metric: "cpu_usage", labels: ["host": "db-1", "region": "eu"])

    @Test func newDatabaseIsAtTheCurrentSchemaInWALMode() throws {
        let path = try TemporaryDatabase.path()
        let store = try Store(path: path)
        #expect(try store.schemaVersion() == 3)
        var db: OpaquePointer?
        #expect(sqlite3_open(path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        #expect(String(cString: sqlite3_column_text(statement, 0)) == "wal")
    }

    /// A version-1 file (before the pull-source and recommendation tables) is read as it is by
    /// a read-only connection and migrated by the first writer, its data kept.
    @Test func aVersionOneFileIsReadAndThenMigrated() throws {
        let path = try TemporaryDatabase.path()
        do {
            let store = try Store(path: path)
            try store.write { try $0.metric(MetricSample(series: Self.cpu, timestamp: 1, value: 0.5), at: Self.here) }
        }
        var db: OpaquePointer?
        sqlite3_open(path, &db)
        #expect(sqlite3_exec(db, "DROP TABLE pull_source; DROP TABLE recommendation; PRAGMA user_version = 1;", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(db)
        let reader = try Store(path: path, readOnly: true)
        #expect(try reader.schemaVersion() == 1)
        #expect(try reader.series().map(\.pointCount) == [1])
        let writer = try Store(path: path)
        #expect(try writer.schemaVersion() == 3)
        #expect(try writer.query("SELECT count(*) FROM recommendation").result.rows == [[.integer(0)]])
        #expect(try writer.series().map(\.pointCount) == [1])
    }

    @Test func newerSchemaIsRefusedAndLeftUntouched() throws {
        let path = try TemporaryDatabase.path()
        var db: OpaquePointer?
        sqlite3_open(path, &db)
        sqlite3_exec(db, "CREATE TABLE future (x); PRAGMA user_version = 99;", nil, nil, nil)
        sqlite3_close(db)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StorageError.self) { try Store(path: path) }
        #expect(error?.isNewerSchema == true)
        #expect(error?.message.contains("schema version 99") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        let path = try TemporaryDatabase.path()
        try "timestamp,value\n1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: StorageError.self) { try Store(path: path) }
        #expect(error?.message.hasPrefix("\(path) is not an insights database") == true, "\(error?.message ?? "")")
    }

    @Test func pointsRoundTripInTimeOrder() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        let samples = [(30, 0.5), (10, 1.25), (20, -3e-300), (40, 1e308)].map {
            MetricSample(series: Self.cpu, timestamp: Timestamp($0.0), value: $0.1)
        }
        try store.write { writer in
            for sample in samples { try writer.metric(sample, at: Self.here) }
        }
        let series = try store.series()
        #expect(series.count == 1)
        #expect(series[0].key == Self.cpu)
        #expect(series[0].pointCount == 4 && series[0].first == 10 && series[0].last == 40)
        let read = try store.points(seriesID: series[0].id)
        #expect(read.timestamps == [10, 20, 30, 40])
        #expect(read.values == [1.25, -3e-300, 0.5, 1e308])
        #expect(try store.points(seriesID: series[0].id, from: 15, to: 30).timestamps == [20, 30])
    }

    @Test(arguments: [(Store.DuplicatePolicy.last, 2.0), (.first, 1.0)])
    func duplicatesFollowThePolicy(policy: Store.DuplicatePolicy, expected: Double) throws {
        let store = try Store(path: try TemporaryDatabase.path())
        try store.write(duplicates: policy) { writer in
            try writer.metric(MetricSample(series: Self.cpu, timestamp: 5, value: 1), at: Self.here)
            try writer.metric(MetricSample(series: Self.cpu, timestamp: 5, value: 2), at: Self.here)
        }
        let id = try #require(try store.series().first?.id)
        #expect(try store.points(seriesID: id).values == [expected])
    }

    /// Enough points to fill the multi-row insert several times, with duplicates inside
    /// one file and against rows already stored: the result must equal applying the
    /// policy row by row in file order (a dictionary here).
    @Test(arguments: [Store.DuplicatePolicy.last, .first])
    func duplicatesInFullBatchesFollowThePolicy(policy: Store.DuplicatePolicy) throws {
        let store = try Store(path: try TemporaryDatabase.path())
        var random = SplitMix64(seed: 7)
        var expected: [Int64: Double] = [:]
        for _ in 0..<2 {
            var rows: [(Int64, Double)] = []
            for _ in 0..<1500 {
                rows.append((Int64(random.next() % 2000), Double(random.next() % 1000)))
            }
            try store.write(duplicates: policy) { writer in
                for (timestamp, value) in rows {
                    try writer.metric(MetricSample(series: Self.cpu, timestamp: timestamp, value: value), at: Self.here)
                }
            }
            for (timestamp, value) in rows where policy == .last || expected[timestamp] == nil {
                expected[timestamp] = value
            }
        }
        let id = try #require(try store.series().first?.id)
        let read = try store.points(seriesID: id)
        #expect(read.timestamps == expected.keys.sorted())
        let wrong = zip(read.timestamps, read.values).filter { expected[$0.0] != $0.1 }
        #expect(wrong.isEmpty, "\(wrong.count) timestamps hold the wrong value, first \(wrong.first.map { "\($0)" } ?? "")")
    }

    /// SQLite binds NaN as NULL; the multi-row `OR IGNORE` insert must not drop it silently.
    @Test(arguments: [Store.DuplicatePolicy.last, .first])
    func aNaNInAFullBatchFailsTheWrite(policy: Store.DuplicatePolicy) throws {
        let store = try Store(path: try TemporaryDatabase.path())
        #expect(throws: StorageError.self) {
            try store.write(duplicates: policy) { writer in
                for t in 0..<1000 {
                    try writer.metric(MetricSample(series: Self.cpu, timestamp: Int64(t), value: t == 300 ? .nan : 1),
                                      at: Self.here)
                }
            }
        }
        #expect(try store.series().isEmpty)
    }

    @Test func duplicateAsErrorNamesTheRowAndRollsBack() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        let error = #expect(throws: IngestError.self) {
            try store.write(duplicates: .error) { writer in
                try writer.metric(MetricSample(series: Self.cpu, timestamp: 5, value: 1), at: Self.here)
                try writer.metric(MetricSample(series: Self.cpu, timestamp: 5, value: 2),
                                  at: SourceLocation(file: "a.csv", line: 7))
            }
        }
        #expect(error?.description.hasPrefix("a.csv:7: duplicate timestamp 5 ns for series cpu_usage{") == true)
        #expect(try store.series().isEmpty)
    }

    /// A failure anywhere in `write` leaves nothing of that transaction behind.
    @Test func aThrowingWriteStoresNothing() throws {
        struct Stop: Error {}
        let store = try Store(path: try TemporaryDatabase.path())
        try store.write { writer in try writer.metric(MetricSample(series: Self.cpu, timestamp: 1, value: 1), at: Self.here) }
        #expect(throws: Stop.self) {
            try store.write { writer in
                try writer.metric(MetricSample(series: Self.cpu, timestamp: 2, value: 2), at: Self.here)
                try writer.event(BehaviorEvent(timestamp: 3, distinctID: "u1", event: "signup"), at: Self.here)
                throw Stop()
            }
        }
        let id = try #require(try store.series().first?.id)
        #expect(try store.points(seriesID: id).timestamps == [1])
        #expect(try store.events().isEmpty)
    }

    @Test func eventsAreInternedAndDeduplicatedByUUID() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        let events = [
            BehaviorEvent(timestamp: 2, distinctID: "u1", event: "signup", propertiesJSON: #"{"plan":"pro"}"#, uuid: "a"),
            BehaviorEvent(timestamp: 1, distinctID: "u2", event: "$pageview", uuid: "b"),
            BehaviorEvent(timestamp: 3, distinctID: "u1", event: "$pageview"),
        ]
        for _ in 0..<2 {
            try store.write { writer in for event in events { try writer.event(event, at: Self.here) } }
        }
        let read = try store.events()
        // Events with a uuid are stored once; the one without is stored per ingest.
        #expect(read.map(\.timestamp) == [1, 2, 3, 3])
        #expect(read[1] == events[0])
        #expect(try store.events(named: "signup").count == 1)
    }

    /// NAB-style windows name a dataset (a file path); they bind to the series whose
    /// `source` label is that path, and re-ingesting them adds nothing.
    @Test func datasetWindowsBindToTheirSeries() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        let key = SeriesKey(metric: "nyc_taxi", labels: ["source": "realKnownCause/nyc_taxi.csv"])
        for _ in 0..<2 {
            try store.write { writer in
                try writer.metric(MetricSample(series: key, timestamp: 100, value: 1), at: Self.here)
                try writer.annotation(Annotation(kind: "anomaly", series: nil, dataset: "realKnownCause/nyc_taxi.csv",
                                                 start: 50, end: 150), at: Self.here)
            }
        }
        let id = try #require(try store.series().first?.id)
        let bound = try store.annotations(seriesID: id)
        #expect(bound.count == 1)
        #expect(bound.first?.annotation.start == 50 && bound.first?.annotation.end == 150)
        #expect(try store.annotations().count == 1)
    }
}

/// Points written through the multi-row batch statement follow the duplicate policy as
/// single rows do, and a batch split by the end of the transaction loses nothing.
struct StoreBatchedPointsTests {
    @Test(arguments: [(Store.DuplicatePolicy.last, 1.0), (.first, 0.0)])
    func duplicatesInsideOneBatch(policy: Store.DuplicatePolicy, expectedAtZero: Double) throws {
        let store = try Store(path: try TemporaryDatabase.path())
        let key = SeriesKey(metric: "m")
        let here = SourceLocation(file: "t", line: 1)
        try store.write(duplicates: policy) { writer in
            // 130 rows: two full batches of 64 and a remainder of 2; row 10 repeats t = 0.
            for row in 0..<130 {
                let timestamp = row == 10 ? 0 : Int64(row)
                try writer.metric(MetricSample(series: key, timestamp: timestamp, value: row == 10 ? 1 : 0), at: here)
            }
        }
        let id = try #require(try store.series().first?.id)
        let points = try store.points(seriesID: id)
        #expect(points.timestamps == (0..<130).filter { $0 != 10 }.map(Int64.init))
        #expect(points.values.first == expectedAtZero)
    }
}
