import Foundation
import InsightsStorage
import Testing
import TestSupport

/// `datasets generate`, `drop`, `compact` and `export` through the binary.
struct StoreCommandTests {
    /// A small generated database: 2 days, 1 service, 50 users.
    static func generated() throws -> String {
        let path = try TemporaryDatabase.path()
        let result = try BinaryRunner.run(["datasets", "generate", "--db", path, "--days", "2", "--services", "1",
                                           "--users", "50"])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    @Test func generateWritesWhatTheLibraryGenerates() throws {
        let path = try Self.generated()
        let generator = DatasetGenerator(options: .init(days: 2, services: 1, users: 50))
        var expected = CollectingSink()
        try generator.generate(into: &expected)
        let store = try Store(path: path, readOnly: true)
        let summary = try store.summary()
        #expect(summary.points == expected.metrics.count)
        #expect(summary.events == expected.events.count)
        #expect(summary.annotations == expected.annotations.count)
        // Spot-check exact values of one series against the generator's own records.
        let key = expected.metrics[0].series
        let stored = try #require(try store.series().first { $0.key == key })
        let points = try store.points(seriesID: stored.id)
        let emitted = expected.metrics.filter { $0.series == key }
        #expect(points.timestamps == emitted.map(\.timestamp))
        #expect(points.values == emitted.map(\.value))
        let again = try BinaryRunner.run(["datasets", "generate", "--db", path])
        #expect(again.status == 64)
        #expect(again.stderr.contains("already holds data"), "\(again.stderr)")
    }

    @Test func dropAndExport() throws {
        let path = try Self.generated()
        let export = try BinaryRunner.run(["export", "--db", path, "cpu_usage_ratio"])
        #expect(export.status == 0, "\(export.stderr)")
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.first == "timestamp,metric,value,region,service")
        let stored = try Store(path: path, readOnly: true).series(metric: "cpu_usage_ratio")
        #expect(lines.count == 1 + stored.reduce(0) { $0 + $1.pointCount })
        // The second line is the first stored point, written back in ingestable form.
        let first = try #require(stored.first)
        let point = try Store(path: path, readOnly: true).points(seriesID: first.id)
        #expect(lines.dropFirst().first?.hasPrefix("\(TimestampFormat.iso8601(point.timestamps[0])),cpu_usage_ratio,\(point.values[0]),") == true)
        let drop = try BinaryRunner.run(["drop", "--db", path, "cpu_usage_ratio"])
        #expect(drop.status == 0, "\(drop.stderr)")
        #expect(drop.stdout.hasPrefix("dropped 1 series"), "\(drop.stdout)")
        let after = try Store(path: path, readOnly: true)
        #expect(try after.series(metric: "cpu_usage_ratio").isEmpty)
        let bad = try BinaryRunner.run(["drop", "--db", path, "cpu{host=~}"])
        #expect(bad.status == 64)
    }

    @Test func compactKeepsTheWindowBeforeTheLatestPoint() throws {
        let path = try Self.generated()
        let result = try BinaryRunner.run(["compact", "--db", path, "--keep", "1d"])
        #expect(result.status == 0, "\(result.stderr)")
        let store = try Store(path: path, readOnly: true)
        let summary = try store.summary()
        let latest = try #require(summary.last)
        let first = try #require(summary.first)
        #expect(latest - first <= 86_400_000_000_000)
        let bad = try BinaryRunner.run(["compact", "--db", path, "--keep", "ninety"])
        #expect(bad.status == 64)
    }
}

/// Without a terminal on standard error, ingest prints no progress: stderr stays empty.
struct IngestOutputTests {
    @Test func noProgressLineWhenStderrIsAPipe() throws {
        let file = try TemporaryFiles.write("timestamp,value\n2024-01-01,1\n2024-01-02,2\n", name: "x.csv")
        let result = try BinaryRunner.run(["ingest", "--db", try TemporaryDatabase.path(), file])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("x.csv: 2 points (metricsWideCSV)\n"), "\(result.stdout)")
    }
}

/// A database that cannot be written is named, and nothing else is touched.
struct UnwritableDatabaseTests {
    @Test func ingestIntoAnUnopenableDatabaseIsAUsageError() throws {
        let file = try TemporaryFiles.write("timestamp,value\n2024-01-01,1\n", name: "x.csv")
        // Even root cannot create files under /proc.
        let result = try BinaryRunner.run(["ingest", "--db", "/proc/insights-test.db", file])
        #expect(result.status == 64)
        #expect(result.stderr.contains("cannot open /proc/insights-test.db"), "\(result.stderr)")
    }
}

/// `--since` counts back from the latest selected point unless `--now` is given.
struct TimeWindowTests {
    @Test func sinceCountsBackFromTheLatestPoint() throws {
        let path = try StoreCommandTests.generated()
        let series = try Store(path: path, readOnly: true).series(metric: "cpu_usage_ratio")
        let latest = try #require(series.compactMap(\.last).max())
        // 15-minute steps: the last hour inclusive holds 5 points per series.
        let since = try BinaryRunner.run(["export", "--db", path, "cpu_usage_ratio", "--since", "1h"])
        #expect(since.status == 0, "\(since.stderr)")
        let lines = since.stdout.split(separator: "\n").dropFirst()
        #expect(lines.count == 5 * series.count)
        #expect(lines.last?.hasPrefix(TimestampFormat.iso8601(latest)) == true)
        // With --now an hour before the end, --since 1h selects the hour before that.
        let now = TimestampFormat.iso8601(latest - 3_600_000_000_000)
        let shifted = try BinaryRunner.run(["export", "--db", path, "cpu_usage_ratio", "--since", "1h", "--now", now,
                                            "--to", now])
        #expect(shifted.stdout.split(separator: "\n").dropFirst().count == 5 * series.count)
        let bad = try BinaryRunner.run(["export", "--db", path, "cpu_usage_ratio", "--since", "a week"])
        #expect(bad.status == 64)
        let badTime = try BinaryRunner.run(["export", "--db", path, "cpu_usage_ratio", "--from", "2026-02-30"])
        #expect(badTime.status == 64)
        #expect(badTime.stderr.contains("--from: impossible date '2026-02-30'"), "\(badTime.stderr)")
    }
}
