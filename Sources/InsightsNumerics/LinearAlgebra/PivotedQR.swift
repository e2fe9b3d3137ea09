internal import CLAPACKE

/// The QR factorization with column pivoting `A·P = Q·R` of an m×n matrix, m ≥ n.
///
/// `Q` is kept in LAPACK's compact form (Householder reflectors below the
/// diagonal plus `tau`); `R` is upper triangular with non-increasing
/// `|Rᵢᵢ|`, which is what makes the numerical rank readable off its diagonal.
public struct PivotedQR: Sendable {
    /// The factored matrix as returned by `dgeqp3`: `R` on and above the diagonal, reflectors below.
    let packed: Matrix
    /// Householder scalars.
    let tau: [Double]
    /// `permutation[j]` is the original column that ended up in position `j`.
    public let permutation: [Int]

    /// Factors `a`.
    ///
    /// The corresponding LAPACK routine is `dgeqp3` (Householder QR with column pivoting).
    /// - Throws: `LinearAlgebraError` when LAPACK rejects the call.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        let m = a.rows, n = a.columns
        var packed = a
        var pivots = [Int32](repeating: 0, count: n)
        var tau = [Double](repeating: 0, count: min(m, n))
        if m > 0 && n > 0 {
            let info = LAPACKE_dgeqp3(LAPACK_COL_MAJOR, Int32(m), Int32(n), &packed.storage,
                                      Int32(m), &pivots, &tau)
            if let error = LinearAlgebraError.check(info, "dgeqp3", rows: m, columns: n, positive: { _ in
                .illegalArgument("dgeqp3", info: info, rows: m, columns: n)
            }) { throw error }
        }
        self.packed = packed
        self.tau = tau
        self.permutation = pivots.map { Int($0) - 1 }
    }

    /// Rows of the factored matrix.
    public var rows: Int { packed.rows }
    /// Columns of the factored matrix.
    public var columns: Int { packed.columns }

    /// The upper-triangular factor, min(m, n)×n.
    public var r: Matrix {
        let k = min(rows, columns)
        var result = Matrix(rows: k, columns: columns)
        for j in 0..<columns {
            for i in 0...min(j, k - 1) where k > 0 { result[i, j] = packed[i, j] }
        }
        return result
    }

    /// `|R₀₀|, |R₁₁|, …`: non-increasing, so their ratios measure how close to rank deficient the matrix is.
    public var diagonalMagnitudes: [Double] {
        packed.diagonal.map { abs($0) }
    }

    /// Computes `Qᵀ·C` (or `Q·C` when `transpose` is false) in place, with `Q` the full m×m orthogonal factor.
    ///
    /// The corresponding LAPACK routine is `dormqr`.
    public func applyQ(to c: inout Matrix, transpose: Bool) {
        precondition(c.rows == rows, "applyQ: matrix has \(c.rows) rows, expected \(rows)")
        guard c.columns > 0, !tau.isEmpty else { return }
        let info = LAPACKE_dormqr(LAPACK_COL_MAJOR, lapackChar("L"), lapackChar(transpose ? "T" : "N"),
                                  Int32(rows), Int32(c.columns), Int32(tau.count),
                                  packed.storage, Int32(rows), tau, &c.storage, Int32(rows))
        precondition(info == 0, "dormqr rejected argument \(-info)")
    }

    /// The first `min(m, n)` columns of `Q` (the "thin" Q), m×min(m, n).
    ///
    /// The corresponding LAPACK routine is `dorgqr`.
    public func thinQ() -> Matrix {
        let k = min(rows, columns)
        var q = Matrix(rows: rows, columns: k)
        guard k > 0 else { return q }
        for j in 0..<k {
            for i in 0..<rows { q[i, j] = packed[i, j] }
        }
        let info = LAPACKE_dorgqr(LAPACK_COL_MAJOR, Int32(rows), Int32(k), Int32(k),
                                  &q.storage, Int32(rows), tau)
        precondition(info == 0, "dorgqr rejected argument \(-info)")
        return q
    }

    /// An estimate of the reciprocal 1-norm condition number of the leading `rank`×`rank` block of `R`.
    ///
    /// The corresponding LAPACK routine is `dtrcon`.
    func reciprocalCondition(rank: Int) -> Double {
        guard rank > 0 else { return 0 }
        var rcond = 0.0
        let info = LAPACKE_dtrcon(LAPACK_COL_MAJOR, lapackChar("1"), lapackChar("U"), lapackChar("N"),
                                  Int32(rank), packed.storage, Int32(rows), &rcond)
        precondition(info == 0, "dtrcon rejected argument \(-info)")
        return rcond
    }
}
