#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Detector scores turned into a probability that the point is abnormal.
///
/// The default ensemble's scores enter one logistic model,
/// P = 1 / (1 + exp(−(c₀ + Σ cⱼ·log sⱼ))) (`LogisticCalibration`), fitted by maximum
/// likelihood on every point of generated datasets with known incidents, on training seeds
/// used for nothing else; the reliability is then measured on other seeds (docs/STATISTICS.md,
/// "Anomaly probabilities"). Other detector sets have no fitted model: their probability is
/// 0, and they flag by `--fdr` instead.
public enum AnomalyProbability {
    /// Detector names, in order, the fitted model expects.
    public static let calibratedDetectors = ["residual", "level_shift"]

    /// Fitted with `insights eval incidents --seed 1001 --datasets 10 --fit-calibration`.
    public static let coefficients: [Double] = [-6.8614, 2.3797, 0.2026]

    /// The calibrated probability for one point's scores from `detectors` (0 when the
    /// detectors are not the calibrated set).
    public static func probability(scores: [Double], detectors: [String]) -> Double {
        guard detectors == calibratedDetectors else { return 0 }
        return LogisticCalibration.probability(scores, coefficients: coefficients)
    }
}
