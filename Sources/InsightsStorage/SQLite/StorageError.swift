/// A failure of the store: SQLite's own, a schema the build cannot read, or misuse.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case sqlite
        case newerSchema
        case notADatabase
        case olderSchema
        case invalidArgument
    }

    let code: Code
    /// The SQLite result code (primary and extended), 0 when the error is not SQLite's.
    public let sqliteCode: Int32
    /// A lowercase, one-line explanation.
    public let message: String

    public var description: String { message }

    /// True when the database was written by a newer schema version than this build knows.
    public var isNewerSchema: Bool { code == .newerSchema }

    static func sqlite(_ code: Int32, _ message: String, sql: String? = nil) -> Self {
        let context = sql.map { " (in: \(Self.abbreviated($0)))" } ?? ""
        return .init(code: .sqlite, sqliteCode: code, message: "\(message)\(context)")
    }

    static func newerSchema(path: String, found: Int32, supported: Int32) -> Self {
        .init(code: .newerSchema, sqliteCode: 0,
              message: "\(path) was written by a newer insights (schema version \(found)); this build reads versions up to \(supported), so it leaves the file untouched")
    }

    /// True when a reader found a file no writer has created the schema in yet.
    public var isUninitialized: Bool { code == .olderSchema && message.contains("schema version 0") }

    static func olderSchema(path: String, found: Int32, current: Int32) -> Self {
        .init(code: .olderSchema, sqliteCode: 0,
              message: found == 0
                ? "\(path) holds no insights data yet (schema version 0)"
                : "\(path) has schema version \(found), older than this build's \(current); a write command (e.g. ingest) migrates it")
    }

    static func notADatabase(path: String, reason: String) -> Self {
        .init(code: .notADatabase, sqliteCode: 0, message: "\(path) is not an insights database: \(reason)")
    }

    /// A request the store cannot express, e.g. a property key no JSON path can address.
    static func invalidArgument(_ message: String) -> Self {
        .init(code: .invalidArgument, sqliteCode: 0, message: message)
    }

    private static func abbreviated(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > 80 ? String(flat.prefix(77)) + "..." : flat
    }
}
