import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import InsightsStorage
import Testing
import TestSupport

/// `insights watch` end to end, against a real Prometheus scraping itself and a real
/// Alertmanager: incremental pulls, one history row and one alert per condition over repeated
/// cycles, outages that are logged and outlived, and a clean stop on SIGTERM/SIGINT.
struct WatchCommandTests {
    static let hour: Int64 = 3_600_000_000_000

    /// A store holding 240 hourly points of `disk_usage_ratio` for two hosts, the newest in the
    /// current hour: db-1 fills at 0.0015 per hour and reaches 0.9 about 41 hours from now (a
    /// capacity warning), db-2 stays near 0.5. Deterministic noise keeps the series from being flat.
    static func diskDatabase() throws -> String {
        let now = Int64(Date().timeIntervalSince1970) * 1_000_000_000
        let last = now - now % hour
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func noise() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.006
        }
        var lines = ["timestamp,metric,value,instance,service"]
        for t in 0..<240 {
            let time = TimestampFormat.iso8601(last - Int64(239 - t) * hour)
            lines.append("\(time),disk_usage_ratio,\(0.48 + 0.0015 * Double(t) + noise()),db-1,db")
            lines.append("\(time),disk_usage_ratio,\(0.5 + noise()),db-2,db")
        }
        let db = try TemporaryDatabase.path()
        let file = try TemporaryFiles.write(lines.joined(separator: "\n") + "\n", name: "disk.csv")
        let result = try BinaryRunner.run(["ingest", "--db", db, file])
        #expect(result.status == 0, "\(result.stderr)")
        return db
    }

    /// The capacity alerts Alertmanager holds as active.
    static func capacityAlerts(_ server: LoopbackServer) async throws -> [[String: String]] {
        try await RecommendCommandTests.alerts(server, query: "?active=true")
            .compactMap { $0["labels"] as? [String: String] }
            .filter { $0["alertname"] == "InsightsCapacityBreach" }
    }

    /// The per-cycle log lines (`cycle N: pulled ...`, `cycle N: 1 firing ...`), in order.
    static func cycleLines(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.contains(/insights watch: cycle \d+: .* \d+\.\d\d s$/) }
    }

    /// Seconds from `sent` to the time the last log line carries (watch's own clock), so that a
    /// busy test runner resuming late does not count against the watch.
    static func secondsToLastLine(_ stderr: String, from sent: Date) throws -> Double {
        let last = try #require(stderr.split(separator: "\n").last)
        let stamp = try TimestampFormat.parse(String(last.prefix { $0 != " " })).get()
        return Double(stamp) / 1e9 - sent.timeIntervalSince1970
    }

    @Test func threeCyclesPullIncrementallyAndKeepOneRowAndOneAlertPerCondition() async throws {
        let prometheus = try await PrometheusServer(scrapingItselfEvery: "1s")
        defer { prometheus.stop() }
        let alertmanager = try await RecommendCommandTests.alertmanager()
        defer { alertmanager.stop() }
        try await PrometheusPullTests.waitForSamples(prometheus, query: "up")
        // A few seconds of scrapes, so that the first pull has history to take.
        try await Task.sleep(nanoseconds: 3_000_000_000)
        let db = try Self.diskDatabase()

        let result = try BinaryRunner.run([
            "watch", "--db", db, "--cycles", "3", "--interval", "1s",
            "--prometheus", prometheus.baseURL, "--query", "up", "--step", "1s", "--backfill", "1h",
            "--rules", "capacity", "--format", "ndjson", "--alertmanager", "http://127.0.0.1:\(alertmanager.port)",
        ])
        #expect(result.status == 0, "\(result.stderr)")

        // One log line per cycle, each with the points it pulled and the push; the sum of the
        // pulls is what the store holds: later cycles fetched only what was new.
        let lines = Self.cycleLines(result.stderr)
        #expect(lines.count == 3, "\(result.stderr)")
        let pulled = lines.compactMap { $0.firstMatch(of: /pulled (\d+) points?/).map { Int($0.1)! } }
        #expect(pulled.count == 3)
        #expect(lines.allSatisfy { $0.contains("1 firing, 0 resolved, pushed 1 alert") }, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("insights watch: done after 3 cycles\n"), "\(result.stderr)")
        let store = try Store(path: db, readOnly: true)
        let up = try #require(try store.series(metric: "up").first)
        let timestamps = try store.points(seriesID: up.id).timestamps
        #expect(pulled.first ?? 0 >= 2, "the first pull takes what Prometheus has scraped so far: \(pulled)")
        #expect(timestamps.count == pulled.reduce(0, +), "\(pulled) pulled, \(timestamps.count) stored")
        #expect(Set(timestamps).count == timestamps.count)
        #expect(try store.pullWatermark(url: prometheus.baseURL, query: "up", step: 1_000_000_000) == timestamps.max())

        // The same condition each cycle: one history row, opened once and then continued, one alert.
        let rows = try store.recommendations()
        #expect(rows.count == 1 && rows.first?.status == .firing, "\(rows)")
        let changes = result.stdout.split(separator: "\n").compactMap { $0.firstMatch(of: /"change":"(\w+)"/).map { String($0.1) } }
        #expect(changes == ["opened", "continued", "continued"], "\(result.stdout)")
        let alerts = try await Self.capacityAlerts(alertmanager)
        #expect(alerts.count == 1, "\(alerts)")
        #expect(alerts.first?["instance"] == "db-1" && alerts.first?["severity"] == "warning", "\(alerts)")
    }

    /// Alertmanager down for the first cycles and Prometheus down throughout: both failures are
    /// logged, the cycles go on with the stored data, and once Alertmanager is up the next cycle
    /// delivers the alert that is firing, once.
    @Test func outagesAreLoggedAndTheAlertArrivesOnceAlertmanagerIsUp() async throws {
        let db = try Self.diskDatabase()
        let alertmanagerPort = try LoopbackServer.freePort()
        let deadPrometheus = "http://127.0.0.1:\(try LoopbackServer.freePort())"
        let watch = try BackgroundBinary([
            "watch", "--db", db, "--interval", "1s",
            "--prometheus", deadPrometheus, "--query", "up", "--step", "1s", "--pull-retries", "1",
            "--rules", "capacity", "--format", "ndjson",
            "--alertmanager", "http://127.0.0.1:\(alertmanagerPort)", "--retries", "0",
        ])
        defer { watch.stop() }
        #expect(try await watch.waitForStderr(containing: "cycle 2: pulled", timeout: 30), "\(watch.stderr)")
        #expect(watch.isRunning, "\(watch.stderr)")
        let failed = watch.stderr
        #expect(failed.contains("cycle 1: pull of 'up' failed: \(deadPrometheus): no answer after 1 attempt: connection refused"),
                "\(failed)")
        #expect(failed.contains("cycle 1: push failed: could not deliver to http://127.0.0.1:\(alertmanagerPort)/api/v2/alerts"),
                "\(failed)")
        #expect(failed.contains("cycle 1: pulled 0 points (1 of 1 pulls failed), 1 firing, 0 resolved, push failed"), "\(failed)")
        // Every log line is led by its time.
        #expect(failed.split(separator: "\n").allSatisfy { $0.contains(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z insights/) }, "\(failed)")

        let alertmanager = try await RecommendCommandTests.alertmanager(port: alertmanagerPort)
        defer { alertmanager.stop() }
        var alerts: [[String: String]] = []
        for _ in 0..<100 where alerts.isEmpty {
            try await Task.sleep(nanoseconds: 200_000_000)
            alerts = try await Self.capacityAlerts(alertmanager)
        }
        #expect(alerts.count == 1 && alerts.first?["instance"] == "db-1", "\(alerts)\n\(watch.stderr)")
        #expect(try await watch.waitForStderr(containing: "pushed 1 alert", timeout: 10))

        watch.send(SIGTERM)
        #expect(try await watch.waitForExit(timeout: 10) == 0, "\(watch.stderr)")
        #expect(watch.stderr.contains(/insights watch: stopped on SIGTERM after \d+ cycles\n$/), "\(watch.stderr)")
        #expect(try Store(path: db, readOnly: true).recommendations().count == 1)
        #expect(try await Self.capacityAlerts(alertmanager).count == 1)
    }

    /// A resolution whose push fails is sent by the next cycle, and only then: the history keeps
    /// `last_sent` for delivered alerts only. Alertmanager answers 200, then 503, then 200.
    @Test func aResolutionThatFailedToGoOutIsSentByTheNextCycle() throws {
        let receiver = try ScriptedHTTPServer(statuses: [200, 503, 200])
        defer { receiver.stop() }
        let db = try Self.diskDatabase()
        let arguments = ["watch", "--db", db, "--interval", "1s", "--rules", "capacity", "--format", "ndjson",
                         "--alertmanager", "http://127.0.0.1:\(receiver.port)", "--retries", "0"]
        let firing = try BinaryRunner.run(arguments + ["--cycles", "1"])
        #expect(firing.status == 0 && firing.stderr.contains("cycle 1: 1 firing, 0 resolved, pushed 1 alert"), "\(firing.stderr)")

        // The full disk goes away: the next cycle resolves it, and its push meets the 503.
        let dropped = try BinaryRunner.run(["drop", "--db", db, "disk_usage_ratio{instance=\"db-1\"}"])
        #expect(dropped.status == 0, "\(dropped.stderr)")
        let resolving = try BinaryRunner.run(arguments + ["--cycles", "3"])
        #expect(resolving.status == 0, "\(resolving.stderr)")
        let lines = Self.cycleLines(resolving.stderr)
        #expect(lines.count == 3, "\(resolving.stderr)")
        if lines.count == 3 {
            #expect(lines[0].contains("cycle 1: 0 firing, 1 resolved, push failed"), "\(lines[0])")
            #expect(lines[1].contains("cycle 2: 0 firing, 0 resolved, pushed 1 alert"), "\(lines[1])")
            #expect(lines[2].contains("cycle 3: 0 firing, 0 resolved, nothing to push"), "\(lines[2])")
        }
        let requests = receiver.requests
        #expect(requests.count == 3, "\(requests.map(\.body))")
        if requests.count == 3 {
            let first = try RecommendCommandTests.json(requests[0].body), retried = try RecommendCommandTests.json(requests[2].body)
            #expect(requests[1].body == requests[2].body, "the failed resolution, sent again unchanged")
            #expect(first.first?["labels"] as? [String: String] == retried.first?["labels"] as? [String: String],
                    "the same label set, so Alertmanager resolves the alert it holds")
            let ends = (retried.first?["endsAt"] as? String).flatMap { try? TimestampFormat.parse($0).get() }
            #expect(ends.map { $0 <= Int64(Date().timeIntervalSince1970 * 1e9) } == true, "endsAt in the past: resolved")
        }
    }

    /// A signal while watch sleeps between cycles ends the sleep at once: exit 0 with a final line.
    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalBetweenCyclesStopsAtOnce(signal: Int32) async throws {
        let db = try Self.diskDatabase()
        let watch = try BackgroundBinary(["watch", "--db", db, "--interval", "1h", "--rules", "capacity"])
        defer { watch.stop() }
        #expect(try await watch.waitForStderr(containing: "cycle 1: 1 firing, 0 resolved", timeout: 30), "\(watch.stderr)")
        try await Task.sleep(nanoseconds: 200_000_000)
        let sent = Date()
        watch.send(signal)
        let status = try await watch.waitForExit(timeout: 10)
        #expect(status == 0, "\(watch.stderr)")
        let took = try Self.secondsToLastLine(watch.stderr, from: sent)
        #expect(took < 1.5, "stopped \(took) s after the signal")
        let name = signal == SIGTERM ? "SIGTERM" : "SIGINT"
        #expect(watch.stderr.hasSuffix("insights watch: stopped on \(name) after 1 cycle\n"), "\(watch.stderr)")
        #expect(watch.stdout.contains("disk on db-1 reaches 0.9"), "\(watch.stdout)")
    }

    /// A signal during a cycle (a pull waiting to retry an unreachable Prometheus) cuts the wait
    /// short, abandons the cycle before the analysis writes anything, and exits 0.
    @Test func aSignalDuringACycleAbandonsItAtASafePoint() async throws {
        let db = try Self.diskDatabase()
        let dead = "http://127.0.0.1:\(try LoopbackServer.freePort())"
        let watch = try BackgroundBinary([
            "watch", "--db", db, "--interval", "1s", "--prometheus", dead, "--query", "up", "--step", "1s",
            "--pull-retries", "3", "--retry-delay", "60s", "--rules", "capacity",
        ])
        defer { watch.stop() }
        #expect(try await watch.waitForStderr(containing: "retrying in", timeout: 30), "\(watch.stderr)")
        // The pulls wait 15-30 s before each retry (the delay is capped), so the signal usually
        // lands in a pull's wait; on a loaded machine this test has resumed minutes late, and
        // then it lands in a later cycle, at whichever safe point that cycle has reached.
        let sent = Date()
        watch.send(SIGTERM)
        #expect(try await watch.waitForExit(timeout: 10) == 0, "\(watch.stderr)")
        let took = try Self.secondsToLastLine(watch.stderr, from: sent)
        #expect(took < 2, "stopped \(took) s after the signal")
        // Either safe point: in a pull's wait (before the analysis), or, when the test resumed
        // so late that the pull had given up, inside the analysis before it records anything.
        let abandoned = try #require(watch.stderr.firstMatch(
            of: /cycle (\d+): pulled 0 points \(1 of 1 pulls failed\), (?:abandoned before the analysis \(stop requested\)|analysis abandoned \(cancelled; stop requested\): nothing recorded)/),
            "\(watch.stderr)")
        let cycles = Int(abandoned.1)!
        #expect(watch.stderr.hasSuffix("insights watch: stopped on SIGTERM after \(cycles) cycle\(cycles == 1 ? "" : "s")\n"),
                "\(watch.stderr)")
        // Nothing recorded after the signal: the abandoned cycle wrote no history.
        let rows = try Store(path: db, readOnly: true).recommendations()
        #expect(rows.allSatisfy { Double($0.lastSeen) / 1e9 < sent.timeIntervalSince1970 }, "\(rows)")
        #expect(rows.count == (cycles == 1 ? 0 : 1), "\(rows)")
    }

    @Test func usageErrors() throws {
        for (arguments, message) in [
            (["--interval", "0s"], "--interval '0s' is not a positive duration"),
            (["--query", "up"], "--query needs --prometheus URL"),
            (["--prometheus", "http://127.0.0.1:9"], "--prometheus needs at least one --query"),
            (["--now", "2026-01-01"], "--now does not apply to watch"),
            (["--prometheus", "http://127.0.0.1:9", "--query", "up", "--step", "1us"], "finer than Prometheus's millisecond"),
        ] {
            let result = try BinaryRunner.run(["watch", "--db", try TemporaryDatabase.path()] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
