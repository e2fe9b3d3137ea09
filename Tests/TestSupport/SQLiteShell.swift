import Foundation

/// The sqlite3 shell on a database file, read-only: the independent path the tests read raw
/// rows by (installed by `make test`).
public enum SQLiteShell {
    /// The rows of `sql` on `database`, fields split on `|` (empty fields kept).
    public static func rows(_ database: String, _ sql: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", database, sql]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TerminalError("sqlite3 failed (make test installs it): \(String(decoding: message, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }
}
