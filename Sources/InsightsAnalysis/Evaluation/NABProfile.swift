/// The cost weights of one Numenta Anomaly Benchmark application profile.
///
/// NAB scores a detector under three profiles that weigh a detected window, a false
/// positive row and a missed window differently (Lavin & Ahmad 2015, "Evaluating
/// Real-time Anomaly Detection Algorithms – the Numenta Anomaly Benchmark", §4;
/// the weights are NAB's `config/profiles.json`).
public struct NABProfile: Sendable, Hashable {
    /// NAB's name for the profile, e.g. `reward_low_FP_rate`.
    public let name: String
    /// A_TP: what the earliest possible detection in a window earns.
    public let truePositiveWeight: Double
    /// A_FP: what an isolated false-positive row costs.
    public let falsePositiveWeight: Double
    /// A_FN: what a window without any detection costs.
    public let falseNegativeWeight: Double

    /// A profile with the given weights.
    public init(name: String, truePositiveWeight: Double, falsePositiveWeight: Double, falseNegativeWeight: Double) {
        self.name = name
        self.truePositiveWeight = truePositiveWeight
        self.falsePositiveWeight = falsePositiveWeight
        self.falseNegativeWeight = falseNegativeWeight
    }

    /// `standard`: A_TP 1, A_FP 0.11, A_FN 1.
    public static let standard = NABProfile(name: "standard", truePositiveWeight: 1,
                                            falsePositiveWeight: 0.11, falseNegativeWeight: 1)
    /// `reward_low_FP_rate`: false positives cost twice as much (A_FP 0.22).
    public static let rewardLowFalsePositiveRate = NABProfile(name: "reward_low_FP_rate", truePositiveWeight: 1,
                                                              falsePositiveWeight: 0.22, falseNegativeWeight: 1)
    /// `reward_low_FN_rate`: a missed window costs twice as much (A_FN 2).
    public static let rewardLowFalseNegativeRate = NABProfile(name: "reward_low_FN_rate", truePositiveWeight: 1,
                                                              falsePositiveWeight: 0.11, falseNegativeWeight: 2)
    /// The three profiles in NAB's order: standard, low FP, low FN.
    public static let all: [NABProfile] = [.standard, .rewardLowFalsePositiveRate, .rewardLowFalseNegativeRate]

    /// The corpus raw score of a detector that fires on the first row of every window
    /// and nowhere else: A_TP × windows.
    public func perfectScore(windowCount: Int) -> Double { truePositiveWeight * Double(windowCount) }

    /// The corpus raw score of a detector that never fires: -A_FN × windows.
    public func nullScore(windowCount: Int) -> Double { -falseNegativeWeight * Double(windowCount) }

    /// NAB's normalised score `100 (S - S_null) / (S_perfect - S_null)`: 0 for the null
    /// detector, 100 for the perfect one; negative when worse than doing nothing.
    /// - Parameters:
    ///   - rawScore: S, the sum of the files' raw scores at one threshold.
    ///   - windowCount: every window in the windows file.
    public func normalized(rawScore: Double, windowCount: Int) -> Double {
        let null = nullScore(windowCount: windowCount)
        let span = perfectScore(windowCount: windowCount) - null
        return span > 0 ? 100 * (rawScore - null) / span : 0
    }
}
