import Foundation
import TestSupport

/// The two real behavior logs of ../shared/data/behavior ingested once into a temporary
/// database, and the sqlite3 shell as an independent reader of it.
enum BehaviorTestData {
    nonisolated(unsafe) static var cached: String?  // set once by the first (serialized) caller
    static let lock = NSLock()

    static func database() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let path = try TemporaryDatabase.path("behavior.db")
        let files = ["cdnow_purchases.csv", "mobile_app_onboarding_events.csv"].map { SharedData.url("behavior/\($0)").path }
        let result = try BinaryRunner.run(["ingest", "--db", path] + files)
        guard result.status == 0 else { throw TerminalError("ingest failed: \(result.stderr)") }
        cached = path
        return path
    }

    /// Rows of a query through the sqlite3 shell (`|`-separated), read-only.
    static func sqlite(_ database: String, _ sql: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", database, sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TerminalError("sqlite3 failed (make test installs it)") }
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }
}
