/// Prometheus's query functions over raw samples, with the semantics of Prometheus 2.42.
///
/// Each function evaluates one PromQL operation at a list of evaluation times, the way a
/// Prometheus range query (`start`, `end`, `step`) evaluates its expression at
/// `start, start + step, …, end`. Timestamps and durations are nanoseconds; values are
/// per second where Prometheus's are.
///
/// The functions compose like the expressions they implement: raw series go into
/// `rate(_:range:at:)` or `instant(_:at:lookback:)`
/// (the two ways PromQL reads stored samples), whose results, evaluated on the common grid,
/// go into ``aggregate(_:_:by:without:)`` and ``histogramQuantile(_:buckets:)``. For example,
/// over the last hour at a 30 s step:
///
/// ```swift
/// let times = PromQL.evaluationTimes(start: end - 3_600 * PromQL.second, end: end,
///                                    step: 30 * PromQL.second)
/// // sum by (service) (rate(http_requests_total[5m]))
/// let perService = PromQL.aggregate(
///     .sum, PromQL.rate(requests, range: 5 * PromQL.minute, at: times), by: ["service"])
/// // histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))
/// let p90 = PromQL.histogramQuantile(
///     0.9, buckets: PromQL.aggregate(
///         .sum, PromQL.rate(durationBuckets, range: 5 * PromQL.minute, at: times), by: ["le"]))
/// // avg(g), reading each gauge with the 5-minute lookback
/// let mean = PromQL.aggregate(.avg, PromQL.instant(gauges, at: times))
/// ```
///
/// Results are lists of ``PromQLSeries`` holding only the evaluation times that have a value,
/// as in a Prometheus range-query result. The single-series forms
/// (`rate(_:range:at:)` and the like) return one `Double` per
/// evaluation time with NaN where Prometheus has no value.
///
/// Not reproduced: native histograms, staleness markers (a stored NaN with Prometheus's
/// stale bit pattern ends a series early in Prometheus; here every sample is a value),
/// `offset` and `@` modifiers (shift the evaluation times instead), and the query
/// engine's limits and warnings.
public enum PromQL {
    /// One second in nanoseconds.
    public static let second: Int64 = 1_000_000_000
    /// One minute in nanoseconds.
    public static let minute: Int64 = 60 * second
    /// Prometheus's default lookback for instant-vector selectors (`--query.lookback-delta`), 5 minutes.
    public static let defaultLookback: Int64 = 5 * minute

    /// The evaluation times of a range query: `start, start + step, …` up to and including `end`.
    ///
    /// - Parameters:
    ///   - start: The first evaluation time, nanoseconds.
    ///   - end: The last possible evaluation time, nanoseconds.
    ///   - step: The spacing, nanoseconds, > 0.
    /// - Returns: The times, empty when `end < start`.
    public static func evaluationTimes(start: Int64, end: Int64, step: Int64) -> [Int64] {
        precondition(step > 0, "step must be positive")
        guard end >= start else { return [] }
        return Array(stride(from: start, through: end, by: Int(step)))
    }

    /// A series holding the evaluation times at which `value` has a result.
    static func series(labels: [String: String], times: [Int64], _ value: (Int64) -> Double?) -> PromQLSeries? {
        var kept: [Int64] = [], values: [Double] = []
        for time in times {
            if let v = value(time) {
                kept.append(time)
                values.append(v)
            }
        }
        return kept.isEmpty ? nil : PromQLSeries(labels: labels, timestamps: kept, values: values)
    }

    /// `labels` without the metric name, as functions and aggregations return them.
    static func droppingName(_ labels: [String: String]) -> [String: String] {
        var labels = labels
        labels["__name__"] = nil
        return labels
    }

    /// A deterministic order for result series: by their sorted label pairs.
    static func sortedByLabels(_ series: [PromQLSeries]) -> [PromQLSeries] {
        func key(_ labels: [String: String]) -> [String] {
            labels.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }
        }
        return series.sorted { key($0.labels).lexicographicallyPrecedes(key($1.labels)) }
    }
}
