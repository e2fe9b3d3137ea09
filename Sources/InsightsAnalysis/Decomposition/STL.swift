/// Seasonal-trend decomposition by LOESS (STL): *y = trend + seasonal + residual*, with
/// optional robustness weights that shrink the influence of outliers.
///
/// Method: R. B. Cleveland, W. S. Cleveland, J. E. McRae and I. Terpenning, "STL: A
/// Seasonal-Trend Decomposition Procedure Based on Loess", *Journal of Official Statistics*
/// 6(1) (1990), 3–73. Each inner pass detrends the series, smooths every cycle-subseries
/// (all Januaries, …) with a LOESS of span `seasonal` extended one period at each end, removes
/// the low-frequency part of that seasonal (moving averages of length period, period, 3, then a
/// LOESS of span `lowPass`), and smooths the deseasonalised series with a LOESS of span `trend`.
/// Each outer pass then sets robustness weights *ρᵢ* = B(|*Rᵢ*| / (6 · median |*R*|)) with the
/// bisquare B(*u*) = (1 − *u*²)², used by the seasonal and trend smoothers of later passes. The
/// parameters, defaults and results are those of statsmodels' `statsmodels.tsa.seasonal.STL`
/// (which follows the authors' Fortran, with the median of the robustness step computed
/// correctly); agreement is measured in `docs/STATISTICS.md`.
///
/// ```swift
/// let stl = try STL(period: 12, robust: true)
/// let parts = try stl.decompose(monthlyValues)
/// ```
public struct STL: Sendable, Hashable {
    /// The settings other than period and seasonal span: statsmodels' `STL` keyword arguments
    /// plus `fit`'s iteration counts. MSTL applies one `Options` to each of its STL fits.
    public struct Options: Sendable, Hashable {
        /// Span of the trend smoother (odd, ≥ 3, > period); nil for the default, the smallest
        /// odd integer ≥ 1.5 · period / (1 − 1.5 / seasonal).
        public var trend: Int?
        /// Span of the low-pass LOESS (odd, ≥ 3, > period); nil for the default, the smallest
        /// odd integer > period.
        public var lowPass: Int?
        /// Degree of the seasonal LOESS: 0 (local constant) or 1 (local line, the default).
        public var seasonalDegree: Int
        /// Degree of the trend LOESS: 0 or 1 (the default).
        public var trendDegree: Int
        /// Degree of the low-pass LOESS: 0 or 1 (the default).
        public var lowPassDegree: Int
        /// Whether the defaults for the iteration counts are the robust ones (inner 2, outer
        /// 15) or not (inner 5, outer 0). As in statsmodels this only chooses defaults: the
        /// fit is robust whenever `outerIterations` > 0.
        public var robust: Bool
        /// Evaluate the seasonal LOESS every `seasonalJump` points and interpolate (≥ 1; 1 by default).
        public var seasonalJump: Int
        /// Evaluate the trend LOESS every `trendJump` points and interpolate (≥ 1; 1 by default).
        public var trendJump: Int
        /// Evaluate the low-pass LOESS every `lowPassJump` points and interpolate (≥ 1; 1 by default).
        public var lowPassJump: Int
        /// Inner passes per outer pass (≥ 1); nil for 2 when robust, else 5.
        public var innerIterations: Int?
        /// Robustness passes (≥ 0); nil for 15 when robust, else 0.
        public var outerIterations: Int?
        /// When set, each jump is at least ⌈`jumpFraction` · its span⌉: R's `stl` evaluates its
        /// LOESS every tenth of a span (0.1) by default. Nil (the default) keeps the jumps as given.
        public var jumpFraction: Double?

        /// Settings with statsmodels' names and defaults.
        public init(
            trend: Int? = nil, lowPass: Int? = nil,
            seasonalDegree: Int = 1, trendDegree: Int = 1, lowPassDegree: Int = 1,
            robust: Bool = false,
            seasonalJump: Int = 1, trendJump: Int = 1, lowPassJump: Int = 1,
            innerIterations: Int? = nil, outerIterations: Int? = nil, jumpFraction: Double? = nil
        ) {
            self.jumpFraction = jumpFraction
            self.trend = trend
            self.lowPass = lowPass
            self.seasonalDegree = seasonalDegree
            self.trendDegree = trendDegree
            self.lowPassDegree = lowPassDegree
            self.robust = robust
            self.seasonalJump = seasonalJump
            self.trendJump = trendJump
            self.lowPassJump = lowPassJump
            self.innerIterations = innerIterations
            self.outerIterations = outerIterations
        }
    }

    /// The number of observations per seasonal cycle (≥ 2).
    public let period: Int
    /// Span of the seasonal (cycle-subseries) smoother, in cycles (odd, ≥ 3).
    public let seasonal: Int
    /// Span of the trend smoother, resolved.
    public let trend: Int
    /// Span of the low-pass LOESS, resolved.
    public let lowPass: Int
    /// LOESS degrees (0 or 1).
    public let seasonalDegree: Int, trendDegree: Int, lowPassDegree: Int
    /// LOESS evaluation steps (≥ 1).
    public let seasonalJump: Int, trendJump: Int, lowPassJump: Int
    /// Passes, resolved: inner per outer pass, and robustness passes.
    public let innerIterations: Int, outerIterations: Int

