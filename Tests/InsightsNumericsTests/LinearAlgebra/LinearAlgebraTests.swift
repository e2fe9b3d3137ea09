import Foundation
import InsightsNumerics
import Testing
import TestSupport

/// BLAS and LAPACK wrappers against exact or analytic answers.
struct LinearAlgebraTests {
    @Test func blasLevelOneAndTwo() {
        #expect(BLAS.dot([1, 2, 3], [4, -5, 6]) == 12)
        var y: [Double] = [1, 1, 1]
        BLAS.axpy(2, [1, 2, 3], &y)
        #expect(y == [3, 5, 7])
        #expect(BLAS.nrm2([3, 4]) == 5)
        // dnrm2 scales internally: no overflow where a naive Σx² would.
        #expect(Accuracy.relativeError(BLAS.nrm2([3e200, 4e200]), 5e200) < 1e-15)
        let a = Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        #expect(a.multiplied(by: [1, -1]) == [-1, -1, -1])
        #expect(a.multiplied(by: [1, 0, 1], transposed: true) == [6, 8])
    }

    @Test func gemmAndGramMatchHandProducts() {
        let a = Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        let b = Matrix(rowMajor: [[1, 0, 2], [0, 1, -1]])
        #expect((a * b).storage == Matrix(rowMajor: [[1, 2, 0], [3, 4, 2], [5, 6, 4]]).storage)
        #expect(Matrix.product(a, transposeA: true, a).storage == [35, 44, 44, 56])
        #expect(a.gram().storage == [35, 44, 44, 56])
        #expect(a.gram(outer: true).storage == Matrix(rowMajor: [[5, 11, 17], [11, 25, 39], [17, 39, 61]]).storage)
        var c = Matrix(rows: 2, columns: 2, repeating: 1)
        Matrix.gemm(a, transposeA: true, a, alpha: 2, beta: -1, into: &c)
        #expect(c.storage == [69, 87, 87, 111])
    }

    /// Two blocks of rows accumulated by `rankUpdate` give the Gram matrix of the stacked rows
    /// (hand products: rows (1,2), (3,4) then (5,6): AᵀA = [35 44; 44 56]).
    @Test func rankUpdateAccumulatesBlocks() {
        var c = Matrix(rows: 2, columns: 2)
        Matrix.rankUpdate(Matrix(rowMajor: [[1, 3], [2, 4]]), into: &c)        // columns are rows (1,2), (3,4)
        Matrix.rankUpdate(Matrix(rowMajor: [[5, 6]]), transposed: true, into: &c)
        #expect(c.symmetrizedFromUpper().storage == [35, 44, 44, 56])
        Matrix.rankUpdate(Matrix(rowMajor: [[1], [1]]), alpha: 2, beta: 0.5, into: &c)
        #expect(c.symmetrizedFromUpper().storage == [19.5, 24, 24, 30])
    }

    /// A = LLᵀ with L = [2 0 0; 6 1 0; −8 5 3]; A·x = (1, 2, 3) has the exact
    /// solution (343/12, −23/3, 4/3) (rational arithmetic by hand).
    @Test func choleskySolvesAKnownSystem() throws {
        let a = Matrix(rowMajor: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let cholesky = try Cholesky(a)
        #expect(cholesky.factor.storage == Matrix(rowMajor: [[2, 6, -8], [0, 1, 5], [0, 0, 3]]).storage)
        let x = cholesky.solve([1, 2, 3])
        for (computed, exact) in zip(x, [343.0 / 12, -23.0 / 3, 4.0 / 3]) {
            #expect(Accuracy.relativeError(computed, exact) < 1e-14)
        }
        // det A = (2·1·3)² = 36.
        #expect(Accuracy.relativeError(cholesky.logDeterminant, log(36.0)) < 1e-14)
    }

    @Test func choleskyRefusesAnIndefiniteMatrix() {
        let error = #expect(throws: LinearAlgebraError.self) {
            try Cholesky(Matrix(rowMajor: [[1, 2], [2, 1]]))
        }
        #expect(error?.kind == .notPositiveDefinite)
        #expect(error?.routine == "dpotrf")
        #expect(error?.info == 2)
    }

