/// The response vector and design matrix that a ``Formula`` builds from data.
///
/// Columns are named and ordered as patsy names and orders them (which is what
/// statsmodels reports): `Intercept`, `x`, `g[T.b]`, `x:g[T.b]`, `I(x ** 2)`,
/// `poly(x, 2)[1]`.
public struct DesignMatrix: Sendable, Equatable {
    /// The columns that one term of the formula expanded into.
    public struct TermSlice: Sendable, Equatable {
        /// The term as patsy names it: `Intercept`, `x`, `C(g)`, `x:C(g)`.
        public let name: String
        /// The term's columns in ``DesignMatrix/matrix``; empty for a term with no
        /// columns, such as a one-level categorical beside an intercept.
        public let columns: Range<Int>

        /// Creates a slice naming the columns `columns` of term `name`.
        public init(name: String, columns: Range<Int>) {
            self.name = name
            self.columns = columns
        }
    }

    /// The response, one value per used row.
    public let response: [Double]
    /// The response's name: the left-hand side as written, whitespace normalised.
    public let responseName: String
    /// The design, one row per used row and one column per name in ``columnNames``.
    public let matrix: Matrix
    /// The name of each column of ``matrix``.
    public let columnNames: [String]
    /// Whether the first column is the intercept.
    public let hasIntercept: Bool
    /// The terms in column order, each with its columns.
    public let termSlices: [TermSlice]
    /// The rows of the input data behind each row of ``matrix``, counted from 0.
    public let usedRows: [Int]
    /// The rows of the input data dropped because a column the formula reads is `NaN`.
    public let droppedRows: [Int]
}
