/// One time series as PromQL sees it: a label set and samples in time order.
///
/// Used both for raw scraped samples (the input of `PromQL.rate(_:range:at:)`,
/// `PromQL.instant(_:at:lookback:)` and friends) and for the result of
/// evaluating an expression over a grid of evaluation times. In a result, a point the
/// expression has no value for is simply missing, as in the matrix a Prometheus range
/// query returns; a present point may still hold NaN (`histogram_quantile` of an empty
/// histogram, for example).
public struct PromQLSeries: Sendable, Hashable {
    /// The label set. A metric name, when wanted, is the `__name__` label.
    public var labels: [String: String]
    /// Sample times in nanoseconds since the Unix epoch, strictly increasing.
    public var timestamps: [Int64]
    /// Sample values, one per timestamp.
    public var values: [Double]

    /// Creates a series.
    ///
    /// - Parameters:
    ///   - labels: The label set.
    ///   - timestamps: Nanoseconds since the Unix epoch, strictly increasing.
    ///   - values: One value per timestamp.
    public init(labels: [String: String] = [:], timestamps: [Int64], values: [Double]) {
        precondition(timestamps.count == values.count, "timestamps and values differ in length")
        precondition(zip(timestamps, timestamps.dropFirst()).allSatisfy { $0 < $1 },
                     "timestamps must be strictly increasing")
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
    }

    /// The series' value at `time` if it has a point exactly there, else nil.
    ///
    /// - Complexity: O(log n).
    public func value(at time: Int64) -> Double? {
        let index = timestamps.firstIndex(notBefore: time)
        return index < timestamps.count && timestamps[index] == time ? values[index] : nil
    }
}

extension Array where Element == Int64 {
    /// The first index whose element is ≥ `time` (`count` when none is); the array is sorted.
    func firstIndex(notBefore time: Int64) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first index whose element is > `time` (`count` when none is); the array is sorted.
    func firstIndex(after time: Int64) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
