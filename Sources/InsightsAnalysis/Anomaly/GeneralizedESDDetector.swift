#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import InsightsNumerics

/// Rosner's generalized extreme Studentized deviate test for up to `maxOutliers` outliers
/// in an approximately normal sample (B. Rosner, "Percentage points for a generalized ESD
/// many-outlier procedure", *Technometrics* 25 (1983) 165–172; NIST/SEMATECH e-Handbook
/// §1.3.5.17.3).
///
/// Step i = 1…r removes the value farthest from the mean of those left, with
/// R_i = max|x − x̄| / s (s with n − i + 1 − 1 degrees of freedom) and critical value
/// λ_i = (n − i)·t_{p, n−i−1} / √((n − i − 1 + t²)(n − i + 1)), p = 1 − α / (2(n − i + 1)).
/// The number of outliers is the largest i with R_i > λ_i; all values removed up to it are outliers.
public struct GeneralizedESD: Sendable, Equatable {
    /// Indexes into the input in removal order, R_i and λ_i per step.
    public let candidates: [Int]
    public let statistics: [Double]
    public let criticalValues: [Double]
    /// How many of `candidates` (the first ones) are outliers.
    public let outlierCount: Int

    /// Runs the test on the finite values of `x`; NaN values are never candidates.
    public init(_ x: [Double], maxOutliers: Int, alpha: Double = 0.05) {
        var remaining = x.indices.filter { x[$0].isFinite }
        let n = remaining.count
        var candidates: [Int] = [], statistics: [Double] = [], critical: [Double] = []
        var count = 0
        for i in 1...max(1, min(maxOutliers, n - 3)) where n - i - 1 >= 1 {
            let m = Double(remaining.count)
            let mean = remaining.reduce(0) { $0 + x[$1] } / m
            let variance = remaining.reduce(0) { $0 + (x[$1] - mean) * (x[$1] - mean) } / (m - 1)
            let sd = variance.squareRoot()
            guard sd > 0, let farthest = remaining.indices.max(by: { abs(x[remaining[$0]] - mean) < abs(x[remaining[$1]] - mean) })
            else { break }
            let nn = Double(n), ii = Double(i)
            let p = 1 - alpha / (2 * (nn - ii + 1))
            let t = StudentT(degreesOfFreedom: nn - ii - 1).quantile(p)
            let lambda = (nn - ii) * t / ((nn - ii - 1 + t * t) * (nn - ii + 1)).squareRoot()
            let r = abs(x[remaining[farthest]] - mean) / sd
            candidates.append(remaining[farthest])
            statistics.append(r)
            critical.append(lambda)
            if r > lambda { count = i }
            remaining.remove(at: farthest)
        }
        self.candidates = candidates
        self.statistics = statistics
        self.criticalValues = critical
        self.outlierCount = count
    }
}

/// Generalized ESD on the residuals from the robust seasonal baseline. The score of a
/// removed candidate is R_i / λ_i, raised to at least 1 for the declared outliers; every
/// other point scores its own |r − r̄| / s / λ₁ (below 1 unless the test missed it).
public struct GeneralizedESDDetector: AnomalyDetector {
    public let name = "esd"
    /// The largest share of points that may be declared outliers.
    public var maxFraction: Double
    public var alpha: Double

    public init(maxFraction: Double = 0.02, alpha: Double = 0.05) {
        self.maxFraction = maxFraction
        self.alpha = alpha
    }

    /// Null model: a score of 1 is the test's critical value at `alpha` for the first
    /// step; p = alpha^score is a monotone stand-in that equals alpha there (document-level
    /// approximation, not an exact tail).
    public func pValue(_ score: Double) -> Double {
        score.isFinite ? min(1, pow(alpha, score)) : 1
    }

    public func score(_ values: [Double], period: Int?) -> AnomalyScores {
        let baseline = SeasonalBaseline.fit(values, period: period)
        let residuals = zip(values, baseline).map { $0 - $1 }
        let finite = residuals.filter(\.isFinite)
        guard finite.count >= 5 else {
            return AnomalyScores(score: residuals.map { $0.isFinite ? 0 : .nan }, expected: baseline,
                                 spread: [Double](repeating: .nan, count: values.count))
        }
        let test = GeneralizedESD(residuals, maxOutliers: max(1, Int(maxFraction * Double(finite.count))), alpha: alpha)
        let mean = finite.reduce(0, +) / Double(finite.count)
        let sd = (finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1)).squareRoot()
        let firstCritical = test.criticalValues.first ?? 3
        var score = residuals.map { $0.isFinite && sd > 0 ? abs($0 - mean) / sd / firstCritical : ($0.isFinite ? 0 : .nan) }
        for (step, index) in test.candidates.enumerated() {
            let ratio = test.statistics[step] / test.criticalValues[step]
            score[index] = step < test.outlierCount ? max(ratio, 1) : min(ratio, 0.999)
        }
        return AnomalyScores(score: score, expected: baseline.map { $0 + mean },
                             spread: [Double](repeating: sd, count: values.count))
    }
}
