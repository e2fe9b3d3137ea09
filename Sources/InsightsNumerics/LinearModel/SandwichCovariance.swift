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
    ///
    /// Computed as `MᵀM/(L+1)` (one `dsyrk`), where row τ of M is the moving sum
    /// `m_τ = Σ_{i=0..L} ψ_{τ−i}` (zero outside the sample), τ = 0 … n+L−1: Bartlett
    /// weights are the autocorrelation of a box of width L+1, so each pair (t, s)
    /// appears in L+1−|t−s| windows, exactly the weight it needs. O(n·p) for the sums
    /// and O(n·p²) for the product, whatever L; the sums are recomputed from scratch
    /// every max(256, L+1) steps so rounding cannot drift along a long series.
    static func hac(influence: LeastSquares.Influence, residuals: [Double], maxLag: Int) -> Matrix {
        let n = influence.weights.rows, p = influence.weights.columns
        let span = maxLag + 1
        // Windows τ = 0 … n+L−1. When L+1 > n, the windows τ = n−1 … L all hold the whole
        // sample: one row stands for those L−n+2 equal rows, scaled by √(L−n+2), so the
        // work stays O(n·p²) however large L is.
        let plateau = max(0, span - n + 1)
        let rows = plateau > 0 ? 2 * n - 1 : n + maxLag
        let refresh = max(256, min(span, n))
        var sums = Matrix(rows: rows, columns: p)
        let weights = influence.weights
        for j in 0..<p {
            func score(_ t: Int) -> Double { weights[t, j] * residuals[t] }
            var sum = 0.0
            for row in 0..<rows {
                // The window of this row ends at τ (the plateau row stands at τ = n − 1).
                let tau = plateau > 0 && row >= n ? row + plateau - 1 : row
                if row % refresh == 0 || (plateau > 0 && row == n) {
                    sum = 0
                    for t in max(0, tau - maxLag)...min(tau, n - 1) { sum += score(t) }
                } else {
                    if tau < n { sum += score(tau) }
                    if tau - span >= 0 && tau - span < n { sum -= score(tau - span) }
                }
                sums[row, j] = plateau > 0 && row == n - 1 ? sum * Double(plateau).squareRoot() : sum
            }
        }
        return sums.gram(alpha: 1 / Double(span))
    }
}
