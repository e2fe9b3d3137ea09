/// Evenly spaced time buckets: bucket *i* is the half-open interval
/// `[start + i·step, start + (i+1)·step)`, labelled by its start.
///
/// Grids built with ``init(aligning:step:)`` start at a multiple of `step` counted from the
/// Unix epoch (rounding down, also before 1970), as Prometheus range queries and most time
/// series databases align their steps, so two reads with the same step share bucket edges.
public struct RegularGrid: Sendable, Equatable {
    /// The start of bucket 0, in nanoseconds since the epoch.
    public let start: Timestamp
    /// The bucket width in nanoseconds; positive.
    public let step: Int64
    /// The number of buckets.
    public let count: Int

    /// Creates a grid of `count` buckets of width `step` from `start`, unaligned.
    ///
    /// - Precondition: `step > 0`, `count >= 0`, and the end `start + count·step` fits in an `Int64`.
    public init(start: Timestamp, step: Int64, count: Int) {
        precondition(step > 0, "grid step \(step) must be positive")
        precondition(count >= 0, "grid count \(count) must not be negative")
        let (span, spanOverflow) = step.multipliedReportingOverflow(by: Int64(count))
        let (_, endOverflow) = start.addingReportingOverflow(span)
        precondition(!spanOverflow && !endOverflow, "grid end overflows Int64 nanoseconds")
        self.start = start
        self.step = step
        self.count = count
    }

    /// Creates the smallest epoch-aligned grid whose buckets cover `range`.
    ///
    /// The first bucket starts at `range.lowerBound` rounded down to a multiple of `step`
    /// (floor division, so −1 ns with a 1 s step aligns to −1 s); the last bucket is the one
    /// holding `range.upperBound − 1`. An empty range gives an empty grid at the aligned start.
    ///
    /// - Parameters:
    ///   - range: The half-open time range to cover.
    ///   - step: The bucket width in nanoseconds; positive.
    public init(aligning range: Range<Timestamp>, step: Int64) {
        precondition(step > 0, "grid step \(step) must be positive")
        let start = Self.floor(range.lowerBound, multipleOf: step)
        let count = range.isEmpty ? 0 : Int((range.upperBound - 1 - start) / step) + 1
        self.init(start: start, step: step, count: count)
    }

    /// The end of the last bucket (exclusive): `start + count·step`.
    public var end: Timestamp { start + step * Int64(count) }

    /// The start of each bucket, in order.
    public var timestamps: [Timestamp] {
        (0..<count).map { start + step * Int64($0) }
    }

    /// The start of bucket `index`.
    public func timestamp(at index: Int) -> Timestamp {
        precondition(index >= 0 && index < count, "bucket \(index) is outside 0..<\(count)")
        return start + step * Int64(index)
    }

    /// The bucket holding `timestamp`, or nil when it falls before ``start`` or at or after ``end``.
    ///
    /// - Complexity: O(1).
    public func index(of timestamp: Timestamp) -> Int? {
        guard timestamp >= start, timestamp < end else { return nil }
        return Int((timestamp - start) / step)
    }

    /// `value` rounded down to a multiple of `step` (toward −∞, unlike `/`).
    static func floor(_ value: Int64, multipleOf step: Int64) -> Int64 {
        let remainder = value % step
        return remainder < 0 ? value - remainder - step : value - remainder
    }
}
