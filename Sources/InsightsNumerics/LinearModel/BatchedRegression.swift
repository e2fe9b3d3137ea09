#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ordinary least squares for many series that share one design, with nonrobust and
/// heteroskedasticity-and-autocorrelation-consistent (HAC) standard errors for every series.
///
/// The design `X` (n×p) is factored once, as in ``LeastSquares``: columns scaled by
/// powers of two, then Householder QR with column pivoting, `X·D·P = Q·R`. For the k
/// series in the columns of `Y` (n×k), in blocks of series that fit in cache:
///
/// - coefficients: `β = D·P·R⁻¹·(Qᵀ·Y)`, one GEMM and one triangular solve;
/// - residuals: `U = Y − Q·(Qᵀ·Y)`, one GEMM (never stored for the whole batch);
/// - nonrobust variances: `s²·[(XᵀX)⁻¹]ⱼⱼ` with `s² = ‖u‖²/(n − p)`;
/// - HAC variances (Newey & West 1987, Bartlett weights `w_l = 1 − l/(L+1)`): with
///   `W = X·(XᵀX)⁻¹ = Q·R⁻ᵀ·Pᵀ·D`, so that `β = Wᵀ·y`,
///   `Var(βⱼ) = Σ_{l=0..L} w'_l Σ_t W_tj·W_{t−l,j}·u_t·u_{t−l}` with `w'_0 = 1`,
///   `w'_l = 2·w_l`. Because Bartlett weights are the autocorrelation of a box of width
///   L+1, this equals `Σ_τ m_τ²/(L+1)` with `m_τ` the moving sum over L+1 points of
///   `W_tj·u_t`, which costs 4 operations per point and coefficient, independent of L.
///   (One GEMM per lag of `w'_l·W_{t,j}·W_{t−l,j}` with the lagged products
///   `u_{t,k}·u_{t−l,k}` gives the same numbers with 2·(L+1) flops per point and
///   coefficient; it measured slower, see bench/README.md.)
///
/// The HAC variances equal the diagonal of `(XᵀX)⁻¹·S·(XᵀX)⁻¹` with
/// `S = Σ_{l=−L..L} w_|l| Σ_t ψ_t·ψ_{t−l}ᵀ`, `ψ_t = x_t·u_t`, without any small-sample
/// correction: the convention of statsmodels' `OLS(y, X).fit(cov_type='HAC',
/// cov_kwds={'maxlags': L})` (`statsmodels.stats.sandwich_covariance.cov_hac_simple`
/// with `use_correction=False`).
///
/// Sources: W. K. Newey and K. D. West, "A Simple, Positive Semi-Definite,
/// Heteroskedasticity and Autocorrelation Consistent Covariance Matrix",
/// *Econometrica* 55(3), 1987, 703–708; the statsmodels documentation of
/// `RegressionResults.get_robustcov_results` and `sandwich_covariance.S_hac_simple`.
public struct BatchedRegression: Sendable {
    /// The factored design, which also validates it (finite, full column rank).
    let leastSquares: LeastSquares
    /// Thin Q of the scaled, pivoted design, n×p.
    let q: Matrix
    /// The triangular factor R, p×p.
    let r: Matrix
    /// `X·(XᵀX)⁻¹` in pivoted order: column j belongs to design column `permutation[j]`, n×p.
    let hatWeights: Matrix
    /// `[(XᵀX)⁻¹]ⱼⱼ` in pivoted order.
    let inverseGramDiagonal: [Double]

    /// Factors `design` once for any number of batches of series.
    ///
    /// - Parameters:
    ///   - design: The n×p design matrix, n > p, all finite, full column rank.
    ///   - columnNames: Names for errors; defaults to `x0, x1, …`.
    /// - Throws: `LeastSquaresError` when n ≤ p, an element is not finite, or columns
    ///   are exactly collinear (naming them).
    /// - Complexity: O(n·p²).
    public init(design: Matrix, columnNames: [String]? = nil) throws(LeastSquaresError) {
        let leastSquares = try LeastSquares(design: design, columnNames: columnNames)
        let n = design.rows, p = design.columns
        guard n > p else { throw .noResidualDegreesOfFreedom(rows: n, columns: p) }
        let qr = leastSquares.qr
        let q = qr.thinQ()
        let r = qr.r
        let rInverse: Matrix
        do { rInverse = try r.solveTriangular(.identity(p), upper: true) } catch {
            preconditionFailure("R of a full-rank design is nonsingular: \(error)")
        }
        // W = Q·R⁻ᵀ in scaled coordinates; column j is then scaled like coefficient j.
        var weights = Matrix.product(q, rInverse, transposeB: true)
        var diagonal = [Double](repeating: 0, count: p)
        for j in 0..<p {
            let scale = leastSquares.columnScale[qr.permutation[j]]
            weights.storage.withUnsafeMutableBufferPointer { w in
                var sum = 0.0
                for t in (j * n)..<((j + 1) * n) {
                    w[t] *= scale
                    sum += w[t] * w[t]
                }
                diagonal[j] = sum
            }
        }
        self.leastSquares = leastSquares
        self.q = q
        self.r = r
        self.hatWeights = weights
        self.inverseGramDiagonal = diagonal
    }

