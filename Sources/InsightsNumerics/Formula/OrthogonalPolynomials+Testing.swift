/// White-box access to ``OrthogonalPolynomials`` for the reference tests; not API.
package enum OrthogonalPolynomialsTesting {
    /// The basis columns and R's `coefs` (`alpha`, `norm2`) for `poly(x, degree)`.
    package static func basis(_ x: [Double], degree: Int)
        -> (columns: [[Double]], alpha: [Double], norm2: [Double]) {
        let basis = OrthogonalPolynomials(x, degree: degree)
        return (basis.columns, basis.alpha, basis.norm2)
    }
}
