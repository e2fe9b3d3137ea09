import InsightsNumerics

/// One value of an ad-hoc SQL result.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    /// A blob, shown by its size in bytes.
    case blob(Int)
}

/// The result of an ad-hoc SQL statement: column names and rows.
public struct SQLResult: Sendable, Equatable {
    public let columns: [String]
    public let rows: [[SQLValue]]
}

extension Store {
    /// Runs one SQL statement typed by a user and returns its rows (at most `limit`, and whether
    /// more were left).
    ///
    /// Unless `allowWrites` is true the statement must leave the database unchanged
    /// (`sqlite3_stmt_readonly`), so a store opened for writing still refuses `DELETE` or
    /// `DROP` here; a store opened read-only refuses them in SQLite as well.
    ///
    /// Named parameters (`$name`, `:name`, `@name`) take their values from `parameters`, looked
    /// up by the name without its prefix; a parameter with no value, or a positional `?`, is an
    /// error rather than SQLite's silent NULL.
    /// - Throws: `StorageError` with SQLite's message for a syntax error or a refused write, or
    ///   naming the parameter that has no value and the nearest one that has.
    public func query(_ sql: String, parameters: [String: SQLValue] = [:], allowWrites: Bool = false,
                      limit: Int = .max) throws(StorageError) -> (result: SQLResult, truncated: Bool) {
        let statement = try connection.prepare(sql)
        guard allowWrites || statement.isReadOnly else {
            throw .invalidArgument("this statement would change the database; writing needs an explicit opt-in")
        }
        if statement.parameterCount > 0 {
            for index in 1...statement.parameterCount {
                guard let spelt = statement.parameterName(index), let prefix = spelt.first, "$:@".contains(prefix) else {
                    throw .invalidArgument("positional parameters (?) have no values here; use $name with a let binding")
                }
                let name = String(spelt.dropFirst())
                guard let value = parameters[name] else {
                    let hint = nearestName(to: name, among: Array(parameters.keys)).map { "; did you mean '\(spelt.prefix(1))\($0)'?" }
                        ?? " (bind it with let \(name) = …)"
                    throw .invalidArgument("parameter \(spelt) has no value\(hint)")
                }
                try statement.bind(value, at: index)
            }
        }
        let columns = (0..<statement.columnCount).map(statement.columnName)
        var rows: [[SQLValue]] = []
        var truncated = false
        while try statement.step() {
            guard rows.count < limit else {
                truncated = true
                break
            }
            rows.append((0..<statement.columnCount).map(statement.value))
        }
        return (SQLResult(columns: columns, rows: rows), truncated)
    }
}
