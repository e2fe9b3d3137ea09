import ArgumentParser
import Foundation
import InsightsStorage

/// `--db FILE`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Database file (default: $INSIGHTS_DB, else ./insights.db).", valueName: "file"))
    var db: String?

    /// The path in effect: `--db`, then `$INSIGHTS_DB`, then `./insights.db`.
    var path: String {
        db ?? ProcessInfo.processInfo.environment["INSIGHTS_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "insights.db"
    }

    /// Opens the store, mapping failures to exit codes: 65 for a file that is not a
    /// database or is too new, 64 for one that cannot be opened.
    func open(readOnly: Bool = false) throws -> Store {
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure.usage("no database at \(path) (ingest some data first, or pass --db)")
        }
        do { return try Store(path: path, readOnly: readOnly) } catch {
            if error.isNewerSchema || error.message.contains("is not an insights database") {
                throw CommandFailure.data(error.message)
            }
            throw CommandFailure.usage(error.message)
        }
    }
}
