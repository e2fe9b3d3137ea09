extension PromQL {
    /// One bucket of a classic Prometheus histogram: the cumulative count of observations ≤ `upperBound`.
    public struct Bucket: Sendable, Hashable {
        /// The bucket's `le` bound; the last bucket's is +∞.
        public var upperBound: Double
        /// Observations (or their rate) at or below `upperBound`.
        public var count: Double

        /// Creates a bucket.
        public init(upperBound: Double, count: Double) {
            self.upperBound = upperBound
            self.count = count
        }
    }

    /// `histogram_quantile(q, buckets)` over evaluated bucket series (for example the rates
    /// of `x_bucket`, summed `by (le)`).
    ///
    /// Series are grouped by all their labels except `le`; a series whose `le` is missing or
    /// not a number is ignored. At each evaluation time, a group with at least one bucket
    /// present gives ``bucketQuantile(_:buckets:)`` of its present buckets — which may be NaN —
    /// and a group with none gives no point (Prometheus 2.42, `funcHistogramQuantile`).
    ///
    /// - Parameters:
    ///   - q: The quantile, normally in [0, 1].
    ///   - buckets: Evaluated bucket series carrying an `le` label.
    /// - Returns: One series per group, labelled without `le` and `__name__`, ordered by labels.
    public static func histogramQuantile(_ q: Double, buckets: [PromQLSeries]) -> [PromQLSeries] {
        var groups: [[String: String]: [Int64: [Bucket]]] = [:]
        for input in buckets {
            guard let text = input.labels["le"], let bound = parseBound(text) else { continue }
            var key = input.labels
            key["le"] = nil
            for (time, count) in zip(input.timestamps, input.values) {
                groups[key, default: [:]][time, default: []].append(Bucket(upperBound: bound, count: count))
            }
        }
        return sortedByLabels(groups.map { labels, points in
            let times = points.keys.sorted()
            return PromQLSeries(labels: droppingName(labels), timestamps: times,
                                values: times.map { bucketQuantile(q, buckets: points[$0]!) })
        })
    }

    /// The `q`-quantile of one classic histogram by linear interpolation within its buckets.
    ///
    /// Method (Prometheus 2.42, `bucketQuantile` in `promql/quantile.go`): buckets are sorted
    /// by upper bound; buckets with equal bounds are merged by adding their counts; counts
    /// that fall below an earlier bucket's are raised to it (scrapes of cumulative buckets are
    /// not atomic). With `N` the +∞ bucket's count and `rank = q · N`, the first bucket `b`
    /// whose count reaches the rank is found; the result is
    /// `lower + (upper − lower) · (rank − count(b−1)) / (count(b) − count(b−1))` with `lower`
    /// the previous bucket's bound, or 0 for the first bucket. Special cases: NaN for NaN `q`,
    /// −∞ for `q < 0`, +∞ for `q > 1`; NaN without a +∞ bucket, with fewer than two buckets
    /// (after merging) or with `N = 0`; the largest finite bound when the rank falls in the
    /// +∞ bucket; the first bound when it falls in a first bucket whose bound is ≤ 0.
    ///
    /// - Parameters:
    ///   - q: The quantile.
    ///   - buckets: The buckets, in any order.
    /// - Returns: The estimated quantile.
    /// - Complexity: O(k log k) for k buckets.
    public static func bucketQuantile(_ q: Double, buckets: [Bucket]) -> Double {
        if q.isNaN { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        let sorted = buckets.sorted { $0.upperBound < $1.upperBound }
        guard let last = sorted.last, last.upperBound == .infinity else { return .nan }
        var merged: [Bucket] = []
        for bucket in sorted {
            if let previous = merged.last, previous.upperBound == bucket.upperBound {
                merged[merged.count - 1].count += bucket.count
            } else {
                merged.append(bucket)
            }
        }
        var highest = -Double.infinity
        for i in merged.indices {
            if merged[i].count > highest {
                highest = merged[i].count
            } else if merged[i].count < highest {
                merged[i].count = highest
            }
        }
        guard merged.count >= 2 else { return .nan }
        let observations = merged[merged.count - 1].count
        guard observations != 0 else { return .nan }
        var rank = q * observations
        // The first bucket (not searching the +Inf one) whose count reaches the rank.
        var b = merged.count - 1
        for i in 0..<(merged.count - 1) where merged[i].count >= rank {
            b = i
            break
        }
        if b == merged.count - 1 { return merged[merged.count - 2].upperBound }
        if b == 0 && merged[0].upperBound <= 0 { return merged[0].upperBound }
        var lower = 0.0
        var count = merged[b].count
        if b > 0 {
            lower = merged[b - 1].upperBound
            count -= merged[b - 1].count
            rank -= merged[b - 1].count
        }
        return lower + (merged[b].upperBound - lower) * (rank / count)
    }

    /// Parses an `le` value as Go's `strconv.ParseFloat` would for the forms exporters write
    /// (`0.25`, `1e-3`, `+Inf`).
    static func parseBound(_ text: String) -> Double? {
        switch text.lowercased() {
        case "+inf", "inf", "+infinity", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return Double(text)
        }
    }
}
