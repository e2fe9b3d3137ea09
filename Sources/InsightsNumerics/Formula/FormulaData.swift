/// Named columns of equal length that a ``Formula`` is evaluated against.
///
/// A numeric column may hold `NaN` for a missing value; ``Formula/design(from:)`` drops
/// such rows. String columns are categorical and have no missing value: every string,
/// the empty one included, is a level.
public struct FormulaData: Sendable, Equatable {
    /// One column of data.
    public enum Column: Sendable, Equatable {
        /// Numbers; `NaN` marks a missing value.
        case numeric([Double])
        /// Strings, used as categories.
        case categorical([String])

        /// The number of rows.
        public var count: Int {
            switch self {
            case .numeric(let values): return values.count
            case .categorical(let values): return values.count
            }
        }
    }

    /// The number of rows in every column.
    public let rowCount: Int

    private let columns: [String: Column]

    /// Creates a table from named columns.
    ///
    /// - Precondition: All columns have the same number of rows.
    public init(_ columns: [String: Column]) {
        let counts = Set(columns.values.map(\.count))
        precondition(counts.count <= 1, "columns differ in length: \(counts.sorted())")
        self.rowCount = counts.first ?? 0
        self.columns = columns
    }

    /// The column names, sorted.
    public var columnNames: [String] { columns.keys.sorted() }

    /// The column called `name`, if there is one.
    public subscript(name: String) -> Column? { columns[name] }
}
