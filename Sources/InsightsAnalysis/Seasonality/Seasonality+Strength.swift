import InsightsNumerics

extension Seasonality {
    /// The strength of seasonality of a decomposition, *F_s* = max(0, 1 − Var(*R*) / Var(*S* + *R*)).
    ///
    /// Method: X. Wang, K. Smith and R. Hyndman, "Characteristic-based clustering for time
    /// series data", *Data Mining and Knowledge Discovery* 13 (2006), 335–364, §3.1 (as used by
    /// Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §4.3). Near 0
    /// the seasonal component explains nothing beyond the residual; near 1 it dominates.
    ///
    /// - Parameters:
    ///   - seasonal: The seasonal component *S* (with several, their sum).
    ///   - residual: The residual *R*, the same length.
    /// - Returns: *F_s* in [0, 1]; NaN when a value is NaN or *S* + *R* is constant.
    /// - Complexity: O(*n*).
    public static func seasonalStrength(seasonal: [Double], residual: [Double]) -> Double {
        precondition(seasonal.count == residual.count,
                     "seasonal has \(seasonal.count) values, residual \(residual.count)")
        let combined = zip(seasonal, residual).map { $0 + $1 }
        let ratio = Statistics.variance(residual) / Statistics.variance(combined)
        return ratio.isNaN ? .nan : max(0, 1 - ratio)
    }

    /// *F_s* of an STL decomposition (see ``seasonalStrength(seasonal:residual:)``).
    public static func seasonalStrength(of decomposition: Decomposition) -> Double {
        seasonalStrength(seasonal: decomposition.seasonal, residual: decomposition.residual)
    }

    /// *F_s* of each seasonal component of an MSTL decomposition, in the order of its periods.
    public static func seasonalStrengths(of decomposition: MultipleDecomposition) -> [Double] {
        decomposition.seasonals.map { seasonalStrength(seasonal: $0, residual: decomposition.residual) }
    }
}
