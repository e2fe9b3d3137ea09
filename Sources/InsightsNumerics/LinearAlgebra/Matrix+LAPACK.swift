internal import CLAPACKE

/// LAPACK's character arguments are C `char`s.
@inline(__always)
func lapackChar(_ character: Unicode.Scalar) -> CChar {
    CChar(UInt8(ascii: character))
}

extension Matrix {
    /// Solves `op(T)·X = B` for upper- or lower-triangular `T` (the leading square block of `self`).
    ///
    /// The corresponding LAPACK routine is `dtrtrs`.
    /// - Throws: `LinearAlgebraError` of kind `.singular` when a diagonal element is zero.
    public func solveTriangular(_ b: Matrix, upper: Bool = true, transposed: Bool = false) throws(LinearAlgebraError) -> Matrix {
        let n = min(rows, columns)
        precondition(b.rows == n, "solveTriangular: right-hand side has \(b.rows) rows, expected \(n)")
        var x = b
        guard n > 0, b.columns > 0 else { return x }
        let info = LAPACKE_dtrtrs(LAPACK_COL_MAJOR, lapackChar(upper ? "U" : "L"),
                                  lapackChar(transposed ? "T" : "N"), lapackChar("N"),
                                  Int32(n), Int32(b.columns), storage, Int32(rows),
                                  &x.storage, Int32(n))
        if let error = LinearAlgebraError.check(info, "dtrtrs", rows: rows, columns: columns, positive: {
            .singular("dtrtrs", info: $0, rows: rows, columns: columns,
                      detail: "triangular matrix has a zero on its diagonal at position \($0)")
        }) { throw error }
        return x
    }
}
