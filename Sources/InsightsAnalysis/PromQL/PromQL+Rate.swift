extension PromQL {
    /// `rate(series[range])` at each evaluation time: the per-second increase of a counter.
    ///
    /// Method (Prometheus 2.42, `extrapolatedRate` in `promql/functions.go`): the samples
    /// with timestamps in the closed window `[t − range, t]` (Prometheus 3 made it left-open;
    /// 2.42 includes a sample exactly at `t − range`) give the increase
    /// `last − first`, plus, at each counter reset (a value below its predecessor), the value
    /// before the reset. With `first`/`last` the window's first and last sample times,
    /// `sampled = last − first` and `average = sampled / (samples − 1)`:
    ///
    /// 1. the gap to the window start, `first − (t − range)`, is first shortened to the time the
    ///    counter would have needed to grow from zero, `sampled · value(first) / increase`,
    ///    when that is shorter and the increase is positive (counters are not extrapolated
    ///    below zero);
    /// 2. each of the two gaps is added to `sampled` when it is below `1.1 · average`, and
    ///    `average / 2` is added instead when it is not (the series probably starts or ends
    ///    inside the window);
    /// 3. the increase is scaled by `extended / sampled`, and divided by `range` in seconds.
    ///
    /// - Parameters:
    ///   - series: Raw samples of one counter.
    ///   - range: The range-vector duration, nanoseconds (`5m` is `5 * PromQL.minute`).
    ///   - times: Evaluation times, nanoseconds.
    /// - Returns: One value per evaluation time; NaN where the window holds fewer than two
    ///   samples, where Prometheus returns no value.
    /// - Complexity: O(Σ samples per window + m log n) for m times and n samples.
    public static func rate(_ series: PromQLSeries, range: Int64, at times: [Int64]) -> [Double] {
        times.map { extrapolatedDelta(series, range: range, at: $0, counter: true, perSecond: true) ?? .nan }
    }

    /// `increase(series[range])`: `rate(_:range:at:)` times the range in
    /// seconds, i.e. the extrapolated increase over the window.
    ///
    /// - Returns: One value per evaluation time; NaN where the window holds fewer than two samples.
    public static func increase(_ series: PromQLSeries, range: Int64, at times: [Int64]) -> [Double] {
        times.map { extrapolatedDelta(series, range: range, at: $0, counter: true, perSecond: false) ?? .nan }
    }

    /// `delta(series[range])` for a gauge: `last − first` extrapolated to the window like
    /// `rate(_:range:at:)` but with no counter-reset correction and no
    /// zero clamp.
    ///
    /// - Returns: One value per evaluation time; NaN where the window holds fewer than two samples.
    public static func delta(_ series: PromQLSeries, range: Int64, at times: [Int64]) -> [Double] {
        times.map { extrapolatedDelta(series, range: range, at: $0, counter: false, perSecond: false) ?? .nan }
    }

    /// `rate(x[range])` over every series of a selector: one result series per input series,
    /// with the metric name dropped and only the evaluation times that have a value.
    ///
    /// - Parameters:
    ///   - series: Raw samples, one entry per stored series.
    ///   - range: The range-vector duration, nanoseconds.
    ///   - times: Evaluation times, nanoseconds.
    /// - Returns: The non-empty result series, ordered by labels.
    public static func rate(_ series: [PromQLSeries], range: Int64, at times: [Int64]) -> [PromQLSeries] {
        rangeFunction(series, times) { extrapolatedDelta($0, range: range, at: $1, counter: true, perSecond: true) }
    }

    /// `increase(x[range])` over every series of a selector (see `rate(_:range:at:)`).
    public static func increase(_ series: [PromQLSeries], range: Int64, at times: [Int64]) -> [PromQLSeries] {
        rangeFunction(series, times) { extrapolatedDelta($0, range: range, at: $1, counter: true, perSecond: false) }
    }

    /// `delta(x[range])` over every series of a selector (see `rate(_:range:at:)`).
    public static func delta(_ series: [PromQLSeries], range: Int64, at times: [Int64]) -> [PromQLSeries] {
        rangeFunction(series, times) { extrapolatedDelta($0, range: range, at: $1, counter: false, perSecond: false) }
    }

    private static func rangeFunction(_ series: [PromQLSeries], _ times: [Int64],
                                      _ value: (PromQLSeries, Int64) -> Double?) -> [PromQLSeries] {
        sortedByLabels(series.compactMap { input in
            PromQL.series(labels: droppingName(input.labels), times: times) { value(input, $0) }
        })
    }

    /// Prometheus 2.42's `extrapolatedRate` for one series at one evaluation time; nil with
    /// fewer than two samples in `[time − range, time]`.
    static func extrapolatedDelta(_ series: PromQLSeries, range: Int64, at time: Int64,
                                  counter: Bool, perSecond: Bool) -> Double? {
        precondition(range > 0, "range must be positive")
        let start = time - range
        let first = series.timestamps.firstIndex(notBefore: start)
        let end = series.timestamps.firstIndex(after: time)  // one past the last sample
        guard end - first >= 2 else { return nil }
        let values = series.values, timestamps = series.timestamps
        var result = values[end - 1] - values[first]
        if counter {
            var previous = values[first]
            for value in values[(first + 1)..<end] {
                if value < previous { result += previous }  // a reset: the counter restarted
                previous = value
            }
        }
        let nanosecondsPerSecond = Double(second)
        var toStart = Double(timestamps[first] - start) / nanosecondsPerSecond
        let toEnd = Double(time - timestamps[end - 1]) / nanosecondsPerSecond
        let sampled = Double(timestamps[end - 1] - timestamps[first]) / nanosecondsPerSecond
        let averageInterval = sampled / Double(end - first - 1)
        if counter && result > 0 && values[first] >= 0 {
            // 2.42 clamps before comparing with the threshold (later versions do the opposite).
            let toZero = sampled * (values[first] / result)
            if toZero < toStart { toStart = toZero }
        }
        let threshold = averageInterval * 1.1
        var extended = sampled
        extended += toStart < threshold ? toStart : averageInterval / 2
        extended += toEnd < threshold ? toEnd : averageInterval / 2
        var factor = extended / sampled
        if perSecond { factor /= Double(range) / nanosecondsPerSecond }
        return result * factor
    }
}
