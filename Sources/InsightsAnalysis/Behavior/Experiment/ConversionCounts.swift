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
    /// Method: the set of rates `p` that a score test (`|p̂ − p| ≤ z·√(p(1−p)/n)`) does not
    /// reject, solved in closed form: centre `(x + z²/2)/(n + z²)`, half-width
    /// `z/(n + z²)·√(x(n − x)/n + z²/4)`, with `z` the normal quantile at `(1 + level)/2`.
    /// Unlike the Wald interval it stays inside [0, 1] and keeps close to nominal coverage
    /// at rates near 0 or 1. Source: E. B. Wilson, *JASA* 22 (1927) 209–212; L. D. Brown,
    /// T. T. Cai and A. DasGupta, *Statistical Science* 16 (2001) 101–133. This is
    /// statsmodels' `proportion_confint(x, n, alpha, method="wilson")`.
    ///
    /// - Parameter level: The confidence level, in (0, 1).
    /// - Throws: `ExperimentError` when nobody was exposed or the level is outside (0, 1).
    public func wilsonInterval(level: Double = 0.95) throws(ExperimentError) -> ConfidenceInterval {
        try ExperimentError.checkLevel(level)
        guard exposed > 0 else {
            throw .tooFewObservations("a Wilson interval", arm: "given", observed: 0, required: 1)
        }
        let z = Normal().inverseSurvival((1 - level) / 2)
        let n = Double(exposed), x = Double(converted)
        let z2 = z * z
        let centre = (x + z2 / 2) / (n + z2)
        let halfWidth = z / (n + z2) * (x * (n - x) / n + z2 / 4).squareRoot()
        return ConfidenceInterval(lower: max(0, centre - halfWidth), upper: min(1, centre + halfWidth),
                                  level: level)
    }
}
