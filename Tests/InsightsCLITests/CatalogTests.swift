import Foundation
import InsightsStorage
import Testing
import TestSupport

/// `insights datasets`, `metrics` and `events` over a database written through the library.
struct CatalogTests {
    static func fixture() throws -> String {
        let path = try TemporaryDatabase.path()
        let store = try Store(path: path)
        let here = SourceLocation(file: "fixture", line: 1)
        try store.write { writer in
            for (host, base) in [("db-1", 0.5), ("db-2", 0.25)] {
                let key = SeriesKey(metric: "cpu_usage", labels: ["host": host])
                for minute in 0..<3 {
                    let timestamp = 1_767_571_200_000_000_000 + Int64(minute) * 60_000_000_000
                    try writer.metric(MetricSample(series: key, timestamp: timestamp, value: base), at: here)
                }
            }
            try writer.event(BehaviorEvent(timestamp: 1_767_571_200_000_000_000, distinctID: "u1", event: "signup",
                                           propertiesJSON: #"{"plan":"pro","seats":3}"#), at: here)
            try writer.event(BehaviorEvent(timestamp: 1_767_571_260_000_000_000, distinctID: "u2", event: "signup",
                                           propertiesJSON: #"{"plan":"free","beta":true}"#), at: here)
        }
        return path
    }

    @Test func datasetsSummarisesTheStore() throws {
        let result = try BinaryRunner.run(["datasets", "--db", try Self.fixture()])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("points           6"), "\(result.stdout)")
        #expect(result.stdout.contains("events           2"), "\(result.stdout)")
        #expect(result.stdout.contains("time range: 2026-01-05T00:00:00Z .. 2026-01-05T00:02:00Z"), "\(result.stdout)")
    }

    @Test func metricsListsSeriesAndSuggestsOnATypo() throws {
        let path = try Self.fixture()
        let result = try BinaryRunner.run(["metrics", "--db", path])
        #expect(result.stdout.contains(#"cpu_usage{host="db-1"}       3  2026-01-05T00:00:00Z  2026-01-05T00:02:00Z"#),
                "\(result.stdout)")
        let typo = try BinaryRunner.run(["metrics", "--db", path, "cpu_usgae"])
        #expect(typo.status == 65)
        #expect(typo.stderr.contains("unknown metric 'cpu_usgae'; did you mean 'cpu_usage'?"), "\(typo.stderr)")
    }

    @Test func metricsTakesASelectorAWindowAndShowsTheStep() throws {
        let path = try Self.fixture()
        // The last minute counts back from the newest point (00:02), not from the wall clock.
        let result = try BinaryRunner.run(["metrics", "--db", path, #"cpu_usage{host=~"db-2"}"#, "--since", "1m"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(result.stdout)")
        #expect(lines.last == #"cpu_usage{host="db-2"}       2  2026-01-05T00:01:00Z  2026-01-05T00:02:00Z  1m"#,
                "\(result.stdout)")
        let bad = try BinaryRunner.run(["metrics", "--db", path, "cpu_usage{host=}"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("expected a quoted label value"), "\(bad.stderr)")
    }

    @Test func metricsListsLabelValues() throws {
        let result = try BinaryRunner.run(["metrics", "--db", try Self.fixture(), "--labels"])
        #expect(result.stdout.contains("host        2  db-1, db-2"), "\(result.stdout)")
    }

    @Test func eventPropertiesWithTheirValues() throws {
        let path = try Self.fixture()
        let result = try BinaryRunner.run(["events", "--db", path, "signup"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#"plan           2         2  "free" (1), "pro" (1)"#), "\(result.stdout)")
        #expect(result.stdout.contains("beta           1         1  true (1)"), "\(result.stdout)")
        #expect(result.stdout.contains("seats          1         1  3 (1)"), "\(result.stdout)")
        let recent = try BinaryRunner.run(["events", "--db", path, "signup", "--since", "30s"])
        #expect(!recent.stdout.contains("seats"), "\(recent.stdout)")
        let typo = try BinaryRunner.run(["events", "--db", path, "sigup"])
        #expect(typo.status == 65)
        #expect(typo.stderr.contains("unknown event 'sigup'; did you mean 'signup'?"), "\(typo.stderr)")
    }

    @Test func eventsCountsActors() throws {
        let result = try BinaryRunner.run(["events", "--db", try Self.fixture()])
        #expect(result.stdout.contains("signup      2       2"), "\(result.stdout)")
    }

    @Test func dbDefaultsToTheEnvironmentVariable() throws {
        let path = try Self.fixture()
        var environment = ProcessInfo.processInfo.environment
        environment["INSIGHTS_DB"] = path
        let result = try BinaryRunner.run(["datasets"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("series           2"), "\(result.stdout)")
    }

    @Test func aMissingDatabaseIsNamed() throws {
        let result = try BinaryRunner.run(["datasets", "--db", "/nonexistent/x.db"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no database at /nonexistent/x.db"), "\(result.stderr)")
    }
}
