/// A failure reported by a LAPACK routine or a factorization built on one.
///
/// Carries the routine name, its `info` code and the shape of the matrix it was
/// given, so a caller can tell a singular design from a programmer error.
public struct LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in a form code can switch on.
    public enum Kind: Sendable, Equatable {
        /// LAPACK rejected an argument (negative `info`): a bug in the caller.
        case illegalArgument
        /// The matrix is singular or its columns are exactly collinear.
        case singular
        /// A Cholesky factorization met a non-positive pivot.
        case notPositiveDefinite
        /// An iterative routine (eigenvalues, SVD) did not converge.
        case noConvergence
        /// A least-squares problem has fewer rows than columns.
        case underdetermined
    }

    /// The kind of failure.
    public let kind: Kind
    /// The LAPACK routine that reported it, e.g. `dgeqp3`.
    public let routine: String
    /// LAPACK's `info` value (0 when the failure was detected outside LAPACK).
    public let info: Int32
    /// Rows and columns of the matrix involved.
    public let rows: Int
    public let columns: Int
    /// A one-line explanation.
    public let message: String

    public var description: String {
        "\(message) (\(routine), info \(info), \(rows)×\(columns) matrix)"
    }

    static func illegalArgument(_ routine: String, info: Int32, rows: Int, columns: Int) -> Self {
        .init(kind: .illegalArgument, routine: routine, info: info, rows: rows, columns: columns,
              message: "argument \(-info) to \(routine) is invalid")
    }

    static func singular(_ routine: String, info: Int32, rows: Int, columns: Int, detail: String) -> Self {
        .init(kind: .singular, routine: routine, info: info, rows: rows, columns: columns, message: detail)
    }

    static func notPositiveDefinite(_ routine: String, info: Int32, rows: Int, columns: Int) -> Self {
        .init(kind: .notPositiveDefinite, routine: routine, info: info, rows: rows, columns: columns,
              message: "matrix is not positive definite (leading minor \(info) is not positive)")
    }

    static func noConvergence(_ routine: String, info: Int32, rows: Int, columns: Int) -> Self {
        .init(kind: .noConvergence, routine: routine, info: info, rows: rows, columns: columns,
              message: "\(routine) did not converge (\(info) values failed)")
    }

    static func underdetermined(rows: Int, columns: Int) -> Self {
        .init(kind: .underdetermined, routine: "dgeqp3", info: 0, rows: rows, columns: columns,
              message: "least squares needs at least as many rows as columns, got \(rows) rows for \(columns) columns")
    }

    /// Maps a LAPACK `info` to an error, or nil when it is 0.
    static func check(_ info: Int32, _ routine: String, rows: Int, columns: Int,
                      positive: (Int32) -> Self) -> Self? {
        if info == 0 { return nil }
        if info < 0 { return illegalArgument(routine, info: info, rows: rows, columns: columns) }
        return positive(info)
    }
}
