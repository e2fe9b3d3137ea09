extension LeastSquares {
    /// How each observation moves the coefficients: `W = X(XᵀX)⁻¹` and the leverages `hᵢ`.
    public struct Influence: Sendable {
        /// `X(XᵀX)⁻¹`, n×p: `β̂ − β = Wᵀε`, so every sandwich covariance is `Wᵀ·Ω·W`.
        public let weights: Matrix
        /// `hᵢ = xᵢᵀ(XᵀX)⁻¹xᵢ`, the diagonal of the hat matrix.
        public let leverages: [Double]
    }

    /// The influence matrix and leverages, computed from the factorization.
    ///
    /// With `A = X·D = Q·R·Pᵀ`: `X(XᵀX)⁻¹ = Q·R⁻ᵀ·Pᵀ·D` and `hᵢ = ‖Qᵢ‖²`. Going
    /// through the orthonormal `Q` avoids forming `(XᵀX)⁻¹·M·(XᵀX)⁻¹`, whose
    /// products cancel badly when X is ill-conditioned (Longley loses 8 digits that way).
    /// - Complexity: O(n·p²).
    public func influence() -> Influence {
        let n = design.rows, p = design.columns
        let q = qr.thinQ()
        var leverages = [Double](repeating: 0, count: n)
        for j in 0..<p {
            for i in 0..<n { leverages[i] += q[i, j] * q[i, j] }
        }
        // Z = Q·R⁻ᵀ, i.e. Zᵀ = R⁻¹·Qᵀ: one triangular solve with n right-hand sides.
        let zTransposed: Matrix
        do { zTransposed = try qr.r.solveTriangular(q.transposed(), upper: true) } catch {
            preconditionFailure("R of a full-rank design is nonsingular: \(error)")
        }
        var weights = Matrix(rows: n, columns: p)
        for (position, original) in qr.permutation.enumerated() {
            let scale = columnScale[original]
            for i in 0..<n { weights[i, original] = zTransposed[position, i] * scale }
        }
        return Influence(weights: weights, leverages: leverages)
    }
}
