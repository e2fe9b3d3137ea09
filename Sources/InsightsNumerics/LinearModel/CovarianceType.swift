/// How the covariance of regression coefficients is estimated.
public enum CovarianceType: Sendable, Equatable {
    /// `σ̂²(XᵀX)⁻¹`, assuming independent errors of equal variance. Inference uses
    /// Student's t with the residual degrees of freedom.
    case nonrobust
    /// MacKinnon & White's (1985) HC3 heteroskedasticity-consistent estimator
    /// `(XᵀX)⁻¹ Xᵀ diag(uᵢ²/(1−hᵢ)²) X (XᵀX)⁻¹`. Inference uses the normal
    /// distribution, as statsmodels does by default for robust covariances.
    case hc3
    /// Newey & West's (1987) heteroskedasticity- and autocorrelation-consistent
    /// estimator with Bartlett weights `1 − l/(L+1)` up to lag `L`, without a
    /// small-sample correction (statsmodels' `cov_type='HAC'` default). When
    /// `maxLags` is nil, `L = ⌊4(n/100)^{2/9}⌋` (Newey & West 1994's rule, as in
    /// statsmodels' `cov_hac`). Inference uses the normal distribution.
    case hac(maxLags: Int?)

    /// The automatic Newey–West lag for `n` observations: `⌊4(n/100)^{2/9}⌋`.
    public static func automaticLag(observations n: Int) -> Int {
        Int((4 * pow(Double(n) / 100, 2.0 / 9.0)).rounded(.down))
    }

    /// Whether p-values and intervals use Student's t (else the normal distribution).
    public var usesTDistribution: Bool { self == .nonrobust }

    /// The name statsmodels prints for it.
    public var name: String {
        switch self {
        case .nonrobust: "nonrobust"
        case .hc3: "HC3"
        case .hac: "HAC"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
