import Foundation
import Testing
import TestSupport

/// The shell's `health`, `recommend` and `explain` statements in script mode on the demo data,
/// with reviewed snapshots (`Snapshots/shell/`). Part of the serialized ShellScriptTests suite,
/// whose demo database they share.
extension ShellScriptTests {
    /// `health since 7d` is `insights health --since 7d`; with `service` it lists the
    /// objectives, costliest first.
    @Test func health() throws {
        let result = try Self.run("health since 7d")
        #expect(result.status == 0, "\(result.stderr)")
        let command = try BinaryRunner.run(["health", "--db", try Self.database(), "--since", "7d"])
        #expect(result.stdout == command.stdout)
        try Self.snapshot("health", result.stdout)
        try Self.snapshot("health_service", try Self.run("health service checkout since 7d").stdout)
    }

    /// `recommend` in the shell is a dry run: it shows the p99 spike's incident (30 minutes
    /// after it began) and leaves the history table empty.
    @Test func recommendIsADryRun() throws {
        let result = try Self.run("recommend now 2026-01-09T05:15:00Z since 2h")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("incident on checkout"))
        #expect(try Self.sqlite("SELECT count(*) FROM recommendation") == [["0"]])
        try Self.snapshot("recommend", result.stdout)
    }

    /// `recommend … record` writes the history; `explain PREFIX` shows the row with its
    /// evidence, first and last seen (the run's --now) and the statement that reproduces it.
    @Test func recordThenExplain() throws {
        let copy = try TemporaryDatabase.path("explain.db")
        try FileManager.default.copyItem(atPath: try Self.database(), toPath: copy)
        func run(_ statements: String) throws -> BinaryRunner.Result {
            try BinaryRunner.run(["--db", copy, "-c", statements], environment: ["NO_COLOR": "1"])
        }
        let recorded = try run("recommend now 2026-01-09T05:15:00Z since 2h record")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let fingerprint = "72c5956137f32a19"  // FNV-1a 64 of "anomaly_incident", 0, "service=checkout"
        let explained = try run("explain 72c5")
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.hasPrefix("\(fingerprint)  warning anomaly_incident (firing)"))
        #expect(explained.stdout.contains("first seen   2026-01-09T05:15:00Z"))
        #expect(explained.stdout.contains("anomalies {service=\"checkout\"} from "))
        try Self.snapshot("explain", explained.stdout)
        let unknown = try run("explain 72d")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("error: no recommendation '72d'; did you mean '\(fingerprint)'?"), "\(unknown.stderr)")
    }

    /// A prefix two fingerprints share is ambiguous and lists both; the whole fingerprint picks
    /// one, shown resolved with its resolution time. (Rows written here with sqlite3.)
    @Test func ambiguousPrefix() throws {
        let copy = try TemporaryDatabase.path("ambiguous.db")
        try FileManager.default.copyItem(atPath: try Self.database(), toPath: copy)
        let insert = (1...2).map { i in
            """
            INSERT INTO recommendation (fingerprint, rule, kind, severity, title, subject, evidence, confidence, action,
                statement, status, first_seen, last_seen, resolved_at)
            VALUES ('abc000000000000\(i)', 'data_quality', 'data_quality', 'warning', 'title \(i)',
                '{"selector":"up","labels":{},"series":["up"]}', '[{"name":"steps","value":\(i),"unit":"steps"}]', 0.95,
                'look', 'up since 1d', 'resolved', 1767225600000000000, 1767229200000000000, 1767232800000000000);
            """
        }.joined(separator: "\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", copy, insert]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let ambiguous = try BinaryRunner.run(["explain", "--db", copy, "ABC"])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("fingerprint prefix 'ABC' is ambiguous: 2 recommendations match: "
                                          + "abc0000000000001 (title 1), abc0000000000002 (title 2)"), "\(ambiguous.stderr)")
        let exact = try BinaryRunner.run(["explain", "--db", copy, "abc0000000000002", "--format", "json"])
        #expect(exact.status == 0, "\(exact.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(exact.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "title 2" && object["status"] as? String == "resolved")
        #expect(object["resolved_at"] as? String == "2026-01-01T02:00:00Z" && object["first_seen"] as? String == "2026-01-01T00:00:00Z")
        #expect((object["evidence"] as? [[String: Any]])?.first?["value"] as? Double == 2)
    }
}
