import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away Prometheus on a free loopback port, for tests: either serving backfilled
/// data, or scraping itself.
///
/// Owns the server process and its scratch directory; ``stop()`` (also run by `deinit`)
/// terminates the process and removes the directory. One test owns it, so it is not Sendable.
public final class PrometheusServer {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    public let directory: URL
    public let port: UInt16
    private let process: Process

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Whether a `prometheus` binary is on the `PATH`.
    public static var isInstalled: Bool { executable("prometheus") != nil }

    /// Backfills `openMetrics` with `promtool` and starts `prometheus` on it, with no scrape
    /// targets; returns once `/-/ready` answers.
    public convenience init(openMetrics: String) async throws {
        guard Self.executable("promtool") != nil else {
            throw Failure(description: "promtool is not installed; `make test` installs the Debian prometheus package, or run `apt-get install -y prometheus`")
        }
        let directory = try Self.makeDirectory()
        do { try Self.backfill(openMetrics, into: directory) } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        // No scrape targets; a retention far beyond the data's age keeps the backfilled blocks.
        try await self.init(directory: directory, retention: "100y") { _ in "global:\n  scrape_interval: 1h\n" }
    }

    /// Starts `prometheus` scraping its own `/metrics` every `scrapeInterval` (job
    /// `prometheus`, instance `127.0.0.1:PORT`); returns once `/-/ready` answers.
    public convenience init(scrapingItselfEvery scrapeInterval: String) async throws {
        try await self.init(directory: try Self.makeDirectory(), retention: "1d") { port in
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

    private init(directory: URL, retention: String, config: (UInt16) -> String) async throws {
        guard let prometheus = Self.executable("prometheus") else {
            try? FileManager.default.removeItem(at: directory)
            throw Failure(description: "prometheus is not installed; `make test` installs the Debian package, or run `apt-get install -y prometheus`")
        }
        self.directory = directory
        let data = directory.appendingPathComponent("data")
        let configFile = directory.appendingPathComponent("prometheus.yml")
        port = try Self.freePort()
        try config(port).write(to: configFile, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = prometheus
        process.arguments = [
            "--config.file=\(configFile.path)", "--storage.tsdb.path=\(data.path)",
            "--storage.tsdb.retention.time=\(retention)", "--web.listen-address=127.0.0.1:\(port)",
        ]
        let log = directory.appendingPathComponent("prometheus.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        try logHandle.close()

        for _ in 0..<150 {
            guard process.isRunning else { break }
            if let (status, _) = try? await get("/-/ready"), status == 200 { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        stop()
        throw Failure(description: "prometheus did not become ready in 15 s: \(text.suffix(2_000))")
    }

    deinit { stop() }

    /// Terminates the server and removes its files.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

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

    private static func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insights-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        return directory
    }

    /// Writes `openMetrics` into TSDB blocks under `directory/data` with `promtool`.
    private static func backfill(_ openMetrics: String, into directory: URL) throws {
        guard let promtool = executable("promtool") else { throw Failure(description: "promtool is not installed") }
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

    private static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A loopback port the kernel reports free (bound to port 0, read back, released); also
    /// what a test uses for a port where nothing listens.
    public static func freePort() throws -> UInt16 {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socketDescriptor, generic, length) == 0 && getsockname(socketDescriptor, generic, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "binding a loopback port failed: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }
}

@available(*, unavailable)
extension PrometheusServer: Sendable {}
