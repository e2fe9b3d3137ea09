/// What a trend fit includes besides the straight line `a + b·t`.
public enum SeasonalTerms: Sendable, Equatable {
    /// No seasonal terms: `y = a + b·t + ε`.
    case none
    /// K Fourier pairs `sin(2πht/P), cos(2πht/P)`, h = 1…K, for a period P in steps
    /// (P need not be an integer: 52.18 weeks a year).
    case fourier(period: Double, harmonics: Int)
    /// One indicator per season s = 1…P−1 of an integer period P (`t mod P == s`); season 0,
    /// the season of index 0, is the baseline absorbed by the intercept.
    case dummies(period: Int)

    /// The number of design columns the terms add.
    var columnCount: Int {
        switch self {
        case .none: 0
        case .fourier(_, let harmonics): 2 * harmonics
        case .dummies(let period): period - 1
        }
    }

    /// Column names, in design order.
    var names: [String] {
        switch self {
        case .none: []
        case .fourier(_, let harmonics): (1..<(harmonics + 1)).flatMap { ["sin\($0)", "cos\($0)"] }
        case .dummies(let period): (1..<period).map { "season\($0)" }
        }
    }
}

/// Options of ``TrendAnalysis``.
public struct TrendOptions: Sendable, Equatable {
    /// Seasonal terms fitted beside the trend line.
    public var seasonal: SeasonalTerms
    /// The Newey–West truncation lag; nil uses `⌊4(n/100)^{2/9}⌋` of the observed count,
    /// as `CovarianceType.automaticLag(observations:)`.
    public var hacLags: Int?
    /// The confidence level of the intervals, in (0, 1).
    public var level: Double

    public init(seasonal: SeasonalTerms = .none, hacLags: Int? = nil, level: Double = 0.95) {
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1)")
        if case .fourier(let period, let harmonics) = seasonal {
            precondition(period > 0 && harmonics >= 1, "a Fourier season needs a positive period and at least one harmonic")
        }
        if case .dummies(let period) = seasonal {
            precondition(period >= 2, "seasonal dummies need a period of at least 2 steps")
        }
        self.seasonal = seasonal
        self.hacLags = hacLags
        self.level = level
    }
}
