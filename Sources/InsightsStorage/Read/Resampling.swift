import InsightsNumerics

/// Reading irregularly sampled series onto a ``RegularGrid``.
///
/// Semantics, shared by every entry point:
/// - A point at time *t* falls in the bucket `[start + i·step, start + (i+1)·step)` that
///   holds it; a point exactly on an edge belongs to the bucket that *starts* there (pandas'
///   `closed='left'`, Prometheus' step alignment). Points outside the grid are ignored.
/// - NaN values are ignored, as if the point were absent. A bucket with no non-NaN values
///   is *empty*.
/// - `first` and `last` are the values with the smallest and the largest timestamp; among
///   points with equal timestamps, `first` takes the earliest in input order and `last` the
///   latest.
/// - `count` counts non-NaN values: 0 for an empty bucket, never NaN, and gap fill does not
///   apply to it.
/// - Every other aggregation gives an empty bucket a gap, which ``GapFill`` then fills.
///   Infinite inputs follow IEEE arithmetic (a bucket holding +∞ and −∞ sums to NaN; such a
///   NaN is a value, not a gap).
public enum Resampling {
    /// How the values in one bucket become one number.
    public enum Aggregation: Sendable, Hashable {
        /// The arithmetic mean, from a compensated (Neumaier) sum.
        case avg
        /// The compensated (Neumaier) sum.
        case sum
        case min
        case max
        /// The value with the largest timestamp.
        case last
        /// The value with the smallest timestamp.
        case first
        /// The number of non-NaN values; 0 for an empty bucket.
        case count
        /// The quantile at probability `p` in `0...1`, by numpy's default linear
        /// interpolation (Hyndman & Fan definition 7; see `Statistics.quantile`).
        case quantile(Double)
    }

    /// What an empty bucket holds after aggregation.
    public enum GapFill: Sendable, Hashable {
        /// NaN.
        case missing
        /// The value of the nearest earlier non-empty bucket (pandas `ffill`). Gaps before the
        /// first non-empty bucket stay NaN; gaps after the last one are carried forward.
        case previous
        /// Linear interpolation in time between the nearest non-empty buckets on either side
        /// (pandas `interpolate(limit_area='inside')`). Leading and trailing gaps stay NaN:
        /// nothing is extrapolated.
        case linear
        /// Zero.
        case zero
    }

    /// One series aggregated onto `grid`.
    ///
    /// See ``Resampling`` for bucket boundaries and the treatment of NaN, ties and empty buckets.
    ///
    /// - Parameters:
    ///   - timestamps: The sample times, ascending (equal times allowed).
    ///   - values: One value per timestamp.
    ///   - grid: The buckets.
    ///   - aggregation: How the values in one bucket become one number.
    ///   - gapFill: What empty buckets hold (not applied to `count`).
    /// - Returns: `grid.count` values, one per bucket.
    /// - Precondition: `timestamps` is sorted and has as many elements as `values`;
    ///   a quantile's probability is in `0...1`.
    /// - Complexity: O(*n* + `grid.count`) for *n* samples; `quantile` adds a sort of each
    ///   bucket's values, O(*n* log *n*) at worst.
    public static func resample(
        timestamps: [Timestamp],
        values: [Double],
        grid: RegularGrid,
        aggregation: Aggregation,
        gapFill: GapFill
    ) -> [Double] {
        precondition(timestamps.count == values.count,
                     "\(timestamps.count) timestamps for \(values.count) values")
        for index in timestamps.indices.dropFirst() {
            precondition(timestamps[index - 1] <= timestamps[index], "timestamps are not sorted at index \(index)")
        }
        if case .quantile(let p) = aggregation {
            precondition((0...1).contains(p), "quantile probability \(p) is outside 0...1")
        }
        var result = [Double](repeating: .nan, count: grid.count)
        var filled = [Bool](repeating: false, count: grid.count)
        var bucket = BucketAccumulator()
        var current: Int?
        for (time, value) in zip(timestamps, values) where !value.isNaN {
            guard let index = grid.index(of: time) else { continue }
            if index != current {
                if let current { (result[current], filled[current]) = (bucket.result(aggregation), true) }
                bucket.reset()
                current = index
            }
            bucket.add(value, keepingValues: aggregation.needsValues)
        }
        if let current { (result[current], filled[current]) = (bucket.result(aggregation), true) }
        if case .count = aggregation {
            for index in result.indices where !filled[index] { result[index] = 0 }
            return result
        }
        fillGaps(&result, filled: filled, mode: gapFill)
        return result
    }

    /// Several series aggregated onto one grid, as the columns of a matrix.
    ///
    /// Each column is ``resample(timestamps:values:grid:aggregation:gapFill:)`` of one series,
    /// so the matrix is `grid.count` × `series.count` in column-major order, ready for BLAS.
    ///
    /// - Complexity: the sum of the single-series costs.
    public static func resample(
        series: [(timestamps: [Timestamp], values: [Double])],
        grid: RegularGrid,
        aggregation: Aggregation,
        gapFill: GapFill
    ) -> Matrix {
        var storage = [Double]()
        storage.reserveCapacity(grid.count * series.count)
        for one in series {
            storage.append(contentsOf: resample(timestamps: one.timestamps, values: one.values, grid: grid,
                                                aggregation: aggregation, gapFill: gapFill))
        }
        return Matrix(rows: grid.count, columns: series.count, columnMajor: storage)
    }

    /// Fills the entries of `values` where `filled` is false.
    static func fillGaps(_ values: inout [Double], filled: [Bool], mode: GapFill) {
        switch mode {
        case .missing:
            return
        case .zero:
            for index in values.indices where !filled[index] { values[index] = 0 }
        case .previous:
            var previous = Double.nan
            for index in values.indices {
                if filled[index] { previous = values[index] } else { values[index] = previous }
            }
        case .linear:
            var left: Int?
            for right in values.indices where filled[right] {
                if let left, right - left > 1 {
                    let a = values[left], b = values[right]
                    let span = Double(right - left)
                    for index in (left + 1)..<right {
                        let weight = Double(index - left) / span
                        values[index] = a + (b - a) * weight
                    }
                }
                left = right
            }
        }
    }
}

extension Resampling.Aggregation {
    /// Whether the aggregation needs the bucket's values themselves, not just running totals.
    var needsValues: Bool {
        if case .quantile = self { return true }
        return false
    }
}

/// Running statistics of the values in one bucket.
private struct BucketAccumulator {
    private var sum = CompensatedSum()
    private var count = 0
    private var minimum = Double.infinity
    private var maximum = -Double.infinity
    private var first = Double.nan
    private var last = Double.nan
    private var values: [Double] = []

    mutating func reset() {
        sum = CompensatedSum()
        count = 0
        minimum = .infinity
        maximum = -.infinity
        first = .nan
        last = .nan
        values.removeAll(keepingCapacity: true)
    }

    mutating func add(_ value: Double, keepingValues: Bool) {
        if count == 0 { first = value }
        last = value
        count += 1
        sum += value
        minimum = Swift.min(minimum, value)
        maximum = Swift.max(maximum, value)
        if keepingValues { values.append(value) }
    }

    /// The aggregate of a non-empty bucket.
    func result(_ aggregation: Resampling.Aggregation) -> Double {
        switch aggregation {
        case .avg: sum.value / Double(count)
        case .sum: sum.value
        case .min: minimum
        case .max: maximum
        case .last: last
        case .first: first
        case .count: Double(count)
        case .quantile(let p): Statistics.quantile(values, p)
        }
    }
}
