import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `insights` executable running in the background, for commands that loop until a
/// signal (`watch`): its output goes to files the test reads while it runs.
///
/// ``stop()`` (also run by `deinit`) kills a process still running and removes the files. One
/// test owns it, so it is not Sendable.
public final class BackgroundBinary {
    private let process = Process()
    private let directory: URL

    /// Starts `insights` with `arguments`.
    public init(_ arguments: [String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("insights-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process.executableURL = BinaryRunner.executableURL
        process.arguments = arguments
        let out = directory.appendingPathComponent("stdout"), err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try outHandle.close()
        try errHandle.close()
    }

    deinit { stop() }

    /// What it wrote to standard output so far.
    public var stdout: String { read("stdout") }
    /// What it wrote to standard error so far.
    public var stderr: String { read("stderr") }

    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGTERM, SIGINT) to the process.
    public func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits until standard error contains `text`, at most `timeout` seconds.
    /// - Returns: Whether it appeared.
    public func waitForStderr(containing text: String, timeout: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stderr.contains(text) { return true }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return stderr.contains(text)
    }

    /// Waits for the process to exit, at most `timeout` seconds.
    /// - Returns: The exit status, or nil when it is still running.
    public func waitForExit(timeout: Double) async throws -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        if process.isRunning { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Kills the process if it still runs, and removes its output files.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private func read(_ name: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }
}

@available(*, unavailable)
extension BackgroundBinary: Sendable {}
