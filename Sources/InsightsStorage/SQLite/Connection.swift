internal import CSQLite

/// One open SQLite database handle (`sqlite3*`), closed when the object goes away.
///
/// Not Sendable: a connection belongs to one thread at a time (the store's owner).
final class Connection {
    let handle: OpaquePointer
    let path: String

    /// Opens `path` read-write (creating it) or for reading only.
    ///
    /// A reader opens an existing file read-write with `PRAGMA query_only`, so that it can
    /// replay the write-ahead log a killed writer left behind (a `SQLITE_OPEN_READONLY`
    /// connection cannot, and fails with "attempt to write a readonly database"); only a
    /// file the process may not write is opened truly read-only.
    /// The corresponding SQLite routine is `sqlite3_open_v2`.
    init(path: String, readOnly: Bool) throws(StorageError) {
        var handle: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READWRITE : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var code = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        if readOnly && code != SQLITE_OK {
            sqlite3_close_v2(handle)
            handle = nil
            code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        }
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw .sqlite(code, "cannot open \(path): \(message)")
        }
        self.handle = handle
        if readOnly { sqlite3_exec(handle, "PRAGMA query_only = ON", nil, nil, nil) }
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        // Writers wait for each other instead of failing at once.
        sqlite3_busy_timeout(handle, 10_000)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without results. The corresponding routine is `sqlite3_exec`.
    func execute(_ sql: String) throws(StorageError) {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        if code != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(error)
            throw .sqlite(code, message, sql: sql)
        }
    }

    /// Prepares `sql`. The corresponding routine is `sqlite3_prepare_v2`.
    func prepare(_ sql: String) throws(StorageError) -> Statement {
        try Statement(connection: self, sql: sql)
    }

    /// `PRAGMA user_version`: the schema version this file was written with.
    func userVersion() throws(StorageError) -> Int32 {
        let statement = try prepare("PRAGMA user_version")
        guard try statement.step() else { return 0 }
        return Int32(truncatingIfNeeded: statement.int64(0))
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE. The routine is `sqlite3_changes64`.
    var changes: Int64 { sqlite3_changes64(handle) }

    /// The rowid of the last inserted row.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The current error message of the handle.
    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }
}

@available(*, unavailable)
extension Connection: Sendable {}
