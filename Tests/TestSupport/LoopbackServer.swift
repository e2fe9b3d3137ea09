import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A server process on a free loopback port for tests (Prometheus, Alertmanager): started with
/// its output in a log file inside its own scratch directory, ready once a URL answers 200, and
/// terminated (its directory removed) by ``stop()`` or `deinit`. One test owns it, so it is not
/// Sendable.
public final class LoopbackServer {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// The scratch directory (removed by ``stop()``).
    public let directory: URL
    public let port: UInt16
    private let process: Process
    private let log: URL

    /// Starts `executable` with `arguments(port, directory)` and waits until `readyPath` on the port
    /// answers 200 (at most `timeout` seconds).
    /// - Throws: `Failure` naming the log's tail when the process exits or never becomes ready.
    public init(executable: URL, name: String, readyPath: String, timeout: Double = 15,
                arguments: (UInt16, URL) throws -> [String]) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("insights-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        process = Process()
        process.executableURL = executable
        do { process.arguments = try arguments(port, directory) } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        log = directory.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        try logHandle.close()

        let ready = URL(string: "http://127.0.0.1:\(port)\(readyPath)")!
        for _ in 0..<Int(timeout * 10) {
            guard process.isRunning else { break }
            if let (_, response) = try? await URLSession.shared.data(from: ready),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let text = logText
        stop()
        throw Failure(description: "\(name) did not become ready in \(Int(timeout)) s: \(text.suffix(2_000))")
    }

    deinit { stop() }

    /// What the server has written so far.
    public var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Terminates the server and removes its files.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The first executable called `name` on `PATH` (then `/usr/bin`), if any.
    public static func executable(_ name: String) -> URL? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A loopback port the kernel reports free (bound to port 0, read back, released).
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
extension LoopbackServer: Sendable {}
