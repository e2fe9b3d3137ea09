import Foundation
import InsightsStorage
import Testing
import TestSupport

/// Every malformed input of the reader tests, ingested into a store that already holds
/// data: all-or-nothing leaves the database file byte-identical and its content unchanged;
/// with `skipBadRows` the store holds exactly the rows the reader accepted.
struct StoreIngestAtomicityTests {
    static let here = InsightsStorage.SourceLocation(file: "seed", line: 1)

    /// A store holding one series, one event and one annotation, checkpointed.
    static func seededStore() throws -> (Store, String) {
        let path = try TemporaryDatabase.path()
        let store = try Store(path: path)
        try store.write { writer in
            let key = SeriesKey(metric: "seed", labels: ["k": "v"])
            try writer.metric(MetricSample(series: key, timestamp: 1, value: 1), at: here)
            try writer.event(BehaviorEvent(timestamp: 2, distinctID: "u", event: "seeded"), at: here)
            try writer.annotation(Annotation(kind: "deploy", series: key, start: 1, end: 2), at: here)
        }
        try store.checkpoint()
        return (store, path)
    }

    /// Everything a reader can see, in a comparable form.
    static func content(_ store: Store) throws -> String {
        var lines: [String] = []
        for info in try store.series() {
            let points = try store.points(seriesID: info.id)
            lines.append("\(info.key) \(points.timestamps) \(points.values)")
        }
        lines += try store.events().map { "\($0)" }
        lines += try store.annotations().map { "\($0.seriesID ?? -1) \($0.annotation)" }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: IngestMalformedInputTests.cases)
    func allOrNothingLeavesTheFileByteIdentical(_ bad: IngestMalformedInputTests.BadInput) throws {
        let (store, path) = try Self.seededStore()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let contentBefore = try Self.content(store)
        let file = try TemporaryFiles.write(bad.contents, name: bad.file)
        #expect(throws: IngestError.self) {
            try store.write { writer in try FileReader.read(file, options: bad.options, into: &writer) }
        }
        // Checkpoint first: in WAL mode anything committed would reach the main file only then.
        try store.checkpoint()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "main file changed")
        #expect(try Self.content(store) == contentBefore)
        #expect(try store.integrityCheck() == ["ok"])
    }

    /// The byte comparison can fail: a good file, committed and checkpointed, changes the file.
    @Test func aCommittedFileDoesChangeTheBytes() throws {
        let (store, path) = try Self.seededStore()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let file = try TemporaryFiles.write("timestamp,value\n2024-01-01,1\n", name: "good.csv")
        _ = try store.write { writer in try FileReader.read(file, options: IngestOptions(), into: &writer) }
        try store.checkpoint()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != before)
    }

    @Test(arguments: IngestMalformedInputTests.cases.filter { $0.kind == .badRow })
    func skipBadRowsStoresExactlyTheGoodRows(_ bad: IngestMalformedInputTests.BadInput) throws {
        let (store, _) = try Self.seededStore()
        let file = try TemporaryFiles.write(bad.contents, name: bad.file)
        var options = bad.options
        options.skipBadRows = true
        var accepted = CollectingSink()
        let expectedReport = try FileReader.read(file, options: options, into: &accepted)
        #expect(!expectedReport.badRows.isEmpty)
        let report = try store.write { writer in try FileReader.read(file, options: options, into: &writer) }
        #expect(report.badRows.count == expectedReport.badRows.count)
        // The seed plus exactly what the reader accepted.
        let stored = try store.summary()
        #expect(stored.points == 1 + Set(accepted.metrics.map { "\($0.series)@\($0.timestamp)" }).count)
        #expect(stored.events == 1 + accepted.events.count)
    }
}

/// `Store.ingest`: the reader on its own thread, the writer on the caller's.
struct StorePipelinedIngestTests {
    /// Many batches (20k rows > 4096 per batch) arrive complete and in order.
    static func bigFile(badAt: Int? = nil, duplicateAt: Int? = nil) throws -> String {
        var text = "timestamp,metric,value,host\n"
        for row in 0..<20_000 {
            let value = row == badAt ? "oops" : String(row)
            let stamp = row == duplicateAt ? 1_700_000_000 : 1_700_000_000 + row
            text += "\(stamp),load,\(value),h\(row % 3)\n"
        }
        return try TemporaryFiles.write(text, name: "big.csv")
    }

    @Test func ingestStoresWhatTheReaderReads() throws {
        let file = try Self.bigFile()
        let store = try Store(path: try TemporaryDatabase.path())
        let report = try store.ingest(file, options: IngestOptions())
        #expect(report.metrics == 20_000)
        var parsed = CollectingSink()
        try FileReader.read(file, options: IngestOptions(), into: &parsed)
        for info in try store.series() {
            let points = try store.points(seriesID: info.id)
            let want = parsed.metrics.filter { $0.series == info.key }
            #expect(points.timestamps == want.map(\.timestamp))
            #expect(points.values == want.map(\.value))
        }
    }

    @Test func aBadRowLateInTheFileRollsEverythingBack() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        let error = #expect(throws: IngestError.self) {
            try store.ingest(try Self.bigFile(badAt: 19_000), options: IngestOptions())
        }
        #expect(error?.location.line == 19_002)
        #expect(try store.summary().points == 0)
    }

    /// A writer error (a duplicate under the `error` policy) stops the reader and rolls back.
    @Test func aWriterErrorStopsTheReader() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        let error = #expect(throws: IngestError.self) {
            try store.ingest(try Self.bigFile(duplicateAt: 6), options: IngestOptions(), duplicates: .error)
        }
        #expect(error?.message.hasPrefix("duplicate timestamp") == true, "\(String(describing: error))")
        #expect(try store.summary().points == 0)
        // The store is usable afterwards: the reader thread has let go.
        #expect(try store.ingest(try Self.bigFile(), options: IngestOptions()).metrics == 20_000)
    }
}

/// The byte counter behind the progress display ends at the file's size.
struct IngestProgressTests {
    @Test func progressCountsEveryByteOfAStreamedFile() throws {
        let text = "timestamp,value\n" + (0..<5000).map { "\(1_700_000_000 + $0),\($0)" }.joined(separator: "\n") + "\n"
        let file = try TemporaryFiles.write(text, name: "p.csv")
        let progress = IngestProgress()
        var options = IngestOptions(chunkSize: 1000)
        options.progress = progress
        let store = try Store(path: try TemporaryDatabase.path())
        var calls = 0
        let report = try store.ingest(file, options: options) { _ in calls += 1 }
        #expect(report.metrics == 5000)
        #expect(progress.bytesRead == text.utf8.count)
        #expect(calls == 2)  // 5000 records in batches of 4096
    }
}
