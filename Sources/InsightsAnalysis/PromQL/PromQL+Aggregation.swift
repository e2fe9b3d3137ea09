extension PromQL {
    /// A PromQL aggregation operator.
    public enum Aggregation: String, Sendable, CaseIterable {
        /// `sum`: the plain floating-point sum, in input order (2.42 has no compensation).
        case sum
        /// `avg`: the running mean `m += x/n − m/n`, as 2.42 computes it.
        case avg
        /// `min`: the smallest value; NaN only when every value is NaN.
        case min
        /// `max`: the largest value; NaN only when every value is NaN.
        case max
        /// `count`: how many series have a value.
        case count
    }

    /// `op by (labels) (series)`, `op without (labels) (series)` or `op (series)` over series
    /// evaluated on common times.
    ///
    /// Series are grouped by the `by` labels (a missing label counts as empty), or by all labels
    /// but the `without` ones and `__name__`, or all together when both are nil. A group has a
    /// point at every time at which at least one of its series has one, aggregating exactly the
    /// series present there (Prometheus 2.42, `aggregation` in `promql/engine.go`).
    ///
    /// - Parameters:
    ///   - op: The operator.
    ///   - series: Evaluated series, for example from `rate(_:range:at:)`
    ///     or `instant(_:at:lookback:)`.
    ///   - by: The grouping labels, or nil.
    ///   - without: The labels to drop, or nil; not together with `by`.
    /// - Returns: One series per group, labelled by the grouping labels it has, ordered by labels.
    /// - Complexity: O(total points · log), dictionary-bound.
    public static func aggregate(_ op: Aggregation, _ series: [PromQLSeries],
                                 by: [String]? = nil, without: [String]? = nil) -> [PromQLSeries] {
        precondition(by == nil || without == nil, "aggregate takes `by` or `without`, not both")
        var groups: [[String: String]: [Int64: Accumulator]] = [:]
        for input in series {
            let key = groupLabels(input.labels, by: by, without: without)
            for (time, value) in zip(input.timestamps, input.values) {
                groups[key, default: [:]][time, default: Accumulator()].add(value, op)
            }
        }
        return sortedByLabels(groups.map { labels, points in
            let times = points.keys.sorted()
            return PromQLSeries(labels: labels, timestamps: times, values: times.map { points[$0]!.value })
        })
    }

    static func groupLabels(_ labels: [String: String], by: [String]?, without: [String]?) -> [String: String] {
        if let by {
            // Prometheus leaves out empty labels; a missing and an empty label group together.
            return labels.filter { by.contains($0.key) && !$0.value.isEmpty }
        }
        if let without {
            return labels.filter { !without.contains($0.key) && $0.key != "__name__" }
        }
        return [:]
    }

    /// The running state of one group at one time.
    struct Accumulator {
        var count = 0
        var value = 0.0

        mutating func add(_ x: Double, _ op: Aggregation) {
            count += 1
            if count == 1 {
                value = op == .count ? 1 : x
                return
            }
            switch op {
            case .sum: value += x
            case .count: value += 1
            case .min: if value > x || value.isNaN { value = x }
            case .max: if value < x || value.isNaN { value = x }
            case .avg:
                let n = Double(count)
                if value.isInfinite {
                    // An infinite mean stays as it is unless x is NaN or the opposite infinity.
                    if x.isInfinite && (value > 0) == (x > 0) { return }
                    if !x.isInfinite && !x.isNaN { return }
                }
                value += x / n - value / n
            }
        }
    }
}
