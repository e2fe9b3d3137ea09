/// An additive decomposition *observed = trend + seasonal + residual*, as STL returns it.
public struct Decomposition: Sendable, Hashable {
    /// The smooth long-run level.
    public let trend: [Double]
    /// The seasonal component (sums to about zero over each cycle).
    public let seasonal: [Double]
    /// `observed − trend − seasonal`.
    public let residual: [Double]
    /// The final robustness weights in [0, 1]; all 1 without robustness passes.
    public let weights: [Double]
}

/// An additive decomposition with several seasonal components, as MSTL returns it:
/// *observed = trend + Σ seasonals + residual*.
public struct MultipleDecomposition: Sendable, Hashable {
    /// The periods decomposed, ascending; `seasonals[i]` belongs to `periods[i]`.
    public let periods: [Int]
    /// The trend of the last STL fit (the longest period's, in the last iteration).
    public let trend: [Double]
    /// One seasonal component per period.
    public let seasonals: [[Double]]
    /// `observed − trend − Σ seasonals`.
    public let residual: [Double]
    /// The robustness weights of the last STL fit.
    public let weights: [Double]
}
