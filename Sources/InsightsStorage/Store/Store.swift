/// The SQLite file that holds every dataset: metric series, behavior events and annotations.
///
/// Opening migrates an older file in one transaction and refuses a newer one
/// without touching it. The journal is WAL, so readers see a consistent snapshot
/// while one writer ingests. A `Store` is one connection: use it from one thread.
public final class Store {
    let connection: Connection
    /// Statements reused across calls (the connection owns them; same thread as the store).
    var cachedStatements: [String: Statement] = [:]
    /// The file path given to `open`.
    public let path: String

    /// What to do when a series already has a point at a timestamp being written.
    public enum DuplicatePolicy: String, Sendable, CaseIterable {
        /// The value written last wins: re-ingesting the same file changes nothing.
        case last
        /// The value already stored is kept.
        case first
        /// A duplicate is an error for the row that carries it.
        case error
    }

    /// Opens (creating if needed) the database at `path`.
    /// - Parameter readOnly: Open without the right to write; the schema must be at least
    ///   `Schema.oldestReadableVersion` (later migrations only add tables).
    /// - Throws: `StorageError` when the file cannot be opened, is not a database, or was
    ///   written by a newer schema version.
    public init(path: String, readOnly: Bool = false) throws(StorageError) {
        self.path = path
        connection = try Connection(path: path, readOnly: readOnly)
        let version: Int32
        do { version = try connection.userVersion() } catch {
            throw .notADatabase(path: path, reason: error.message)
        }
        if version > Schema.currentVersion {
            throw .newerSchema(path: path, found: version, supported: Schema.currentVersion)
        }
        guard !readOnly else {
            // A reader cannot migrate; a file too old to read as it is says so instead of
            // failing on a missing table.
            if version < Schema.oldestReadableVersion {
                throw .olderSchema(path: path, found: version, current: Schema.currentVersion)
            }
            return
        }
        // 16 KiB pages (set before the first table exists; ignored afterwards): fewer, larger
        // writes and shallower trees for the point table.
        try connection.execute("PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
        if version < Schema.currentVersion { try migrate(from: version) }
    }

    /// The schema version of the open file.
    public func schemaVersion() throws(StorageError) -> Int32 { try connection.userVersion() }

    private func migrate(from version: Int32) throws(StorageError) {
        do {
            try connection.transaction {
                // Re-read inside the write lock: another process may have migrated meanwhile.
                let current = try connection.userVersion()
                for step in Int(current)..<Schema.migrations.count {
                    try connection.execute(Schema.migrations[step])
                }
                try connection.execute("PRAGMA user_version = \(Schema.currentVersion)")
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw .sqlite(0, "migration failed: \(error)")
        }
    }

    /// Runs `body` with a writer inside one transaction: all of it is stored, or none.
    public func write<T>(duplicates: DuplicatePolicy = .last,
                         _ body: (inout StoreWriter) throws -> T) throws -> T {
        try connection.transaction {
            var writer = try StoreWriter(connection: connection, duplicates: duplicates)
            let result = try body(&writer)
            try writer.flushPoints()
            try writer.bindDatasetAnnotations()
            return result
        }
    }
}

@available(*, unavailable)
extension Store: Sendable {}
