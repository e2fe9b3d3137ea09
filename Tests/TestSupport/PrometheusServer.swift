import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A throw-away Prometheus on a free loopback port, for tests: either serving backfilled
/// data, or scraping itself. The process and its scratch directory are a ``LoopbackServer``;
/// ``stop()`` (also run by `deinit`) terminates it and removes the directory. One test owns
/// it, so it is not Sendable.
public final class PrometheusServer {
    public typealias Failure = LoopbackServer.Failure

    private let server: LoopbackServer
    public var directory: URL { server.directory }
    public var port: UInt16 { server.port }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Whether a `prometheus` binary is on the `PATH`.
    public static var isInstalled: Bool { LoopbackServer.executable("prometheus") != nil }

    /// Backfills `openMetrics` with `promtool` and starts `prometheus` on it, with no scrape
    /// targets; returns once `/-/ready` answers.
    public convenience init(openMetrics: String) async throws {
        guard LoopbackServer.executable("promtool") != nil else {
            throw Failure(description: "promtool is not installed; `make test` installs the Debian prometheus package, or run `apt-get install -y prometheus`")
        }
        // No scrape targets; a retention far beyond the data's age keeps the backfilled blocks.
        try await self.init(retention: "100y", prepare: { try Self.backfill(openMetrics, into: $0) }) { _ in
            "global:\n  scrape_interval: 1h\n"
        }
    }

    /// Starts `prometheus` scraping its own `/metrics` every `scrapeInterval` (job
    /// `prometheus`, instance `127.0.0.1:PORT`); returns once `/-/ready` answers.
    public convenience init(scrapingItselfEvery scrapeInterval: String) async throws {
        try await self.init(retention: "1d", prepare: { _ in }) { port in
            """
            global:
              scrape_interval: \(scrapeInterval)
            scrape_configs:
              - job_name: prometheus
                static_configs:
                  - targets: ['127.0.0.1:\(port)']

            """
        }
    }

    private init(retention: String, prepare: @escaping (URL) throws -> Void, config: @escaping (UInt16) -> String) async throws {
        guard let prometheus = LoopbackServer.executable("prometheus") else {
            throw Failure(description: "prometheus is not installed; `make test` installs the Debian package, or run `apt-get install -y prometheus`")
        }
        server = try await LoopbackServer(executable: prometheus, name: "prometheus", readyPath: "/-/ready") { port, directory in
            let data = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            try prepare(directory)
            let configFile = directory.appendingPathComponent("prometheus.yml")
            try config(port).write(to: configFile, atomically: true, encoding: .utf8)
            return ["--config.file=\(configFile.path)", "--storage.tsdb.path=\(data.path)",
                    "--storage.tsdb.retention.time=\(retention)", "--web.listen-address=127.0.0.1:\(port)"]
        }
    }

    /// Terminates the server and removes its files.
    public func stop() { server.stop() }

    /// `GET baseURL + pathAndQuery`: the status and body.
    public func get(_ pathAndQuery: String) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: baseURL + pathAndQuery) else {
            throw Failure(description: "not a URL: \(baseURL + pathAndQuery)")
        }
        let (body, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, body)
    }

    /// The server's version, from `/api/v1/status/buildinfo`.
    public func version() async throws -> String {
        let (_, body) = try await get("/api/v1/status/buildinfo")
        guard let json = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              let data = json["data"] as? [String: Any], let version = data["version"] as? String else {
            throw Failure(description: "unexpected build info: \(String(decoding: body, as: UTF8.self).prefix(500))")
        }
        return version
    }

    /// Writes `openMetrics` into TSDB blocks under `directory/data` with `promtool`.
    private static func backfill(_ openMetrics: String, into directory: URL) throws {
        guard let promtool = LoopbackServer.executable("promtool") else { throw Failure(description: "promtool is not installed") }
        let data = directory.appendingPathComponent("data")
        let input = directory.appendingPathComponent("data.om")
        try openMetrics.write(to: input, atomically: true, encoding: .utf8)
        let backfill = Process()
        backfill.executableURL = promtool
        backfill.arguments = ["tsdb", "create-blocks-from", "openmetrics", input.path, data.path]
        let backfillLog = directory.appendingPathComponent("promtool.log")
        _ = FileManager.default.createFile(atPath: backfillLog.path, contents: nil)
        let backfillHandle = try FileHandle(forWritingTo: backfillLog)
        backfill.standardOutput = backfillHandle
        backfill.standardError = backfillHandle
        try backfill.run()
        backfill.waitUntilExit()
        try backfillHandle.close()
        guard backfill.terminationStatus == 0 else {
            let log = (try? String(contentsOf: backfillLog, encoding: .utf8)) ?? ""
            throw Failure(description: "promtool exited with \(backfill.terminationStatus): \(log.suffix(2_000))")
        }
    }

    /// A loopback port the kernel reports free; also what a test uses for a port where
    /// nothing listens.
    public static func freePort() throws -> UInt16 { try LoopbackServer.freePort() }
}

@available(*, unavailable)
extension PrometheusServer: Sendable {}
