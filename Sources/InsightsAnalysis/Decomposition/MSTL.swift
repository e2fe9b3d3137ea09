/// Multiple seasonal-trend decomposition by LOESS (MSTL): a trend, one seasonal component per
/// period, and a residual.
///
/// Method: K. Bandara, R. J. Hyndman and C. Bergmeir, "MSTL: A Seasonal-Trend Decomposition
/// Algorithm for Time Series with Multiple Seasonal Patterns", *International Journal of
/// Operational Research* (2021), arXiv:2107.13462, Algorithm 1. The periods are taken in
/// increasing order; in each of `iterations` rounds every seasonal component is re-estimated by
/// an STL of its period on the series with the other components removed. The trend and weights
/// are those of the last STL fit, and the residual is the series minus the trend and every
/// seasonal. This is statsmodels' `MSTL(x, periods=…, lmbda=None)`: no Box–Cox transform,
/// seasonal spans 7 + 4·*i* for the *i*-th period (11, 15, …) unless given, periods of at
/// least half the series length dropped, one round when there is a single period, and the STL
/// settings (`stl_kwargs`) non-robust by default.
public struct MSTL: Sendable, Hashable {
    /// The periods requested, ascending, each with its seasonal span.
    public let periods: [Int]
    /// The seasonal spans, paired with `periods`.
    public let windows: [Int]
    /// Rounds over all periods (1 when there is only one period).
    public let iterations: Int
    /// Settings applied to every STL fit (statsmodels' `stl_kwargs`).
    public let options: STL.Options

    /// An MSTL with statsmodels' defaults.
    ///
    /// - Parameters:
    ///   - periods: The seasonal periods, each ≥ 2, in any order; they are sorted.
    ///   - windows: Seasonal spans, one per period (paired before sorting); nil for 7 + 4·*i*
    ///     (*i* = 1, 2, … in increasing period order).
    ///   - iterations: Rounds over the periods, ≥ 1; 2 by default.
    ///   - options: The other STL settings; statsmodels' defaults (not robust) by default.
    /// - Throws: `DecompositionError` of kind `.invalidParameter` for an empty or mismatched
    ///   list, fewer than one iteration, or STL settings out of range.
    public init(periods: [Int], windows: [Int]? = nil, iterations: Int = 2,
                options: STL.Options = STL.Options()) throws(DecompositionError) {
        guard !periods.isEmpty else {
            throw .invalidParameter("periods count", 0, requirement: "at least one period is needed")
        }
        guard iterations >= 1 else {
            throw .invalidParameter("iterate", iterations, requirement: "must be at least 1")
        }
        let pairs: [(period: Int, window: Int)]
        if let windows {
            guard windows.count == periods.count else {
                throw .invalidParameter("windows count", windows.count,
                                        requirement: "must equal the number of periods, \(periods.count)")
            }
            pairs = zip(periods, windows).map { ($0, $1) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        } else {
            pairs = periods.sorted().enumerated().map { ($1, 7 + 4 * ($0 + 1)) }
        }
        for pair in pairs {  // Validates every period and span with the shared options.
            _ = try STL(period: pair.period, seasonal: pair.window, options: options)
        }
        self.periods = pairs.map(\.period)
        self.windows = pairs.map(\.window)
        self.iterations = iterations
        self.options = options
    }

    /// Decomposes `y` into a trend, one seasonal per period and a residual.
    ///
    /// Periods of at least half of `y.count` are left out, as statsmodels does;
    /// `MultipleDecomposition.periods` lists those used.
    ///
    /// - Parameter y: The series, oldest first, evenly spaced, without NaN.
    /// - Returns: The decomposition.
    /// - Throws: `DecompositionError` of kind `.missingValues` for a NaN in `y`, `.tooShort`
    ///   when every period is at least half the series.
    /// - Complexity: `iterations` × (number of periods) STL fits.
    public func decompose(_ y: [Double]) throws(DecompositionError) -> MultipleDecomposition {
        let kept = zip(periods, windows).filter { 2 * $0.0 < y.count }
        guard !kept.isEmpty else { throw .tooShort(count: y.count, period: periods[0]) }
        try STL.validate(y, period: kept[0].0)
        let rounds = kept.count == 1 ? 1 : iterations
        var seasonals = [[Double]](repeating: [Double](repeating: 0, count: y.count), count: kept.count)
        var deseasonalised = y
        var last: Decomposition?
        for _ in 0..<rounds {
            for (index, (period, window)) in kept.enumerated() {
                for t in 0..<y.count { deseasonalised[t] += seasonals[index][t] }
                let fit = try STL(period: period, seasonal: window, options: options).decompose(deseasonalised)
                seasonals[index] = fit.seasonal
                for t in 0..<y.count { deseasonalised[t] -= fit.seasonal[t] }
                last = fit
            }
        }
        guard let last else { preconditionFailure("MSTL ran no STL fit") }
        var residual = deseasonalised
        for t in 0..<y.count { residual[t] -= last.trend[t] }
        return MultipleDecomposition(periods: kept.map(\.0), trend: last.trend, seasonals: seasonals,
                                     residual: residual, weights: last.weights)
    }
}
