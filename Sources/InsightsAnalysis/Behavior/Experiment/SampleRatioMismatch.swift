import InsightsNumerics

/// The sample-ratio-mismatch check: do the arms' exposure counts fit the split the
/// experiment intended?
///
/// Method: Pearson's chi-square goodness-of-fit test. With `N` actors in all, intended
/// weights `w_i` (normalised to sum to 1) and observed counts `O_i`, the expected counts are
/// `E_i = N·w_i`, the statistic is `χ² = Σ (O_i − E_i)²/E_i` and the p-value is
/// `P(χ²_{k−1} > χ²)` for `k` arms (`scipy.stats.chisquare(O, E)`).
///
/// A mismatch is flagged when `p < 0.001` by default. The threshold is deliberately far
/// below 0.05: the check runs on every experiment, often at every look, and a false alarm
/// stops a healthy experiment, while a real assignment or logging bug usually gives a
/// p-value many orders of magnitude smaller. 0.001 is the convention of R. Kohavi, D. Tang
/// and Y. Xu, *Trustworthy Online Controlled Experiments* (2020), ch. 21, and of
/// A. Fabijan et al., "Diagnosing sample ratio mismatch in online controlled experiments",
/// KDD 2019. A flagged experiment's other numbers should not be trusted until the cause is
/// found.
public struct SampleRatioMismatch: Sendable, Equatable {
    /// The flagging threshold used unless another is given: 0.001.
    public static let defaultThreshold = 0.001

    /// The observed exposure counts, one per arm.
    public let observed: [Int]
    /// The counts expected under the intended split, `N·w_i`.
    public let expected: [Double]
    /// Pearson's `χ²`.
    public let chiSquare: Double
    /// `k − 1`.
    public let degreesOfFreedom: Int
    /// `P(χ²_{k−1} > chiSquare)`.
    public let pValue: Double
    /// The threshold the p-value was compared with.
    public let threshold: Double
    /// Whether `pValue < threshold`: the split is off by more than chance explains.
    public let isMismatch: Bool

    /// Tests observed exposure counts against the intended split.
    ///
    /// - Parameters:
    ///   - observed: Actors exposed to each arm.
    ///   - weights: The intended share of each arm, in any positive units (`[50, 50]`,
    ///     `[0.9, 0.1]`); equal shares when nil.
    ///   - threshold: Flag a mismatch when the p-value is below this (0.001 by default).
    /// - Throws: `ExperimentError` with fewer than 2 arms, a negative count, no actors at all,
    ///   a weight that is not positive and finite, a weight count that differs from the arm
    ///   count, or a threshold outside (0, 1).
    public static func test(observed: [Int], weights: [Double]? = nil,
                            threshold: Double = defaultThreshold) throws(ExperimentError) -> SampleRatioMismatch
    {
        guard observed.count >= 2 else {
            throw .invalidArgument("the sample-ratio check needs at least 2 arms, got \(observed.count)")
        }
        guard threshold > 0 && threshold < 1 else {
            throw .invalidArgument("the sample-ratio threshold must lie strictly between 0 and 1, got \(threshold)")
        }
        if let negative = observed.first(where: { $0 < 0 }) {
            throw .invalidCounts("exposure counts must not be negative, got \(negative)")
        }
        let shares = weights ?? Array(repeating: 1, count: observed.count)
        guard shares.count == observed.count else {
            throw .invalidArgument("\(shares.count) weights for \(observed.count) arms")
        }
        guard shares.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw .invalidArgument("split weights must be positive and finite, got \(shares)")
        }
        let total = observed.reduce(0, +)
        guard total > 0 else { throw .invalidCounts("no actors were exposed to any arm") }
        let weightSum = CompensatedSum(shares).value
        let expected = shares.map { Double(total) * $0 / weightSum }
        var statistic = CompensatedSum()
        for (o, e) in zip(observed, expected) {
            let gap = Double(o) - e
            statistic.add(gap * gap / e)
        }
        let df = observed.count - 1
        let p = ChiSquared(degreesOfFreedom: Double(df)).survival(statistic.value)
        return SampleRatioMismatch(observed: observed, expected: expected, chiSquare: statistic.value,
                                   degreesOfFreedom: df, pValue: p, threshold: threshold,
                                   isMismatch: p < threshold)
    }
}
