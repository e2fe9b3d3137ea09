extension LeastSquares {
    /// The least-squares solution for k right-hand sides.
    public struct Solution: Sendable {
        /// β, p×k: column c holds the coefficients for right-hand side c.
        public let coefficients: Matrix
        /// `y − Xβ`, n×k.
        public let residuals: Matrix
        /// Refinement steps taken (0 for plain QR).
        public let refinementSteps: Int
    }

    /// Solves `min ‖Y[:, c] − X·β[:, c]‖₂` for every column `c` of `y` in one pass.
    ///
    /// - Parameters:
    ///   - y: n×k right-hand sides (k series sharing the design).
    ///   - refinement: When to refine beyond plain QR.
    /// - Throws: `LeastSquaresError` when a response value is not finite.
    /// - Complexity: O(n·p·k) for the QR solve; each refinement step adds the same again.
    public func solve(_ y: Matrix, refinement: Refinement = .automatic) throws(LeastSquaresError) -> Solution {
        let n = design.rows, p = design.columns, k = y.columns
        precondition(y.rows == n, "solve: right-hand side has \(y.rows) rows, design has \(n)")
        for c in 0..<k {
            for i in 0..<n where !y[i, c].isFinite {
                throw .nonFinite(what: "response value", row: i, column: k == 1 ? "y" : "y\(c)")
            }
        }
        var state = plainSolution(y)
        var steps = 0
        if shouldRefine(state, refinement: refinement, columns: k) {
            steps = refine(&state, b: y, c: Matrix(rows: p, columns: k))
            // Report the residuals of the coefficients actually returned, y − Xβ, each
            // correctly rounded, so an exact fit has exactly zero residuals.
            state.r = compensatedResiduals(y, x: state.x)
        }
        var beta = state.x
        for j in 0..<p {
            for c in 0..<k { beta[j, c] *= columnScale[j] }
        }
        return Solution(coefficients: beta, residuals: state.r, refinementSteps: steps)
    }

    /// Solves for a single response vector.
    public func solve(_ y: [Double], refinement: Refinement = .automatic) throws(LeastSquaresError) -> Solution {
        try solve(Matrix(rows: y.count, columns: 1, columnMajor: y), refinement: refinement)
    }

    /// `(XᵀX)⁻¹`, p×p: the unscaled covariance of β.
    ///
    /// Computed column by column as the solution of the augmented system with
    /// right-hand side `[0; −eⱼ]`, so it gets the same refinement as β.
    public func inverseGram(refinement: Refinement = .automatic) -> Matrix {
        let n = design.rows, p = design.columns
        var minusIdentity = Matrix(rows: p, columns: p)
        for j in 0..<p { minusIdentity[j, j] = -1 }
        let zero = Matrix(rows: n, columns: p)
        var state = augmentedSolve(f: zero, g: minusIdentity)
        let refine = switch refinement {
        case .always: true
        case .never: false
        case .automatic: n * p * p <= 10_000_000 || conditionNumber * conditionNumber * Double.ulpOfOne > 1e-12
        }
        if refine { _ = self.refine(&state, b: zero, c: minusIdentity) }
        var inverse = state.x
        for i in 0..<p {
            for j in 0..<p { inverse[i, j] *= columnScale[i] * columnScale[j] }
        }
        for i in 0..<p {
            for j in (i + 1)..<p {
                let mean = 0.5 * (inverse[i, j] + inverse[j, i])
                inverse[i, j] = mean
                inverse[j, i] = mean
            }
        }
        return inverse
    }

    /// The current iterate of the augmented system, in scaled coordinates.
    struct AugmentedState {
        var r: Matrix
        var x: Matrix
    }

    private func plainSolution(_ y: Matrix) -> AugmentedState {
        augmentedSolve(f: y, g: Matrix(rows: design.columns, columns: y.columns))
    }

    private func shouldRefine(_ state: AugmentedState, refinement: Refinement, columns k: Int) -> Bool {
        switch refinement {
        case .always: return true
        case .never: return false
        case .automatic:
            let n = design.rows, p = design.columns
            if n * p * max(k, 1) <= 10_000_000 { return true }
            let designNorm = scaledDesign.storage.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for c in 0..<k {
                let residualNorm = BLAS.nrm2(state.r.column(c))
                let solutionNorm = BLAS.nrm2(state.x.column(c))
                guard solutionNorm > 0 else { continue }
                let kappa = conditionNumber
                let bound = Double.ulpOfOne * (kappa + kappa * kappa * residualNorm / (designNorm * solutionNorm))
                if bound > 1e-12 { return true }
            }
            return false
        }
    }

    /// Solves `[I A; Aᵀ 0]·[r; x] = [f; g]` with `A = scaledDesign = Q·R·Pᵀ`:
    /// `Rᵀh = Pᵀg`, `d = Qᵀf`, `Pᵀx = R⁻¹(d₁ − h)`, `r = Q·[h; d₂]`.
    func augmentedSolve(f: Matrix, g: Matrix) -> AugmentedState {
        let p = design.columns, k = f.columns
        var permutedG = Matrix(rows: p, columns: k)
        for j in 0..<p {
            for c in 0..<k { permutedG[j, c] = g[qr.permutation[j], c] }
        }
        let r = qr.r
        let h: Matrix
        do { h = try r.solveTriangular(permutedG, upper: true, transposed: true) } catch {
            preconditionFailure("R of a full-rank design is nonsingular: \(error)")
        }
        var d = f
        qr.applyQ(to: &d, transpose: true)
        var rhs = Matrix(rows: p, columns: k)
        for c in 0..<k {
            for j in 0..<p { rhs[j, c] = d[j, c] - h[j, c] }
        }
        let z: Matrix
        do { z = try r.solveTriangular(rhs, upper: true) } catch {
            preconditionFailure("R of a full-rank design is nonsingular: \(error)")
        }
        var x = Matrix(rows: p, columns: k)
        for j in 0..<p {
            for c in 0..<k { x[qr.permutation[j], c] = z[j, c] }
        }
        var w = d
        for c in 0..<k {
            for j in 0..<p { w[j, c] = h[j, c] }
        }
        qr.applyQ(to: &w, transpose: false)
        return AugmentedState(r: w, x: x)
    }

    /// `b − r − A·x` (or `b − A·x` without `r`), each element computed with a
    /// compensated dot product.
    func compensatedResiduals(_ b: Matrix, x: Matrix, subtracting r: Matrix? = nil) -> Matrix {
        let n = design.rows, p = design.columns
        var residuals = Matrix(rows: n, columns: b.columns)
        scaledDesign.storage.withUnsafeBufferPointer { a in
            for col in 0..<b.columns {
                for i in 0..<n {
                    var sum = CompensatedSum()
                    sum.add(b[i, col])
                    if let r { sum.add(-r[i, col]) }
                    for j in 0..<p { sum.addProduct(-a[i + j * n], x[j, col]) }
                    residuals[i, col] = sum.value
                }
            }
        }
        return residuals
    }

    /// Refines `state` towards the solution of `r + A·x = b`, `Aᵀr = c`, computing
    /// the residuals of both equations with compensated dot products.
    /// - Returns: The number of steps taken.
    @discardableResult
    func refine(_ state: inout AugmentedState, b: Matrix, c: Matrix, maxSteps: Int = 10) -> Int {
        let n = design.rows, p = design.columns, k = b.columns
        var previousCorrection = Double.infinity
        var steps = 0
        while steps < maxSteps {
            let f = compensatedResiduals(b, x: state.x, subtracting: state.r)
            var g = Matrix(rows: p, columns: k)
            scaledDesign.storage.withUnsafeBufferPointer { a in
                for col in 0..<k {
                    for j in 0..<p {
                        var sum = CompensatedSum()
                        sum.add(c[j, col])
                        for i in 0..<n { sum.addProduct(-a[i + j * n], state.r[i, col]) }
                        g[j, col] = sum.value
                    }
                }
            }
            let correction = augmentedSolve(f: f, g: g)
            var relativeChange = 0.0
            for col in 0..<k {
                var size = 0.0, change = 0.0
                for j in 0..<p {
                    size = max(size, abs(state.x[j, col]))
                    change = max(change, abs(correction.x[j, col]))
                }
                if size > 0 { relativeChange = max(relativeChange, change / size) }
            }
            // Stop once the correction no longer shrinks: applying it may then only add noise.
            if relativeChange >= previousCorrection { break }
            for i in state.x.storage.indices { state.x.storage[i] += correction.x.storage[i] }
            for i in state.r.storage.indices { state.r.storage[i] += correction.r.storage[i] }
            steps += 1
            previousCorrection = relativeChange
            if relativeChange <= 2 * Double.ulpOfOne { break }
        }
        return steps
    }
}
