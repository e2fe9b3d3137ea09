/// An interval estimate: a confidence interval (frequentist methods) or an equal-tailed
/// credible interval (Bayesian methods), as the producing type documents.
public struct ConfidenceInterval: Sendable, Hashable {
    /// The lower end.
    public let lower: Double
    /// The upper end.
    public let upper: Double
    /// The nominal coverage, e.g. 0.95.
    public let level: Double

    /// Creates an interval.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Whether `value` lies inside, ends included.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// The interval with NaN ends, for statistics that are undefined on the data.
    static func undefined(level: Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: .nan, upper: .nan, level: level)
    }
}
