import InsightsNumerics

/// One arm of a conversion experiment: how many actors were exposed and how many of them
/// converted.
public struct ConversionCounts: Sendable, Hashable {
    /// Actors exposed to the arm (`n`).
    public let exposed: Int
    /// Exposed actors who converted (`x`, `0 ≤ x ≤ n`).
    public let converted: Int

    /// Creates the counts of one arm.
    /// - Throws: `ExperimentError` when a count is negative or `converted > exposed`.
    public init(exposed: Int, converted: Int) throws(ExperimentError) {
        guard exposed >= 0, converted >= 0 else {
            throw .invalidCounts("counts must not be negative (exposed \(exposed), converted \(converted))")
        }
        guard converted <= exposed else {
            throw .invalidCounts("\(converted) conversions exceed \(exposed) exposures")
        }
        self.exposed = exposed
        self.converted = converted
    }

    /// The observed conversion rate `x / n` (NaN when nobody was exposed).
    public var rate: Double { exposed == 0 ? .nan : Double(converted) / Double(exposed) }

    /// The Wilson score interval for the arm's conversion rate.
    ///
    /// Method and sources: `Proportion.wilsonInterval` (the score test's acceptance region in
    /// closed form, statsmodels' `proportion_confint(x, n, alpha, method="wilson")`), which the
    /// funnels use too, so an arm's rate and a funnel step's conversion carry the same interval.
    ///
    /// - Parameter level: The confidence level, in (0, 1).
    /// - Throws: `ExperimentError` when nobody was exposed or the level is outside (0, 1).
    public func wilsonInterval(level: Double = 0.95) throws(ExperimentError) -> ConfidenceInterval {
        try ExperimentError.checkLevel(level)
        guard exposed > 0 else {
            throw .tooFewObservations("a Wilson interval", arm: "given", observed: 0, required: 1)
        }
        let interval = Proportion.wilsonInterval(successes: converted, trials: exposed, level: level)
        return ConfidenceInterval(lower: interval.low, upper: interval.high, level: level)
    }
}
