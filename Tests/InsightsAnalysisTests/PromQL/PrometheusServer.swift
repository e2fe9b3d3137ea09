import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import InsightsAnalysis
import TestSupport

/// A throw-away Prometheus serving backfilled data on a free loopback port, for tests
/// (the process itself is a ``LoopbackServer``).
///
/// ``stop()`` (also run by the server's `deinit`) terminates the process and removes its
/// directory. One test owns it, so it is not Sendable.
final class PrometheusServer {
    typealias Failure = LoopbackServer.Failure

    private let server: LoopbackServer
    var port: UInt16 { server.port }

    /// Backfills `openMetrics` with `promtool` and starts `prometheus` on it; returns once
    /// `/-/ready` answers.
    init(openMetrics: String) async throws {
        guard let prometheus = LoopbackServer.executable("prometheus"), let promtool = LoopbackServer.executable("promtool") else {
            throw Failure(description: "prometheus (with promtool) is not installed; `make test` installs the Debian package, or run `apt-get install -y prometheus`")
        }
        server = try await LoopbackServer(executable: prometheus, name: "prometheus", readyPath: "/-/ready") { port, directory in
            let data = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
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
            // No scrape targets; a retention far beyond the data's age keeps the backfilled blocks.
            let config = directory.appendingPathComponent("prometheus.yml")
            try "global:\n  scrape_interval: 1h\n".write(to: config, atomically: true, encoding: .utf8)
            return [
                "--config.file=\(config.path)", "--storage.tsdb.path=\(data.path)",
                "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:\(port)",
            ]
        }
    }

    /// Terminates the server and removes its files.
    func stop() { server.stop() }

    /// `/api/v1/query_range` for `query` between `start` and `end` seconds at `step` seconds:
    /// the matrix result as series (timestamps in nanoseconds, values parsed from Prometheus's
    /// shortest round-trip decimal strings).
    func queryRange(_ query: String, start: Int64, end: Int64, step: Int64) async throws -> [PromQLSeries] {
        var components = URLComponents(string: "http://127.0.0.1:\(port)/api/v1/query_range")!
        components.queryItems = [
            URLQueryItem(name: "query", value: query), URLQueryItem(name: "start", value: "\(start)"),
            URLQueryItem(name: "end", value: "\(end)"), URLQueryItem(name: "step", value: "\(step)"),
        ]
        // `+` is legal in a query string but means a space to Prometheus's form parser.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        let (body, _) = try await URLSession.shared.data(from: components.url!)
        guard let json = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              json["status"] as? String == "success",
              let data = json["data"] as? [String: Any], data["resultType"] as? String == "matrix",
              let result = data["result"] as? [[String: Any]] else {
            throw Failure(description: "unexpected answer to \(query): \(String(decoding: body, as: UTF8.self).prefix(500))")
        }
        return try result.map { entry in
            guard let labels = entry["metric"] as? [String: String], let points = entry["values"] as? [[Any]] else {
                throw Failure(description: "unexpected series in the answer to \(query)")
            }
            var timestamps: [Int64] = [], values: [Double] = []
            for point in points {
                guard point.count == 2, let time = (point[0] as? NSNumber)?.doubleValue, let text = point[1] as? String,
                      let value = Self.parseValue(text) else {
                    throw Failure(description: "unexpected point \(point) in the answer to \(query)")
                }
                timestamps.append(Int64((time * 1_000).rounded()) * 1_000_000)
                values.append(value)
            }
            return PromQLSeries(labels: labels, timestamps: timestamps, values: values)
        }
    }

    /// The server's version, from `/api/v1/status/buildinfo`.
    func version() async throws -> String {
        let url = URL(string: "http://127.0.0.1:\(port)/api/v1/status/buildinfo")!
        let (body, _) = try await URLSession.shared.data(from: url)
        guard let json = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              let data = json["data"] as? [String: Any], let version = data["version"] as? String else {
            throw Failure(description: "unexpected build info: \(String(decoding: body, as: UTF8.self).prefix(500))")
        }
        return version
    }

    private static func parseValue(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        default: return Double(text)
        }
    }
}

@available(*, unavailable)
extension PrometheusServer: Sendable {}
