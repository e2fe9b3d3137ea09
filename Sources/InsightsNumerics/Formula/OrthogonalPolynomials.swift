/// Orthogonal polynomials on a set of points, as R's `stats::poly(x, degree)` makes them.
///
/// R centres `x` at its mean, takes the QR decomposition of the Vandermonde matrix
/// `[1, x, x², …, x^d]` and scales `Q·diag(R)` to unit column norms. Column `j` of
/// `Q·diag(R)` is the part of `x^j` orthogonal to all lower powers, which is the monic
/// polynomial of degree `j` orthogonal on the points; it does not depend on the sign
/// conventions of the QR. Those monic polynomials satisfy the three-term recurrence
///
///     p₀ = 1,  p₁ = (x − α₀)·p₀,  p_{j+1} = (x − α_j)·p_j − (‖p_j‖² / ‖p_{j−1}‖²)·p_{j−1},
///     α_j = Σ x·p_j² / ‖p_j‖²,
///
/// the discretised Stieltjes procedure (Gautschi, *Orthogonal Polynomials: Computation and
/// Approximation*, 2004; R's `?poly` cites Kennedy & Gentle, *Statistical Computing*,
/// 1980), which is also how R's `predict.poly` rebuilds the basis from the `alpha` and
/// `norm2` it returns. We run it
/// on the centred points and return `p_j / ‖p_j‖` for `j = 1…d`, so no QR is needed.
struct OrthogonalPolynomials: Sendable {
    /// Columns `1…degree` of the basis, each of unit Euclidean norm.
    let columns: [[Double]]
    /// R's `attr(, "coefs")$alpha`: the recurrence's α_j for `j = 0…d−1`, uncentred.
    let alpha: [Double]
    /// R's `attr(, "coefs")$norm2`: `1`, then ‖p_j‖² for `j = 0…d`.
    let norm2: [Double]

    /// Builds the basis.
    ///
    /// - Precondition: `degree` is at least 1 and less than the number of distinct
    ///   values of `x`, which are finite (R raises an error otherwise; the formula
    ///   builder checks first).
    /// - Complexity: O(n · degree).
    init(_ x: [Double], degree: Int) {
        precondition(degree >= 1 && degree < Set(x).count, "poly degree must be in 1..<unique points")
        let n = x.count
        let mean = compensatedSum(x) / Double(n)
        // A second pass removes the rounding error of the first mean, as R's mean() does.
        let centre = mean + compensatedSum(x.map { $0 - mean }) / Double(n)
        let centred = x.map { $0 - centre }

        var previous = [Double](repeating: 0, count: n)
        var current = [Double](repeating: 1, count: n)
        var norms = [1, Double(n)]
        var alphas: [Double] = []
        var columns: [[Double]] = []
        for j in 0..<degree {
            let norm = norms[j + 1]
            let a = compensatedSum((0..<n).map { centred[$0] * current[$0] * current[$0] }) / norm
            let b = j == 0 ? 0 : norm / norms[j]
            let next = (0..<n).map { (centred[$0] - a) * current[$0] - b * previous[$0] }
            let nextNorm = compensatedSum(next.map { $0 * $0 })
            alphas.append(a + centre)
            norms.append(nextNorm)
            let scale = 1 / nextNorm.squareRoot()
            columns.append(next.map { $0 * scale })
            (previous, current) = (current, next)
        }
        self.columns = columns
        self.alpha = alphas
        self.norm2 = norms
    }
}

/// Neumaier's compensated sum (Neumaier 1974), exact to within a few ulps of the result.
func compensatedSum(_ values: [Double]) -> Double {
    var sum = 0.0
    var compensation = 0.0
    for value in values {
        let t = sum + value
        if Swift.abs(sum) >= Swift.abs(value) {
            compensation += (sum - t) + value
        } else {
            compensation += (value - t) + sum
        }
        sum = t
    }
    return sum + compensation
}
