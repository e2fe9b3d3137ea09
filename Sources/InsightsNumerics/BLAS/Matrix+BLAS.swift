internal import COpenBLAS

extension Matrix {
    /// Computes `C ← α·op(A)·op(B) + β·C`, where `op` transposes when asked.
    ///
    /// The corresponding BLAS routine is `dgemm`.
    /// - Parameters:
    ///   - a: The left factor.
    ///   - transposeA: Whether to use `Aᵀ`.
    ///   - b: The right factor.
    ///   - transposeB: Whether to use `Bᵀ`.
    ///   - alpha: The scale of the product.
    ///   - beta: The scale of the existing `c`.
    ///   - c: The accumulator; its shape must match the product.
    /// - Complexity: 2·m·n·k floating-point operations.
    public static func gemm(_ a: Matrix, transposeA: Bool = false,
                            _ b: Matrix, transposeB: Bool = false,
                            alpha: Double = 1, beta: Double = 0, into c: inout Matrix) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kB = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kB, "gemm: inner dimensions \(k) and \(kB) differ")
        precondition(c.rows == m && c.columns == n,
                     "gemm: result is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        guard m > 0, n > 0 else { return }
        if k == 0 {
            c.storage.withUnsafeMutableBufferPointer { buffer in
                for i in buffer.indices { buffer[i] *= beta }
            }
            return
        }
        cblas_dgemm(CblasColMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a.storage, Int32(max(1, a.rows)),
                    b.storage, Int32(max(1, b.rows)),
                    beta, &c.storage, Int32(max(1, c.rows)))
    }

    /// The product `op(A)·op(B)`. The corresponding BLAS routine is `dgemm`.
    public static func product(_ a: Matrix, transposeA: Bool = false,
                               _ b: Matrix, transposeB: Bool = false) -> Matrix {
        var c = Matrix(rows: transposeA ? a.columns : a.rows,
                       columns: transposeB ? b.rows : b.columns)
        gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }

    /// The matrix product `lhs · rhs`.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        product(lhs, rhs)
    }

    /// Computes `y ← α·op(A)·x + β·y`. The corresponding BLAS routine is `dgemv`.
    public func gemv(transposed: Bool = false, _ x: [Double],
                     alpha: Double = 1, beta: Double = 0, into y: inout [Double]) {
        let inputLength = transposed ? rows : columns
        let outputLength = transposed ? columns : rows
        precondition(x.count == inputLength, "gemv: x has \(x.count) elements, expected \(inputLength)")
        precondition(y.count == outputLength, "gemv: y has \(y.count) elements, expected \(outputLength)")
        guard outputLength > 0 else { return }
        if inputLength == 0 {
            for i in y.indices { y[i] *= beta }
            return
        }
        cblas_dgemv(CblasColMajor, transposed ? CblasTrans : CblasNoTrans,
                    Int32(rows), Int32(columns), alpha, storage, Int32(max(1, rows)),
                    x, 1, beta, &y, 1)
    }

    /// The matrix–vector product `A·x` (or `Aᵀ·x`). The corresponding BLAS routine is `dgemv`.
    public func multiplied(by x: [Double], transposed: Bool = false) -> [Double] {
        var y = [Double](repeating: 0, count: transposed ? columns : rows)
        gemv(transposed: transposed, x, into: &y)
        return y
    }

    /// The Gram matrix `α·AᵀA` (or `α·AAᵀ` when `outer` is true), with both triangles filled.
    ///
    /// The corresponding BLAS routine is `dsyrk`, which computes one triangle;
    /// the other is mirrored.
    /// - Complexity: n·k² floating-point operations for an n×k matrix.
    public func gram(alpha: Double = 1, outer: Bool = false) -> Matrix {
        let size = outer ? rows : columns
        let inner = outer ? columns : rows
        var c = Matrix(rows: size, columns: size)
        guard size > 0, inner > 0 else { return c }
        cblas_dsyrk(CblasColMajor, CblasUpper, outer ? CblasNoTrans : CblasTrans,
                    Int32(size), Int32(inner), alpha, storage, Int32(max(1, rows)),
                    0, &c.storage, Int32(size))
        for j in 0..<size {
            for i in (j + 1)..<size { c.storage[i + j * size] = c.storage[j + i * size] }
        }
        return c
    }
}

extension Matrix {
    /// Accumulates `C ← α·A·Aᵀ + β·C` (or `α·AᵀA + β·C` when `transposed`) into the upper
    /// triangle of the square `c`; the strict lower triangle is left as it was.
    ///
    /// The corresponding BLAS routine is `dsyrk`. Use it to sum Gram matrices over blocks of
    /// rows without forming the whole design; call ``symmetrizedFromUpper()`` once at the end.
    /// - Complexity: n²·k floating-point operations for an n×k `a` (k×n when transposed).
    public static func rankUpdate(_ a: Matrix, transposed: Bool = false, alpha: Double = 1, beta: Double = 1,
                                  into c: inout Matrix) {
        let size = transposed ? a.columns : a.rows
        let inner = transposed ? a.rows : a.columns
        precondition(c.rows == size && c.columns == size, "rankUpdate: result is \(c.rows)×\(c.columns), expected \(size)×\(size)")
        guard size > 0, inner > 0 else { return }
        cblas_dsyrk(CblasColMajor, CblasUpper, transposed ? CblasTrans : CblasNoTrans,
                    Int32(size), Int32(inner), alpha, a.storage, Int32(max(1, a.rows)),
                    beta, &c.storage, Int32(size))
    }

    /// This square matrix with its strict lower triangle copied from the upper one.
    public func symmetrizedFromUpper() -> Matrix {
        precondition(rows == columns, "only a square matrix can be symmetric")
        var c = self
        for j in 0..<columns {
            for i in (j + 1)..<rows { c.storage[i + j * rows] = c.storage[j + i * rows] }
        }
        return c
    }
}