    /// An STL with statsmodels' parameter names and defaults.
    ///
    /// - Parameters:
    ///   - period: Observations per cycle, ≥ 2 (12 for monthly data with a yearly cycle).
    ///   - seasonal: Span of the seasonal smoother in cycles: odd, ≥ 3; 7 by default.
    ///   - trend, lowPass, seasonalDegree, trendDegree, lowPassDegree, robust, seasonalJump,
    ///     trendJump, lowPassJump, innerIterations, outerIterations: See ``Options``.
    /// - Throws: `DecompositionError` of kind `.invalidParameter` naming the first parameter
    ///   out of range.
    public init(
        period: Int, seasonal: Int = 7, trend: Int? = nil, lowPass: Int? = nil,
        seasonalDegree: Int = 1, trendDegree: Int = 1, lowPassDegree: Int = 1,
        robust: Bool = false,
        seasonalJump: Int = 1, trendJump: Int = 1, lowPassJump: Int = 1,
        innerIterations: Int? = nil, outerIterations: Int? = nil
    ) throws(DecompositionError) {
        try self.init(period: period, seasonal: seasonal, options: Options(
            trend: trend, lowPass: lowPass,
            seasonalDegree: seasonalDegree, trendDegree: trendDegree, lowPassDegree: lowPassDegree,
            robust: robust, seasonalJump: seasonalJump, trendJump: trendJump, lowPassJump: lowPassJump,
            innerIterations: innerIterations, outerIterations: outerIterations))
    }

    /// An STL from a period, a seasonal span and the remaining settings.
    ///
    /// - Throws: `DecompositionError` of kind `.invalidParameter` naming the first parameter
    ///   out of range.
    public init(period: Int, seasonal: Int = 7, options: Options) throws(DecompositionError) {
        typealias E = DecompositionError
        guard period >= 2 else { throw E.invalidParameter("period", period, requirement: "must be at least 2") }
        guard seasonal >= 3, seasonal % 2 == 1 else {
            throw E.invalidParameter("seasonal", seasonal, requirement: "must be an odd integer ≥ 3")
        }
        let trend = options.trend ?? Self.defaultTrend(period: period, seasonal: seasonal)
        guard trend >= 3, trend % 2 == 1, trend > period else {
            throw E.invalidParameter("trend", trend, requirement: "must be an odd integer ≥ 3 and > period \(period)")
        }
        let lowPass = options.lowPass ?? (period % 2 == 0 ? period + 1 : period + 2)
        guard lowPass >= 3, lowPass % 2 == 1, lowPass > period else {
            throw E.invalidParameter("low_pass", lowPass, requirement: "must be an odd integer ≥ 3 and > period \(period)")
        }
        for (name, degree) in [("seasonal_deg", options.seasonalDegree), ("trend_deg", options.trendDegree),
                               ("low_pass_deg", options.lowPassDegree)] where degree != 0 && degree != 1 {
            throw E.invalidParameter(name, degree, requirement: "must be 0 or 1")
        }
        for (name, jump) in [("seasonal_jump", options.seasonalJump), ("trend_jump", options.trendJump),
                             ("low_pass_jump", options.lowPassJump)] where jump < 1 {
            throw E.invalidParameter(name, jump, requirement: "must be a positive integer")
        }
        let inner = options.innerIterations ?? (options.robust ? 2 : 5)
        let outer = options.outerIterations ?? (options.robust ? 15 : 0)
        guard inner >= 1 else { throw E.invalidParameter("inner_iter", inner, requirement: "must be at least 1") }
        guard outer >= 0 else { throw E.invalidParameter("outer_iter", outer, requirement: "must be at least 0") }
        self.period = period
        self.seasonal = seasonal
        self.trend = trend
        self.lowPass = lowPass
        self.seasonalDegree = options.seasonalDegree
        self.trendDegree = options.trendDegree
        self.lowPassDegree = options.lowPassDegree
        // Spans in points: the seasonal span counts cycles along each cycle-subseries.
        func jump(_ given: Int, span: Int) -> Int {
            guard let fraction = options.jumpFraction, fraction > 0 else { return given }
            return max(given, Int((fraction * Double(span)).rounded(.up)))
        }
        self.seasonalJump = jump(options.seasonalJump, span: seasonal)
        self.trendJump = jump(options.trendJump, span: trend)
        self.lowPassJump = jump(options.lowPassJump, span: lowPass)
        self.innerIterations = inner
        self.outerIterations = outer
    }

    /// The default trend span: the smallest odd integer ≥ 1.5 · period / (1 − 1.5 / seasonal)
    /// (Cleveland et al. 1990, §3.5, as statsmodels computes it).
    public static func defaultTrend(period: Int, seasonal: Int) -> Int {
        let bound = Int((1.5 * Double(period) / (1 - 1.5 / Double(seasonal))).rounded(.up))
        return bound % 2 == 0 ? bound + 1 : bound
    }

    /// Checks that `y` can be decomposed with period `period`: no NaN, at least two cycles.
    static func validate(_ y: [Double], period: Int) throws(DecompositionError) {
        if let first = y.firstIndex(where: \.isNaN) {
            throw .missingValues(count: y.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }, firstIndex: first)
        }
        guard y.count >= 2 * period else { throw .tooShort(count: y.count, period: period) }
    }
}
