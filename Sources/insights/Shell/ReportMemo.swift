/// The report one shell statement computed, kept while the statement runs: `.chart on` runs an
/// analysis a second time for the JSON its chart reads, and that run takes the report the
/// first one computed instead of forecasting (or scanning) again.
///
/// Only a statement run through `sharing(key:_:)` memoises; a subcommand on the command line
/// always computes. The key is the statement's arguments without `--format`, so a report is
/// reused only for the same inputs, options and database.
enum ReportMemo {
    nonisolated(unsafe) private static var key: String?
    nonisolated(unsafe) private static var stored: (key: String, value: Any)?

    /// Runs `body` with reports memoised under `key`; forgets them when it returns.
    static func sharing<T>(key: String, _ body: () throws -> T) rethrows -> T {
        self.key = key
        defer {
            self.key = nil
            stored = nil
        }
        return try body()
    }

    /// The report already computed under the current key, else `compute`'s (kept for the next
    /// run under the same key).
    static func report<R>(_ compute: () throws -> R) rethrows -> R {
        guard let key else { return try compute() }
        if let stored, stored.key == key, let value = stored.value as? R { return value }
        let value = try compute()
        stored = (key, value)
        return value
    }
}
