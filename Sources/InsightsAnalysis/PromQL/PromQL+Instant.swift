extension PromQL {
    /// An instant-vector selector `x` evaluated at each time: the newest sample at or before
    /// the time, provided it is no older than `lookback`.
    ///
    /// Method (Prometheus 2.42, `vectorSelectorSingle` in `promql/engine.go`): a sample at `s`
    /// is eligible at `t` when `t − lookback ≤ s ≤ t`; 2.42 includes a sample exactly
    /// `lookback` old (Prometheus 3 excludes it).
    ///
    /// - Parameters:
    ///   - series: Raw samples of one series.
    ///   - times: Evaluation times, nanoseconds.
    ///   - lookback: The lookback delta, nanoseconds; Prometheus's default is 5 minutes.
    /// - Returns: One value per evaluation time; NaN where no sample is recent enough.
    /// - Complexity: O(m log n) for m times and n samples.
    public static func instant(_ series: PromQLSeries, at times: [Int64],
                               lookback: Int64 = defaultLookback) -> [Double] {
        times.map { latest(series, at: $0, lookback: lookback) ?? .nan }
    }

    /// An instant-vector selector over every series it matches: one result series per input
    /// series, labels kept (the metric name too, as Prometheus keeps it for a bare selector),
    /// holding only the evaluation times with a recent enough sample.
    ///
    /// - Parameters:
    ///   - series: Raw samples, one entry per stored series.
    ///   - times: Evaluation times, nanoseconds.
    ///   - lookback: The lookback delta, nanoseconds.
    /// - Returns: The non-empty result series, ordered by labels.
    public static func instant(_ series: [PromQLSeries], at times: [Int64],
                               lookback: Int64 = defaultLookback) -> [PromQLSeries] {
        sortedByLabels(series.compactMap { input in
            PromQL.series(labels: input.labels, times: times) { latest(input, at: $0, lookback: lookback) }
        })
    }

    static func latest(_ series: PromQLSeries, at time: Int64, lookback: Int64) -> Double? {
        let index = series.timestamps.firstIndex(after: time) - 1
        guard index >= 0, series.timestamps[index] >= time - lookback else { return nil }
        return series.values[index]
    }
}
