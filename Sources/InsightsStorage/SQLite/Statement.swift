internal import CSQLite

/// A prepared statement (`sqlite3_stmt*`), finalized when the object goes away.
///
/// Bind parameters are 1-based, as in SQLite. Every result code is checked.
final class Statement {
    private let handle: OpaquePointer
    private let connection: Connection
    let sql: String

    init(connection: Connection, sql: String) throws(StorageError) {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(connection.handle, sql, -1, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw .sqlite(code, connection.lastErrorMessage, sql: sql)
        }
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ value: Int64, at index: Int32) throws(StorageError) {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ value: Double, at index: Int32) throws(StorageError) {
        try check(sqlite3_bind_double(handle, index, value))
    }

    func bind(_ value: String, at index: Int32) throws(StorageError) {
        try check(sqlite3_bind_text(handle, index, value, -1, insights_sqlite_transient()))
    }

    func bindNull(at index: Int32) throws(StorageError) {
        try check(sqlite3_bind_null(handle, index))
    }

    func bind(_ value: String?, at index: Int32) throws(StorageError) {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Advances; true when a row is available, false when done.
    /// The corresponding routine is `sqlite3_step`.
    @discardableResult
    func step() throws(StorageError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw .sqlite(code, connection.lastErrorMessage, sql: sql)
        }
    }

    /// Resets for another execution and clears bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: text)
    }

    private func check(_ code: Int32) throws(StorageError) {
        guard code == SQLITE_OK else { throw .sqlite(code, connection.lastErrorMessage, sql: sql) }
    }
}

@available(*, unavailable)
extension Statement: Sendable {}

extension Statement {
    /// The number of result columns.
    var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The name of result column `column`.
    func columnName(_ column: Int32) -> String {
        sqlite3_column_name(handle, column).map { String(cString: $0) } ?? "?"
    }

    /// The value of `column` in the current row, typed as SQLite stored it.
    func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(int64(column))
        case SQLITE_FLOAT: .real(double(column))
        case SQLITE_BLOB: .blob(Int(sqlite3_column_bytes(handle, column)))
        default: .text(string(column) ?? "")
        }
    }

    /// Whether the statement leaves the database unchanged (`sqlite3_stmt_readonly`).
    var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// The number of bind parameters (the largest index).
    var parameterCount: Int32 { sqlite3_bind_parameter_count(handle) }

    /// The name of parameter `index` with its prefix (`$name`, `:name`, `@name`, `?2`); nil for
    /// a bare `?`.
    func parameterName(_ index: Int32) -> String? {
        sqlite3_bind_parameter_name(handle, index).map { String(cString: $0) }
    }

    /// Binds `value` to parameter `index`.
    func bind(_ value: SQLValue, at index: Int32) throws(StorageError) {
        switch value {
        case .null, .blob: try bindNull(at: index)
        case .integer(let number): try bind(number, at: index)
        case .real(let number): try bind(number, at: index)
        case .text(let text): try bind(text, at: index)
        }
    }
}
