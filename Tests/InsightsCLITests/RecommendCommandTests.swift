import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import InsightsStorage
import Testing
import TestSupport

/// `insights recommend` end to end: a real Alertmanager receives the alerts, shows them with
/// their labels and annotations, and drops them from its active list once the condition clears.
/// Fails, rather than skips, when Alertmanager is not installed.
struct RecommendCommandTests {
    static let hour: Int64 = 3_600_000_000_000
    static let start: Int64 = 1_767_225_600_000_000_000  // 2026-01-01T00:00:00Z

    /// Hourly `disk_usage_ratio` of two hosts as a long CSV for `hours`: db-1 fills linearly
    /// (0.48 + 0.0015·t, reaching 0.9 at t = 280) until `cleanupAt`, then drops to 0.35; db-2
    /// stays near 0.5. Small deterministic noise (a 64-bit LCG) keeps the series from being flat.
    static func csv(hours: Range<Int>, cleanupAt: Int = .max) -> String {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func noise() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.006
        }
        var lines = ["timestamp,metric,value,instance,service"]
        for t in hours {
            let time = TimestampFormat.iso8601(start + Int64(t) * hour)
            let fill = t < cleanupAt ? 0.48 + 0.0015 * Double(t) : 0.35
            lines.append("\(time),disk_usage_ratio,\(fill + noise()),db-1,db")
            lines.append("\(time),disk_usage_ratio,\(0.5 + noise()),db-2,db")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func ingest(_ text: String, into db: String) throws {
        let file = try TemporaryFiles.write(text, name: "disk.csv")
        let result = try BinaryRunner.run(["ingest", "--db", db, file])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A throw-away Alertmanager with one receiver that sends nowhere, clustering off.
    static func alertmanager(port: UInt16? = nil) async throws -> LoopbackServer {
        guard let binary = LoopbackServer.executable("prometheus-alertmanager") ?? LoopbackServer.executable("alertmanager") else {
            throw LoopbackServer.Failure(description: "prometheus-alertmanager is not installed; `make test` installs the Debian package, or run `apt-get install -y prometheus-alertmanager`")
        }
        return try await LoopbackServer(executable: binary, name: "alertmanager", readyPath: "/-/ready", port: port) { port, directory in
            let config = directory.appendingPathComponent("alertmanager.yml")
            try "route:\n  receiver: nowhere\nreceivers:\n  - name: nowhere\n".write(to: config, atomically: true, encoding: .utf8)
            let storage = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)
            return ["--config.file=\(config.path)", "--storage.path=\(storage.path)",
                    "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address="]
        }
    }

    static func alerts(_ server: LoopbackServer, query: String = "") async throws -> [[String: Any]] {
        let url = URL(string: "http://127.0.0.1:\(server.port)/api/v2/alerts\(query)")!
        let (body, _) = try await URLSession.shared.data(from: url)
        return try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]])
    }

    static func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func alertsReachAlertmanagerAndResolveWhenTheConditionClears() async throws {
        let server = try await Self.alertmanager()
        defer { server.stop() }
        let db = try TemporaryDatabase.path()
        let url = "http://127.0.0.1:\(server.port)"

        // Run 1: ten days of filling; the newest point is t = 239, the disk reaches 0.9 ~41 h later.
        try Self.ingest(Self.csv(hours: 0..<240), into: db)
        let now1 = TimestampFormat.iso8601(Self.start + 239 * Self.hour)
        let first = try BinaryRunner.run(["recommend", "--db", db, "--now", now1, "--rules", "capacity,data_quality",
                                          "--format", "json", "--alertmanager", url, "--exit-code"])
        #expect(first.status == 1, "Nagios WARNING for a warning firing: \(first.stderr)")
        let printed = try Self.json(first.stdout)
        #expect(printed.count == 1, "\(first.stdout)")
        #expect(printed.first?["status"] as? String == "firing")
        #expect(printed.first?["change"] as? String == "opened")

        let active = try await Self.alerts(server, query: "?active=true")
        #expect(active.count == 1, "\(active)")
        let alert = try #require(active.first)
        let labels = try #require(alert["labels"] as? [String: String])
        #expect(labels["alertname"] == "InsightsCapacityBreach")
        #expect(labels["severity"] == "warning")
        #expect(labels["instance"] == "db-1")
        #expect(labels["service"] == "db")
        #expect(labels["metric"] == "disk_usage_ratio")
        let annotations = try #require(alert["annotations"] as? [String: String])
        #expect(annotations["summary"]?.hasPrefix("disk on db-1 reaches 0.9 in ") == true, "\(annotations)")
        #expect(annotations["description"]?.contains("disk_usage_ratio{instance=\"db-1\", service=\"db\"}") == true)
        let confidence = try #require(annotations["confidence"].flatMap(Double.init))
        #expect(confidence >= 0.9, "P(cross within 3 d) = \(confidence)")
        #expect(annotations["query"]?.hasPrefix("forecast disk_usage_ratio{instance=\"db-1\", service=\"db\"}") == true)
        #expect((alert["status"] as? [String: Any])?["state"] as? String == "active")
        #expect((alert["generatorURL"] as? String)?.hasSuffix(printed.first?["fingerprint"] as? String ?? "?") == true)

        // A refusal a retry cannot fix (404 from a wrong base path) fails at once, without the
        // 0.5 + 1 + 2 s of backoff three retries would take; a dry run pushes nothing.
        let started = Date()
        let refused = try BinaryRunner.run(["recommend", "--db", db, "--now", now1, "--rules", "capacity",
                                            "--alertmanager", url + "/wrong", "--retries", "3"])
        #expect(refused.status == 69)
        #expect(refused.stderr.contains("refused the alerts: HTTP 404"), "\(refused.stderr)")
        #expect(Date().timeIntervalSince(started) < 3.4, "no retries after a 404")
        let dry = try BinaryRunner.run(["recommend", "--db", db, "--now", now1, "--rules", "capacity", "--dry-run",
                                        "--alertmanager", url + "/wrong"])
        #expect(dry.status == 0 && dry.stderr.contains("dry run: nothing pushed"), "\(dry.stderr)")

        // Run 2: the disk was cleaned up at t = 240 and three more days passed.
        try Self.ingest(Self.csv(hours: 240..<312, cleanupAt: 240), into: db)
        let now2 = TimestampFormat.iso8601(Self.start + 311 * Self.hour)
        let second = try BinaryRunner.run(["recommend", "--db", db, "--now", now2, "--rules", "capacity,data_quality",
                                           "--format", "json", "--alertmanager", url, "--exit-code"])
        #expect(second.status == 0, "Nagios OK once nothing fires: \(second.stderr)")
        let resolved = try Self.json(second.stdout)
        #expect(resolved.count == 1, "\(second.stdout)")
        #expect(resolved.first?["status"] as? String == "resolved")
        #expect(resolved.first?["resolved_at"] as? String == now2)
        #expect(resolved.first?["fingerprint"] as? String == printed.first?["fingerprint"] as? String)
        let stillActive = try await Self.alerts(server, query: "?active=true")
        #expect(!stillActive.contains { ($0["labels"] as? [String: String])?["alertname"] == "InsightsCapacityBreach" },
                "\(stillActive)")
    }

    @Test func aDryRunWritesNothingAndAFailedPushSaysWhy() throws {
        let db = try TemporaryDatabase.path()
        try Self.ingest(Self.csv(hours: 0..<240), into: db)
        let now = TimestampFormat.iso8601(Self.start + 239 * Self.hour)
        let arguments = ["recommend", "--db", db, "--now", now, "--rules", "capacity", "--format", "ndjson"]
        for _ in 0..<2 {
            let dry = try BinaryRunner.run(arguments + ["--dry-run"])
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains(#""change":"opened""#), "\(dry.stdout)")
        }
        // Nothing listens on a fresh free port: connection refused, one retry, then exit 69 (3 with --exit-code).
        let port = try LoopbackServer.freePort()
        let failed = try BinaryRunner.run(arguments + ["--alertmanager", "http://127.0.0.1:\(port)", "--retries", "1"])
        #expect(failed.status == 69, "\(failed.stderr)")
        #expect(failed.stderr.contains("after 2 attempts"), "\(failed.stderr)")
        #expect(failed.stdout.contains(#""change":"opened""#), "the output is printed before the push")
        let nagios = try BinaryRunner.run(arguments + ["--alertmanager", "http://127.0.0.1:\(port)", "--retries", "0", "--exit-code"])
        #expect(nagios.status == 3, "\(nagios.stderr)")
        // The run was recorded before the failed push: the next run continues it.
        let again = try BinaryRunner.run(arguments)
        #expect(again.stdout.contains(#""change":"continued""#), "\(again.stdout)")
        let usage = try BinaryRunner.run(["recommend", "--db", db, "--rules", "capacty", "--exit-code"])
        #expect(usage.status == 3, "a usage error is UNKNOWN under --exit-code")
        #expect(usage.stderr.contains("did you mean 'capacity'"), "\(usage.stderr)")
    }

    /// 503, then 429, then 200: two retries after 0.5 s and 1 s, the same body each time.
    @Test func overloadedReceiversAreRetriedWithBackoff() throws {
        let server = try ScriptedHTTPServer(statuses: [503, 429, 200])
        defer { server.stop() }
        let db = try TemporaryDatabase.path()
        try Self.ingest(Self.csv(hours: 0..<240), into: db)
        let started = Date()
        let result = try BinaryRunner.run(["recommend", "--db", db, "--now", TimestampFormat.iso8601(Self.start + 239 * Self.hour),
                                           "--rules", "capacity", "--format", "alertmanager",
                                           "--alertmanager", "http://127.0.0.1:\(server.port)"])
        #expect(result.status == 0, "\(result.stderr)")
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.line == "POST /api/v2/alerts HTTP/1.1" }, "\(requests.map(\.line))")
        #expect(Set(requests.map(\.body)).count == 1, "every attempt sends the same alerts")
        let alerts = try Self.json(requests.first?.body ?? "")
        #expect((alerts.first?["labels"] as? [String: String])?["alertname"] == "InsightsCapacityBreach")
        #expect(Date().timeIntervalSince(started) >= 1.5, "waited 0.5 s and 1 s")
    }

    /// Alertmanager keys alerts by labels: when the disk gets closer and the warning becomes
    /// critical, the warning's label set is ended in the same body.
    @Test func aSeverityChangeEndsTheOldLabelSet() throws {
        let db = try TemporaryDatabase.path()
        try Self.ingest(Self.csv(hours: 0..<240), into: db)
        let base = ["recommend", "--db", db, "--rules", "capacity", "--format", "alertmanager"]
        let first = try BinaryRunner.run(base + ["--now", TimestampFormat.iso8601(Self.start + 239 * Self.hour)])
        #expect(try Self.json(first.stdout).compactMap { ($0["labels"] as? [String: String])?["severity"] } == ["warning"])
        // 24 hours later the crossing (t = 280) is 17 hours away: critical.
        try Self.ingest(Self.csv(hours: 240..<264), into: db)
        let before = Date()
        let second = try BinaryRunner.run(base + ["--now", TimestampFormat.iso8601(Self.start + 263 * Self.hour), "--dry-run"])
        let alerts = try Self.json(second.stdout)
        #expect(alerts.compactMap { ($0["labels"] as? [String: String])?["severity"] } == ["critical", "warning"], "\(second.stdout)")
        let fractional = ISO8601DateFormatter(), whole = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let ends = alerts.compactMap { ($0["endsAt"] as? String).flatMap { fractional.date(from: $0) ?? whole.date(from: $0) } }
        #expect(ends.count == 2)
        if ends.count == 2 {
            #expect(ends[0].timeIntervalSince(before) > 3000, "the firing one lasts the resend window (1 h)")
            #expect(ends[1].timeIntervalSince(before) < 60, "the old label set ends now")
        }
    }

    /// On the generated demo data (`DatasetGenerator`, seed 77, 7 days, 2 services), just after the
    /// injected latency spike: one incident for the spiked service that names the spiked series.
    @Test func theGeneratedSpikeIsAnIncidentOfItsService() throws {
        let (db, generator) = try AnomaliesCommandTests.database()
        let spike = try #require(generator.truths.first { $0.kind == .spike })
        let series = try #require(spike.series.first)
        let service = try #require(series.labels.first { $0.key == "service" }?.value)
        let now = TimestampFormat.iso8601(spike.end + 15 * 60 * 1_000_000_000)
        let result = try BinaryRunner.run(["recommend", "--db", db, "--now", now, "--since", "2h",
                                           "--rules", "anomaly_incident", "--format", "json", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        let found = try Self.json(result.stdout)
        let incident = found.first { (($0["subject"] as? [String: Any])?["labels"] as? [String: String])?["service"] == service }
        #expect(incident != nil, "\(result.stdout)")
        #expect(incident?["alertname"] as? String == "InsightsAnomalyIncident")
        #expect(((incident?["subject"] as? [String: Any])?["series"] as? [String])?.contains(series.description) == true,
                "\(String(describing: incident))")
        #expect((incident?["title"] as? String)?.hasPrefix("incident on \(service): ") == true)
        #expect((incident?["confidence"] as? Double ?? 0) >= 0.6, "flagged at the scan's calibrated 0.6")
        #expect((incident?["statement"] as? String)?.hasPrefix("anomalies {service=\"\(service)\"} from ") == true)
    }
}