    /// Rows of the design.
    public var observationCount: Int { leastSquares.observationCount }
    /// Columns of the design.
    public var parameterCount: Int { leastSquares.parameterCount }


    /// Fits every column of `y` and computes its standard errors.
    ///
    /// - Parameters:
    ///   - y: n×k responses, one series per column, all finite.
    ///   - hacLags: The Newey–West truncation lag L ≥ 0; `nil` uses ``CovarianceType/automaticLag(observations:)``.
    /// - Returns: Coefficients and standard errors, p×k, and residual standard deviations.
    /// - Throws: `LeastSquaresError` when a response value is not finite (naming its row and series).
    /// - Complexity: `4·p·n·k` flops in GEMM plus about `4·p·n·k` elementwise operations for
    ///   the HAC moving sums; memory traffic is one pass over `y`. Series are processed in blocks
    ///   of 32 by one Swift worker per core, with OpenBLAS single-threaded meanwhile.
    public func fit(_ y: Matrix, hacLags: Int? = nil) throws(LeastSquaresError) -> BatchedFit {
        try run(y, hacLags: hacLags, tuning: .default, measure: false).0
    }

    /// The full HAC covariance matrix (p×p) of one series' coefficients, in the same convention as ``fit(_:hacLags:)``.
    ///
    /// Slower per series than the batched diagonal: it forms `Ψ = W⊙u` (n×p) and one
    /// p×p GEMM per lag.
    /// - Throws: `LeastSquaresError` when a response value is not finite.
    public func hacCovariance(_ y: [Double], hacLags: Int? = nil) throws(LeastSquaresError) -> Matrix {
        let n = observationCount, p = parameterCount
        precondition(y.count == n, "hacCovariance: series has \(y.count) values, design has \(n) rows")
        if let row = y.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(what: "response value", row: row, column: "y")
        }
        let lags = hacLags ?? CovarianceType.automaticLag(observations: n)
        precondition(lags >= 0, "HAC lag count must be non-negative")
        var residuals = y
        let c = q.multiplied(by: y, transposed: true)
        q.gemv(c, alpha: -1, beta: 1, into: &residuals)
        // Ψ in pivoted order, then covariance in pivoted order.
        var psi = hatWeights
        for j in 0..<p {
            for t in 0..<n { psi.storage[t + j * n] *= residuals[t] }
        }
        var pivoted = psi.gram()
        // Lags beyond n − 1 have no pairs of observations and contribute nothing.
        for lag in stride(from: 1, through: min(lags, n - 1), by: 1) {
            let weight = 1 - Double(lag) / Double(lags + 1)
            let rows = n - lag
            var leading = Matrix(rows: rows, columns: p)
            var trailing = Matrix(rows: rows, columns: p)
            for j in 0..<p {
                for s in 0..<rows {
                    leading[s, j] = psi[s + lag, j]
                    trailing[s, j] = psi[s, j]
                }
            }
            let cross = Matrix.product(leading, transposeA: true, trailing)
            for i in 0..<p {
                for j in 0..<p { pivoted[i, j] += weight * (cross[i, j] + cross[j, i]) }
            }
        }
        let permutation = leastSquares.qr.permutation
        var covariance = Matrix(rows: p, columns: p)
        for i in 0..<p {
            for j in 0..<p { covariance[permutation[i], permutation[j]] = pivoted[i, j] }
        }
        return covariance
    }
}

/// The result of ``BatchedRegression/fit(_:hacLags:)`` for k series.
public struct BatchedFit: Sendable {
    /// β, p×k: column c holds the coefficients of series c, rows in design-column order.
    public let coefficients: Matrix
    /// `√(‖u‖²/(n − p))` for each series.
    public let residualStandardDeviation: [Double]
    /// Classical standard errors `s·√[(XᵀX)⁻¹]ⱼⱼ`, p×k.
    public let standardErrors: Matrix
    /// Newey–West HAC standard errors with Bartlett weights, no small-sample correction, p×k.
    public let hacStandardErrors: Matrix
    /// The truncation lag L used for the HAC standard errors.
    public let hacLags: Int
}
