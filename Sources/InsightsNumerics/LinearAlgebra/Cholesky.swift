internal import CLAPACKE

/// The Cholesky factorization `A = UᵀU` of a symmetric positive definite matrix.
public struct Cholesky: Sendable {
    /// The upper-triangular factor `U` (the strict lower triangle is zero).
    public let factor: Matrix

    /// Factors `a`, reading its upper triangle.
    ///
    /// The corresponding LAPACK routine is `dpotrf`.
    /// - Throws: `LinearAlgebraError` of kind `.notPositiveDefinite`.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        precondition(a.rows == a.columns, "Cholesky needs a square matrix, got \(a.rows)×\(a.columns)")
        var u = a
        let n = a.rows
        if n > 0 {
            let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, lapackChar("U"), Int32(n), &u.storage, Int32(n))
            if let error = LinearAlgebraError.check(info, "dpotrf", rows: n, columns: n, positive: {
                .notPositiveDefinite("dpotrf", info: $0, rows: n, columns: n)
            }) { throw error }
        }
        for j in 0..<n {
            for i in (j + 1)..<n { u[i, j] = 0 }
        }
        factor = u
    }

    /// Solves `A·X = B` using the factorization.
    ///
    /// The corresponding LAPACK routine is `dpotrs`.
    public func solve(_ b: Matrix) -> Matrix {
        let n = factor.rows
        precondition(b.rows == n, "Cholesky.solve: right-hand side has \(b.rows) rows, expected \(n)")
        var x = b
        guard n > 0, b.columns > 0 else { return x }
        let info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, lapackChar("U"), Int32(n), Int32(b.columns),
                                  factor.storage, Int32(n), &x.storage, Int32(n))
        precondition(info == 0, "dpotrs rejected argument \(-info)")
        return x
    }

    /// Solves `A·x = b` for one right-hand side.
    public func solve(_ b: [Double]) -> [Double] {
        solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
    }

    /// `log det A = 2 Σ log Uᵢᵢ`.
    public var logDeterminant: Double {
        2 * factor.diagonal.reduce(0) { $0 + log($1) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
