@testable import InsightsAnalysis

/// Seconds to the nanoseconds the PromQL API takes.
func seconds(_ s: Int64) -> Int64 { s * PromQL.second }

/// A raw series from sample times in seconds.
func samples(_ labels: [String: String] = [:], at times: [Int64], _ values: [Double]) -> PromQLSeries {
    PromQLSeries(labels: labels, timestamps: times.map(seconds), values: values)
}

/// `|computed − expected| ≤ tolerance · |expected|` (absolute `tolerance` when `expected` is 0);
/// NaN agrees only with NaN and an infinity only with itself.
func agrees(_ computed: Double, _ expected: Double, _ tolerance: Double = 1e-12) -> Bool {
    if expected.isNaN || computed.isNaN { return expected.isNaN && computed.isNaN }
    if expected.isInfinite || computed.isInfinite { return expected == computed }
    return abs(computed - expected) <= tolerance * (expected == 0 ? 1 : abs(expected))
}
