internal import CLAPACKE

/// The eigen-decomposition `A = V·diag(λ)·Vᵀ` of a real symmetric matrix.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Orthonormal eigenvectors, one per column, in the order of `values`.
    public let vectors: Matrix

    /// Decomposes `a`, reading its upper triangle.
    ///
    /// The corresponding LAPACK routine is `dsyevd` (divide and conquer).
    /// - Parameter computeVectors: Pass false when only eigenvalues are needed.
    /// - Throws: `LinearAlgebraError` of kind `.noConvergence`.
    public init(_ a: Matrix, computeVectors: Bool = true) throws(LinearAlgebraError) {
        precondition(a.rows == a.columns, "SymmetricEigen needs a square matrix, got \(a.rows)×\(a.columns)")
        let n = a.rows
        var v = a
        var w = [Double](repeating: 0, count: n)
        if n > 0 {
            let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, lapackChar(computeVectors ? "V" : "N"),
                                      lapackChar("U"), Int32(n), &v.storage, Int32(n), &w)
            if let error = LinearAlgebraError.check(info, "dsyevd", rows: n, columns: n, positive: {
                .noConvergence("dsyevd", info: $0, rows: n, columns: n)
            }) { throw error }
        }
        values = w
        vectors = computeVectors ? v : Matrix(rows: n, columns: 0)
    }
}
