/// The last `capacity` values of a stream kept in arrival order and in sorted order, so
/// that quantiles of the recent past cost O(1) and each update O(capacity) (one binary
/// search and one shift of contiguous memory in each direction).
struct RollingQuantiles: Sendable {
    let capacity: Int
    private var arrivals: [Double] = []
    private var oldest = 0
    private(set) var sorted: [Double] = []

    init(capacity: Int) {
        precondition(capacity > 0, "capacity must be positive")
        self.capacity = capacity
        arrivals.reserveCapacity(capacity)
        sorted.reserveCapacity(capacity)
    }

    var count: Int { sorted.count }

    /// Adds `value` (not NaN), dropping the oldest value once full.
    mutating func append(_ value: Double) {
        if arrivals.count == capacity {
            let leaving = arrivals[oldest]
            sorted.remove(at: Self.lowerBound(of: leaving, in: sorted))
            arrivals[oldest] = value
            oldest = (oldest + 1) % capacity
        } else {
            arrivals.append(value)
        }
        sorted.insert(value, at: Self.lowerBound(of: value, in: sorted))
    }

    /// The `p` quantile by linear interpolation between order statistics (Hyndman & Fan
    /// type 7); NaN when empty.
    func quantile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = p * Double(sorted.count - 1)
        let below = Int(position)
        let above = min(below + 1, sorted.count - 1)
        let weight = position - Double(below)
        return sorted[below] + weight * (sorted[above] - sorted[below])
    }

    private static func lowerBound(of value: Double, in values: [Double]) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
