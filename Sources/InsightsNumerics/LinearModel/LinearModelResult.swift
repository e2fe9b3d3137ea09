/// A fitted linear model: coefficients with inference and goodness-of-fit statistics.
///
/// Every statistic follows statsmodels 0.15's `RegressionResults` definition
/// (listed with formulas in docs/STATISTICS.md).
public struct LinearModelResult: Sendable {
    /// One inference row per design column.
    public struct Coefficient: Sendable {
        public let term: String
        public let estimate: Double
        public let standardError: Double
        /// `estimate / standardError` (t or z, see `usesTDistribution`).
        public let statistic: Double
        /// Two-sided p-value of `estimate = 0`.
        public let pValue: Double
        public let confidenceLow: Double
        public let confidenceHigh: Double
    }

    public let termNames: [String]
    public let coefficients: [Double]
    /// The estimated covariance of the coefficients, p×p.
    public let covariance: Matrix
    public let covarianceType: CovarianceType
    /// The confidence level of the intervals, in (0, 1).
    public let level: Double
    public let hasIntercept: Bool
    /// n.
    public let observationCount: Int
    /// n − p.
    public let residualDegreesOfFreedom: Int
    /// `Σ wᵢuᵢ²` (plain `Σ uᵢ²` for OLS).
    public let sumOfSquaredResiduals: Double
    /// Centred (with intercept) or uncentred total sum of squares.
    public let totalSumOfSquares: Double
    /// `Σ log wᵢ`, nil for an unweighted (OLS) fit.
    let sumOfLogWeights: Double?
    /// `y − Xβ` on the original scale.
    public let residuals: [Double]
    /// `Xβ`.
    public let fittedValues: [Double]

    /// Whether the fit was weighted (WLS) rather than ordinary (OLS).
    public var isWeighted: Bool { sumOfLogWeights != nil }

    /// p − 1 with an intercept, p without.
    public var modelDegreesOfFreedom: Int { coefficients.count - (hasIntercept ? 1 : 0) }

    /// Whether inference uses Student's t with `residualDegreesOfFreedom` (else the normal).
    public var usesTDistribution: Bool { covarianceType.usesTDistribution }

    /// `1 − SSR/TSS` (uncentred TSS without an intercept, as in R and NIST).
    public var rSquared: Double { 1 - sumOfSquaredResiduals / totalSumOfSquares }

    /// `1 − (n − k₀)/(n − p)·(1 − R²)`, k₀ = 1 with an intercept, else 0.
    public var adjustedRSquared: Double {
        let constant = hasIntercept ? 1.0 : 0.0
        return 1 - (Double(observationCount) - constant) / Double(residualDegreesOfFreedom) * (1 - rSquared)
    }

    /// `√(SSR/(n − p))`.
    public var residualStandardDeviation: Double {
        (sumOfSquaredResiduals / Double(residualDegreesOfFreedom)).squareRoot()
    }

    /// The Gaussian log-likelihood at the maximum:
    /// `−n/2·(log 2π + log(SSR/n) + 1) + ½Σ log wᵢ`.
    public var logLikelihood: Double {
        let n = Double(observationCount)
        return -n / 2 * (log(2 * Double.pi) + log(sumOfSquaredResiduals / n) + 1) + (sumOfLogWeights ?? 0) / 2
    }

    /// `−2ℓ + 2p`.
    public var aic: Double { -2 * logLikelihood + 2 * Double(coefficients.count) }

    /// `−2ℓ + p·log n`.
    public var bic: Double { -2 * logLikelihood + log(Double(observationCount)) * Double(coefficients.count) }

    /// The reference distribution of the coefficient statistics.
    private var referenceDistribution: any ContinuousDistribution {
        usesTDistribution ? StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom)) : Normal()
    }

    /// Inference for each coefficient.
    public var coefficientTable: [Coefficient] {
        let distribution = referenceDistribution
        let critical = distribution.inverseSurvival((1 - level) / 2)
        return coefficients.indices.map { j in
            let estimate = coefficients[j]
            let se = covariance[j, j].squareRoot()
            let statistic = estimate / se
            let p = statistic.isNaN ? Double.nan : 2 * distribution.survival(abs(statistic))
            return Coefficient(term: termNames[j], estimate: estimate, standardError: se, statistic: statistic,
                               pValue: p, confidenceLow: estimate - critical * se,
                               confidenceHigh: estimate + critical * se)
        }
    }

    /// The F statistic of "all coefficients but the intercept are zero", with its p-value.
    ///
    /// Nonrobust: `(ESS/df_model)/(SSR/df_resid)`. Robust covariances: the Wald
    /// statistic `(Rβ)ᵀ(RVRᵀ)⁻¹(Rβ)/q` with R selecting the non-intercept terms,
    /// as statsmodels computes `fvalue` for them. The p-value uses F(q, n − p).
    public var fTest: (statistic: Double, pValue: Double) {
        let q = modelDegreesOfFreedom
        guard q > 0, residualDegreesOfFreedom > 0 else { return (.nan, .nan) }
        let statistic: Double
        if covarianceType == .nonrobust {
            let explained = totalSumOfSquares - sumOfSquaredResiduals
            statistic = (explained / Double(q)) / (sumOfSquaredResiduals / Double(residualDegreesOfFreedom))
        } else {
            let tested = Array((hasIntercept ? 1 : 0)..<coefficients.count)
            let restricted = covariance.selectingColumns(tested).transposed().selectingColumns(tested)
            let estimates = tested.map { coefficients[$0] }
            guard let cholesky = try? Cholesky(restricted) else { return (.nan, .nan) }
            let solved = cholesky.solve(estimates)
            statistic = zip(estimates, solved).reduce(0) { $0 + $1.0 * $1.1 } / Double(q)
        }
        let f = FDistribution(numeratorDegreesOfFreedom: Double(q),
                              denominatorDegreesOfFreedom: Double(residualDegreesOfFreedom))
        return (statistic, statistic.isNaN ? .nan : f.survival(statistic))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
