import Foundation

/// The two real event logs of ../shared/data/behavior ingested into one database (once per
/// test process), and the sqlite3 shell on it: the independent path the behavior tests
/// compare the analyses with.
public enum BehaviorFixture {
    nonisolated(unsafe) private static var cached: String?
    private static let lock = NSLock()

    public static let files = ["cdnow_purchases.csv", "mobile_app_onboarding_events.csv"].map { SharedData.url("behavior/\($0)").path }

    /// The database path, ingesting on first use.
    public static func database() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let path = try TemporaryDatabase.path("behavior.db")
        let ingest = try BinaryRunner.run(["ingest", "--db", path] + files)
        guard ingest.status == 0 else { throw TerminalError("ingest failed: \(ingest.stderr)") }
        cached = path
        return path
    }

    /// The rows of `sql` through `sqlite3 -readonly` (fields split on `|`).
    public static func sqlite(_ sql: String) throws -> [[String]] {
        try SQLiteShell.rows(try database(), sql)
    }

    /// Runs `insights ARGUMENTS --db DATABASE --format json` and parses the document.
    public static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try BinaryRunner.run(arguments + ["--db", try database(), "--format", "json"])
        guard result.status == 0 else { throw TerminalError("insights \(arguments.joined(separator: " ")): \(result.stderr)") }
        guard let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw TerminalError("not a JSON object: \(result.stdout.prefix(200))")
        }
        return object
    }
}
