import InsightsNumerics

/// Anomalies across related series: how badly each time point fits the correlation
/// structure of the group, and which series broke it.
///
/// Each column is standardised robustly (median, normal-consistent MAD); the covariance
/// C = ZᵀZ / (n − 1) comes from one `dsyrk`, its eigen-decomposition from `dsyevd`. The
/// leading components explaining `explained` of the variance (at most k − 1) span the
/// "normal" subspace; the score at t is the squared prediction error
/// SPE_t = ‖z_t − VVᵀz_t‖² (the Q statistic of Jackson & Mudholkar 1979), divided by its
/// median over the window so 1 is typical. One reweighting pass refits C without the 5 %
/// of rows with the largest SPE, so the anomalies do not define normal. A series' share of
/// SPE_t (its squared residual over the sum) says how much it drove the score.
public struct PCAResidualDetector: Sendable {
    public var explained: Double

    public init(explained: Double = 0.9) {
        self.explained = explained
    }

    public struct Result: Sendable, Equatable {
        /// Per time point: SPE / median SPE.
        public let score: [Double]
        /// n × k: each series' share of the point's SPE (rows sum to 1 where SPE > 0).
        public let contributions: Matrix
        /// Components kept.
        public let components: Int
    }

    /// Scores the rows of `series` (n × k, one column per series, no NaN; interpolate first).
    public func score(_ series: Matrix) throws(LinearAlgebraError) -> Result {
        let n = series.rows, k = series.columns
        precondition(n >= 3 && k >= 2, "need at least 3 rows and 2 series")
        var z = series
        for j in 0..<k {
            let (center, scale) = Robust.location(series.column(j))
            for i in 0..<n { z[i, j] = (series[i, j] - center) / scale }
        }
        var keep = [Bool](repeating: true, count: n)
        var basis = Matrix(rows: k, columns: 0)
        var spe = [Double](repeating: 0, count: n)
        var residual = Matrix(rows: n, columns: k)
        for pass in 0..<2 {
            let rows = (0..<n).filter { keep[$0] }
            var fitRows = Matrix(rows: rows.count, columns: k)
            for (r, i) in rows.enumerated() { for j in 0..<k { fitRows[r, j] = z[i, j] } }
            let covariance = fitRows.gram(alpha: 1 / Double(max(1, rows.count - 1)))
            let eigen = try SymmetricEigen(covariance)
            let total = eigen.values.reduce(0) { $0 + max($1, 0) }
            var kept = 0, cumulative = 0.0
            for value in eigen.values.reversed() where kept < k - 1 && (cumulative < explained * total || kept == 0) {
                cumulative += max(value, 0)
                kept += 1
            }
            basis = eigen.vectors.selectingColumns(Array((k - kept)..<k))
            // Residuals: Z − (Z V) Vᵀ, two GEMMs.
            let projected = Matrix.product(Matrix.product(z, basis), basis.transposed())
            for i in 0..<n {
                var sum = 0.0
                for j in 0..<k {
                    let e = z[i, j] - projected[i, j]
                    residual[i, j] = e
                    sum += e * e
                }
                spe[i] = sum
            }
            if pass == 0 {
                let cut = spe.sorted()[Int(0.95 * Double(n - 1))]
                keep = spe.map { $0 <= cut }
            }
        }
        let typical = max(Robust.median(sorted: spe.sorted()), 1e-12)
        var contributions = Matrix(rows: n, columns: k)
        for i in 0..<n where spe[i] > 0 {
            for j in 0..<k { contributions[i, j] = residual[i, j] * residual[i, j] / spe[i] }
        }
        return Result(score: spe.map { $0 / typical }, contributions: contributions, components: basis.columns)
    }
}
