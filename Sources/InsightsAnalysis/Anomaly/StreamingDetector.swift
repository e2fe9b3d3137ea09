/// A detector that scores a stream one observation at a time using only the past.
///
/// The score of the observation at time t depends on observations up to and including t
/// and nothing after (causal); state is bounded per series, so a detector can run for
/// ever on a live feed. Scores lie in [0, 1]: higher is more anomalous. Evaluations (NAB)
/// threshold them; `AnomalyProbability` turns them into calibrated probabilities.
public protocol StreamingDetector {
    /// Consumes the next observation (timestamps in nanoseconds, increasing) and returns
    /// its anomaly score in [0, 1]. A NaN value is a missing observation: it scores 0 and
    /// does not change the state.
    mutating func update(timestamp: Int64, value: Double) -> Double
}
