/// Sandwich estimators of a coefficient covariance, `Wᵀ·Ω̂·W` with the influence
/// matrix `W = X(XᵀX)⁻¹` — algebraically `(XᵀX)⁻¹·XᵀΩ̂X·(XᵀX)⁻¹`, but computed from
/// the influence scores `ψₜ = Wₜuₜ` so no ill-conditioned product is formed.
///
/// Sources: White (1980); MacKinnon & White (1985) for HC3; Newey & West (1987)
/// for the Bartlett-weighted HAC; conventions as statsmodels 0.15
/// `sandwich_covariance.cov_hc3` and `cov_hac_simple(use_correction=False)`.
enum SandwichCovariance {
    /// The HC3 covariance: `Σₜ ψₜψₜᵀ` with `ψₜ = Wₜ·uₜ/(1 − hₜ)`.
    static func hc3(influence: LeastSquares.Influence, residuals: [Double]) -> Matrix {
        var scores = influence.weights
        for i in 0..<scores.rows {
            let scale = residuals[i] / (1 - influence.leverages[i])
            for j in 0..<scores.columns { scores[i, j] *= scale }
        }
        return scores.gram()
    }

    /// The Newey–West HAC covariance with Bartlett weights `1 − l/(L+1)` up to lag `L`:
    /// `Γ₀ + Σₗ wₗ(Γₗ + Γₗᵀ)` with `Γₗ = Σ_{t≥l} ψₜψₜ₋ₗᵀ`, `ψₜ = Wₜ·uₜ`.
    static func hac(influence: LeastSquares.Influence, residuals: [Double], maxLag: Int) -> Matrix {
        var scores = influence.weights
        let n = scores.rows, p = scores.columns
        for i in 0..<n {
            for j in 0..<p { scores[i, j] *= residuals[i] }
        }
        var covariance = scores.gram()
        for lag in stride(from: 1, through: min(maxLag, n - 1), by: 1) {
            let weight = 1 - Double(lag) / Double(maxLag + 1)
            for a in 0..<p {
                for b in 0..<p {
                    var sum = 0.0
                    for t in lag..<n { sum += scores[t, a] * scores[t - lag, b] }
                    // Γₗ[a, b] contributes to [a, b] and, transposed, to [b, a].
                    covariance[a, b] += weight * sum
                    covariance[b, a] += weight * sum
                }
            }
        }
        return covariance
    }
}