    /// The n×n second-difference matrix tridiag(−1, 2, −1) has eigenvalues
    /// 2 − 2cos(kπ/(n+1)), k = 1…n (analytic).
    @Test func symmetricEigenOfTheSecondDifferenceMatrix() throws {
        let n = 7
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n {
            a[i, i] = 2
            if i + 1 < n { a[i, i + 1] = -1; a[i + 1, i] = -1 }
        }
        let eigen = try SymmetricEigen(a)
        for k in 1...n {
            let exact = 2 - 2 * cos(Double(k) * Double.pi / Double(n + 1))
            #expect(abs(eigen.values[k - 1] - exact) < 1e-14)
        }
        // A·V = V·Λ and VᵀV = I.
        let av = a * eigen.vectors
        let vtv = Matrix.product(eigen.vectors, transposeA: true, eigen.vectors)
        for j in 0..<n {
            for i in 0..<n {
                #expect(abs(av[i, j] - eigen.vectors[i, j] * eigen.values[j]) < 1e-14)
                #expect(abs(vtv[i, j] - (i == j ? 1 : 0)) < 1e-14)
            }
        }
    }

    /// Singular values: [3 2 2; 2 3 −2] has σ = 5, 3 (analytic); a 4×3 matrix against
    /// numpy 2.4.6 `np.linalg.svd(M, compute_uv=False)`.
    @Test func singularValuesMatchReferences() throws {
        let svd = try SingularValueDecomposition(Matrix(rowMajor: [[3, 2, 2], [2, 3, -2]]))
        #expect(abs(svd.singularValues[0] - 5) < 1e-14 && abs(svd.singularValues[1] - 3) < 1e-14)
        let m = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6], [7, 8, 10], [1, 0, 1]])
        let decomposition = try SingularValueDecomposition(m)
        let numpy = [17.45089558463664, 0.9869391657365876, 0.7015656613921288]
        for (computed, reference) in zip(decomposition.singularValues, numpy) {
            #expect(Accuracy.relativeError(computed, reference) < 1e-13)
        }
        // U·diag(σ)·Vᵀ reconstructs M.
        var us = decomposition.u
        for j in 0..<us.columns {
            for i in 0..<us.rows { us[i, j] *= decomposition.singularValues[j] }
        }
        let rebuilt = us * decomposition.vt
        for (x, y) in zip(rebuilt.storage, m.storage) { #expect(abs(x - y) < 1e-13) }
        #expect(Accuracy.relativeError(decomposition.conditionNumber, numpy[0] / numpy[2]) < 1e-13)
    }

    @Test func pivotedQRReproducesTheMatrix() throws {
        let a = Matrix(rowMajor: [[1, 10, 0.5], [2, 20, 0.1], [3, 31, 0.7], [4, 39, 0.2]])
        let qr = try PivotedQR(a)
        let q = qr.thinQ()
        let rebuilt = q * qr.r
        for (position, original) in qr.permutation.enumerated() {
            for i in 0..<a.rows { #expect(abs(rebuilt[i, position] - a[i, original]) < 1e-13) }
        }
        let magnitudes = qr.diagonalMagnitudes
        #expect(magnitudes[0] >= magnitudes[1] && magnitudes[1] >= magnitudes[2])
    }

    @Test func singularTriangularSolveIsATypedError() {
        let r = Matrix(rowMajor: [[1, 2], [0, 0]])
        let error = #expect(throws: LinearAlgebraError.self) {
            try r.solveTriangular(Matrix(rows: 2, columns: 1, columnMajor: [1, 1]))
        }
        #expect(error?.kind == .singular)
        #expect(error?.info == 2)
    }
}
