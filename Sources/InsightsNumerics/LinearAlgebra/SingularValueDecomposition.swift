internal import CLAPACKE

/// The thin singular value decomposition `A = U·diag(σ)·Vᵀ`.
public struct SingularValueDecomposition: Sendable {
    /// Left singular vectors, m×min(m, n).
    public let u: Matrix
    /// Singular values in descending order.
    public let singularValues: [Double]
    /// Right singular vectors transposed, min(m, n)×n.
    public let vt: Matrix

    /// Decomposes `a`.
    ///
    /// The corresponding LAPACK routine is `dgesdd` (divide and conquer).
    /// - Throws: `LinearAlgebraError` of kind `.noConvergence`.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        let m = a.rows, n = a.columns, k = min(m, n)
        var work = a
        var s = [Double](repeating: 0, count: k)
        var u = Matrix(rows: m, columns: k)
        var vt = Matrix(rows: k, columns: n)
        if k > 0 {
            let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, lapackChar("S"), Int32(m), Int32(n),
                                      &work.storage, Int32(m), &s, &u.storage, Int32(m),
                                      &vt.storage, Int32(k))
            if let error = LinearAlgebraError.check(info, "dgesdd", rows: m, columns: n, positive: {
                .noConvergence("dgesdd", info: $0, rows: m, columns: n)
            }) { throw error }
        }
        self.u = u
        self.singularValues = s
        self.vt = vt
    }

    /// The 2-norm condition number `σ_max / σ_min` (infinite when `σ_min` is 0).
    public var conditionNumber: Double {
        guard let largest = singularValues.first, let smallest = singularValues.last else { return .nan }
        return smallest == 0 ? .infinity : largest / smallest
    }
}
