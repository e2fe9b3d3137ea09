import InsightsNumerics

/// The count, mean and sample variance of one arm's per-actor values (revenue, sessions…):
/// all that the Welch test and the sequential test need, and what a store can keep as
/// running sums between looks.
public struct SampleSummary: Sendable, Hashable {
    /// The number of actors `n`.
    public let count: Int
    /// The mean of their values.
    public let mean: Double
    /// The sample variance (denominator `n − 1`); 0 when `n = 1`.
    public let variance: Double

    /// Creates a summary from precomputed moments.
    /// - Throws: `ExperimentError` when `count` is negative, or the mean or variance is not
    ///   finite, or the variance is negative.
    public init(count: Int, mean: Double, variance: Double) throws(ExperimentError) {
        guard count >= 0 else { throw .invalidCounts("count must not be negative, got \(count)") }
        guard mean.isFinite || count == 0, variance.isFinite && variance >= 0 || count == 0 else {
            throw .invalidCounts("mean and variance must be finite and the variance non-negative, got mean \(mean), variance \(variance)")
        }
        self.count = count
        self.mean = mean
        self.variance = variance
    }

    /// Summarises per-actor values, with a compensated two-pass variance
    /// (`Statistics.variance`).
    /// - Throws: `ExperimentError` when a value is NaN or infinite.
    public init(_ values: [Double]) throws(ExperimentError) {
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .invalidCounts("value \(bad) is \(values[bad]); per-actor values must be finite")
        }
        count = values.count
        mean = values.isEmpty ? .nan : Statistics.mean(values)
        variance = values.count < 2 ? 0 : Statistics.variance(values)
    }
}
