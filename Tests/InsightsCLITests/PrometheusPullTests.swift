import Foundation
import InsightsStorage
import Testing
import TestSupport

/// `insights ingest --prometheus` against a real Prometheus scraping itself every second.
///
/// Skipped only when no `prometheus` binary is installed (`make test` installs it).
@Suite(.enabled(if: PrometheusServer.isInstalled, "needs the prometheus binary (make test installs it)"))
struct PrometheusPullTests {
    static let second: Int64 = 1_000_000_000

    /// What a pull's summary line says.
    struct Summary {
        let series: Int
        let points: Int
        let start: Timestamp
        let resumed: Bool
        let end: Timestamp
    }

    static func summary(_ output: String) throws -> Summary {
        let pattern = /(\d+) series, (\d+) points, start (\S+) \((first pull|after the last pull)\), end (\S+), step/
        let match = try #require(output.firstMatch(of: pattern), "unexpected summary: \(output)")
        return Summary(series: Int(match.1)!, points: Int(match.2)!,
                       start: try TimestampFormat.parse(String(match.3)).get(), resumed: match.4 == "after the last pull",
                       end: try TimestampFormat.parse(String(match.5)).get())
    }

    /// Waits until `query` has a sample, polling the instant-query API.
    static func waitForSamples(_ server: PrometheusServer, query: String) async throws {
        for _ in 0..<100 {
            let (_, body) = try await server.get("/api/v1/query?query=\(query)")
            if let json = try JSONSerialization.jsonObject(with: body) as? [String: Any],
               let data = json["data"] as? [String: Any], let result = data["result"] as? [Any], !result.isEmpty {
                return
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        throw PrometheusServer.Failure(description: "no samples of \(query) after 20 s")
    }

    func pull(_ server: String, _ query: String, db: String, _ extra: [String] = []) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["ingest", "--prometheus", server, "--query", query, "--since", "5m", "--step", "1s",
                              "--db", db] + extra)
    }

