/// Ordinary and weighted least-squares regression with statsmodels-compatible results.
///
/// The fit goes through `LeastSquares` (pivoted QR with refinement); the
/// statistics follow statsmodels 0.15's `RegressionResults` definitions, which
/// are listed in docs/STATISTICS.md.
public enum LinearModel {
    /// Fits `y = Xβ + ε` by ordinary least squares.
    ///
    /// - Parameters:
    ///   - design: X, n×p.
    ///   - response: y, n values.
    ///   - termNames: One name per column of X.
    ///   - hasIntercept: Whether X contains a constant column; decides centred vs
    ///     uncentred R² and the model degrees of freedom.
    ///   - covariance: How to estimate the coefficient covariance.
    ///   - level: Confidence level of the intervals, in (0, 1).
    /// - Throws: `LeastSquaresError` for too few rows (n ≤ p), non-finite values or collinear columns.
    public static func ols(design: Matrix, response: [Double], termNames: [String], hasIntercept: Bool,
                           covariance: CovarianceType = .nonrobust, level: Double = 0.95)
        throws(LeastSquaresError) -> LinearModelResult {
        try wls(design: design, response: response, weights: nil, termNames: termNames,
                hasIntercept: hasIntercept, covariance: covariance, level: level)
    }

    /// Fits `y = Xβ + ε` by weighted least squares, minimising `Σ wᵢ(yᵢ − xᵢβ)²`.
    ///
    /// The problem is whitened (`√wᵢ` times each row) and fitted as OLS; R²,
    /// the log-likelihood and robust covariances use the whitened quantities, as
    /// statsmodels' `WLS` does. Residuals are reported on the original scale.
    /// - Parameter weights: Positive finite weights, or nil for OLS.
    public static func wls(design: Matrix, response: [Double], weights: [Double]?, termNames: [String],
                           hasIntercept: Bool, covariance: CovarianceType = .nonrobust, level: Double = 0.95)
        throws(LeastSquaresError) -> LinearModelResult {
        let n = design.rows, p = design.columns
        precondition(response.count == n, "response has \(response.count) values, design has \(n) rows")
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1)")
        // With n = p the fit interpolates and nothing is left to estimate uncertainty from;
        // n < p is refused by LeastSquares with its own message.
        guard n != p else { throw .noResidualDegreesOfFreedom(rows: n, columns: p) }
        var whitenedDesign = design
        var whitenedResponse = response
        if let weights {
            precondition(weights.count == n, "\(weights.count) weights for \(n) rows")
            for (i, weight) in weights.enumerated() {
                guard weight > 0 && weight.isFinite else {
                    throw .nonFinite(what: "weight (must be positive)", row: i, column: "weights")
                }
                let root = weight.squareRoot()
                whitenedResponse[i] *= root
                for j in 0..<p { whitenedDesign[i, j] *= root }
            }
        }
        let solver = try LeastSquares(design: whitenedDesign, columnNames: termNames)
        let solution = try solver.solve(whitenedResponse)
        let beta = solution.coefficients.column(0)
        let whitenedResiduals = solution.residuals.column(0)

        let residualDF = n - p
        let ssr = compensatedSumOfSquares(whitenedResiduals)
        let covarianceMatrix: Matrix
        switch covariance {
        case .nonrobust:
            let scale = ssr / Double(residualDF)
            covarianceMatrix = Matrix(rows: p, columns: p, columnMajor: solver.inverseGram().storage.map { $0 * scale })
        case .hc3:
            covarianceMatrix = SandwichCovariance.hc3(influence: solver.influence(), residuals: whitenedResiduals)
        case .hac(let maxLags):
            let lag = maxLags ?? CovarianceType.automaticLag(observations: n)
            covarianceMatrix = SandwichCovariance.hac(influence: solver.influence(), residuals: whitenedResiduals,
                                                      maxLag: lag)
        }

        let fitted = (0..<n).map { i in
            var sum = CompensatedSum()
            for j in 0..<p { sum.addProduct(design[i, j], beta[j]) }
            return sum.value
        }
        let residuals = weights == nil ? whitenedResiduals : zip(response, fitted).map { $0 - $1 }
        return LinearModelResult(
            termNames: termNames, coefficients: beta, covariance: covarianceMatrix,
            covarianceType: covariance, level: level, hasIntercept: hasIntercept,
            observationCount: n, residualDegreesOfFreedom: residualDF,
            sumOfSquaredResiduals: ssr,
            totalSumOfSquares: totalSumOfSquares(whitenedResponse, weights: weights, centred: hasIntercept),
            sumOfLogWeights: weights.map { $0.reduce(0) { $0 + log($1) } },
            residuals: residuals, fittedValues: fitted)
    }

    /// `Σ uᵢ²` with compensated summation.
    static func compensatedSumOfSquares(_ values: [Double]) -> Double {
        var sum = CompensatedSum()
        for value in values { sum.addProduct(value, value) }
        return sum.value
    }

    /// The total sum of squares of the whitened response: about its weighted mean
    /// when the model has an intercept, about zero otherwise (statsmodels'
    /// `centered_tss` / `uncentered_tss`).
    static func totalSumOfSquares(_ whitenedResponse: [Double], weights: [Double]?, centred: Bool) -> Double {
        guard centred else { return compensatedSumOfSquares(whitenedResponse) }
        let n = whitenedResponse.count
        let w = weights ?? [Double](repeating: 1, count: n)
        // Weighted mean of the original response: Σ wᵢyᵢ / Σ wᵢ, with yᵢ = whitenedᵢ/√wᵢ.
        var numerator = CompensatedSum(), denominator = CompensatedSum()
        for i in 0..<n {
            numerator.addProduct(whitenedResponse[i], w[i].squareRoot())
            denominator.add(w[i])
        }
        let mean = numerator.value / denominator.value
        var sum = CompensatedSum()
        for i in 0..<n {
            let deviation = whitenedResponse[i] - w[i].squareRoot() * mean
            sum.addProduct(deviation, deviation)
        }
        return sum.value
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