    @Test func pullsSeriesWithTheirLabelsThenOnlyNewPoints() async throws {
        let launched = Date()
        let server = try await PrometheusServer(scrapingItselfEvery: "1s")
        defer { server.stop() }
        try await Self.waitForSamples(server, query: "up")
        try await Self.waitForSamples(server, query: "prometheus_http_requests_total")
        try await Task.sleep(nanoseconds: 3_000_000_000)
        let db = try TemporaryDatabase.path()
        let instance = "127.0.0.1:\(server.port)"

        let first = try pull(server.baseURL, "up", db: db)
        #expect(first.status == 0, "\(first.stderr)")
        let up = try Self.summary(first.stdout)
        #expect(up.series == 1 && !up.resumed)
        // One point per second the server has been scraping (under load that can be minutes).
        let running = Int(Date().timeIntervalSince(launched).rounded(.up))
        #expect(up.points >= 3 && up.points <= min(running + 1, 301), "\(first.stdout) after \(running) s")
        #expect(first.stdout.hasPrefix("\(server.baseURL) 'up': 1 series"))

        let requests = try pull(server.baseURL, "prometheus_http_requests_total", db: db)
        #expect(requests.status == 0, "\(requests.stderr)")
        #expect(try Self.summary(requests.stdout).series >= 1)

        // The catalog has both metrics with Prometheus's labels.
        let labels = try BinaryRunner.run(["metrics", "--labels", "--db", db])
        #expect(labels.status == 0, "\(labels.stderr)")
        let rows = labels.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        for key in ["job", "instance", "handler", "code"] {
            #expect(rows.contains { $0.first.map(String.init) == key }, "no label \(key) in:\n\(labels.stdout)")
        }
        #expect(labels.stdout.contains(instance) && labels.stdout.contains("/metrics"), "\(labels.stdout)")
        let store = try Store(path: db, readOnly: true)
        let upSeries = try store.series(metric: "up")
        #expect(upSeries.map(\.key) == [SeriesKey(metric: "up", labels: ["job": "prometheus", "instance": instance])])
        let scrapes = try store.series(metric: "prometheus_http_requests_total")
        #expect(scrapes.contains { $0.key.labelDictionary["handler"] == "/metrics" && $0.key.labelDictionary["code"] == "200" })
        #expect(try store.pullWatermark(url: server.baseURL, query: "up", step: Self.second) == up.end)
        let firstPoints = try store.points(seriesID: upSeries[0].id)
        #expect(firstPoints.timestamps.count == up.points)
        // Every point sits on the 1 s grid.
        #expect(firstPoints.timestamps.allSatisfy { $0 % Self.second == 0 })

        // A second run a few seconds later starts one step after the first one's end and
        // fetches only what is new: the stored count grows by those points, it does not double.
        let pause = Date()
        try await Task.sleep(nanoseconds: 3_000_000_000)
        let second = try pull(server.baseURL, "up", db: db)
        #expect(second.status == 0, "\(second.stderr)")
        let again = try Self.summary(second.stdout)
        let elapsed = Int(Date().timeIntervalSince(pause).rounded(.up))
        #expect(again.resumed && again.start == up.end + Self.second, "\(first.stdout)\(second.stdout)")
        #expect(again.points >= 1 && again.points <= elapsed + 2, "\(second.stdout) after \(elapsed) s")
        let after = try Store(path: db, readOnly: true)
        let points = try after.points(seriesID: upSeries[0].id).timestamps
        #expect(points.count == up.points + again.points)
        #expect(Set(points).count == points.count && points == points.sorted())
        #expect(try after.pullWatermark(url: server.baseURL, query: "up", step: Self.second) == again.end)
        // A window that ends before the watermark has nothing left to fetch.
        let old = try pull(server.baseURL, "up", db: db, ["--to", TimestampFormat.iso8601(up.end)])
        #expect(old.status == 0, "\(old.stderr)")
        #expect(old.stdout == "\(server.baseURL) 'up': up to date (the last pull ended \(TimestampFormat.iso8601(again.end)), step 1s); nothing fetched\n")
        #expect(try Store(path: db, readOnly: true).points(seriesID: upSeries[0].id).timestamps.count == points.count)

        // A computed series needs a name; given one, it is stored under it.
        let unnamed = try pull(server.baseURL, "rate(prometheus_http_requests_total[1m])", db: db)
        #expect(unnamed.status == 65)
        #expect(unnamed.stderr.contains("has no '__name__' label") && unnamed.stderr.contains("--metric NAME"),
                "\(unnamed.stderr)")
        let named = try pull(server.baseURL, "rate(prometheus_http_requests_total[1m])", db: db,
                             ["--metric", "http_request_rate"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try !Store(path: db, readOnly: true).series(metric: "http_request_rate").isEmpty)
    }

    @Test func aBadQueryFailsWithPrometheusMessage() async throws {
        let server = try await PrometheusServer(scrapingItselfEvery: "1s")
        defer { server.stop() }
        let db = try TemporaryDatabase.path()
        let result = try pull(server.baseURL, "rate(up[5m]", db: db)
        #expect(result.status == 64)
        // Prometheus's own parser message, with the server and the query.
        #expect(result.stderr.contains("insights: error: \(server.baseURL): prometheus rejected the query (HTTP 400)"),
                "\(result.stderr)")
        #expect(result.stderr.contains("parse error") && result.stderr.contains("'rate(up[5m]'"), "\(result.stderr)")
        #expect(!result.stderr.contains("retrying"))
        #expect(try Store(path: db, readOnly: true).series().isEmpty)
    }

    @Test func aDeadPortFailsAfterTheRetries() throws {
        let url = "http://127.0.0.1:\(try PrometheusServer.freePort())"
        let db = try TemporaryDatabase.path()
        let started = Date()
        let result = try pull(url, "up", db: db, ["--retries", "3", "--retry-delay", "1ms"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("insights: error: \(url): no answer after 3 attempts: connection refused"),
                "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "retrying in").count - 1 == 2, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try Store(path: db, readOnly: true).series().isEmpty)
    }
}
