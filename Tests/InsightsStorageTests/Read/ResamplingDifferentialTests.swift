import InsightsNumerics
import InsightsStorage
import Testing

/// Seeded random series compared with a naive reference that scans every point for every
/// bucket and searches outward for gap-fill neighbours.
struct ResamplingDifferentialTests {
    static let aggregations: [Resampling.Aggregation] = [
        .avg, .sum, .min, .max, .first, .last, .count, .quantile(0), .quantile(0.3), .quantile(1),
    ]
    static let gapFills: [Resampling.GapFill] = [.missing, .previous, .linear, .zero]

    @Test(arguments: 1...40)
    func agreesWithNaiveReference(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let n = Int.random(in: 0...60, using: &random)
        // Few distinct times, so edges and ties are common; some before the epoch.
        let timestamps = (0..<n).map { _ in Timestamp.random(in: -60...60, using: &random) }.sorted()
        // Quarter-integers make every sum exact, so both sides round alike.
        let values = (0..<n).map { _ in
            Int.random(in: 0..<10, using: &random) == 0 ? Double.nan : Double(Int.random(in: -40...40, using: &random)) / 4
        }
        let step = Int64.random(in: 1...15, using: &random)
        let lower = Timestamp.random(in: -80...40, using: &random)
        let grid = RegularGrid(aligning: lower..<(lower + Int64.random(in: 0...120, using: &random)), step: step)
        for aggregation in Self.aggregations {
            for gapFill in Self.gapFills {
                let fast = Resampling.resample(timestamps: timestamps, values: values, grid: grid,
                                               aggregation: aggregation, gapFill: gapFill)
                let slow = Self.naive(timestamps: timestamps, values: values, grid: grid,
                                      aggregation: aggregation, gapFill: gapFill)
                #expect(fast.count == slow.count)
                for (index, (a, b)) in zip(fast, slow).enumerated() {
                    let close = (a.isNaN && b.isNaN) || abs(a - b) <= 1e-12 * max(1, abs(b))
                    #expect(close, "seed \(seed), \(aggregation), \(gapFill), bucket \(index): \(a) vs \(b)")
                }
            }
        }
    }

    static func naive(timestamps: [Timestamp], values: [Double], grid: RegularGrid,
                      aggregation: Resampling.Aggregation, gapFill: Resampling.GapFill) -> [Double] {
        var buckets: [[Double]] = []
        for i in 0..<grid.count {
            let low = grid.start + Int64(i) * grid.step, high = low + grid.step
            buckets.append(zip(timestamps, values).filter { $0.0 >= low && $0.0 < high && !$0.1.isNaN }.map(\.1))
        }
        let raw: [Double?] = buckets.map { bucket in
            if case .count = aggregation { return Double(bucket.count) }
            guard !bucket.isEmpty else { return nil }
            switch aggregation {
            case .avg: return bucket.reduce(0, +) / Double(bucket.count)
            case .sum: return bucket.reduce(0, +)
            case .min: return bucket.min()!
            case .max: return bucket.max()!
            case .first: return bucket.first!
            case .last: return bucket.last!
            case .count: return Double(bucket.count)
            case .quantile(let p): return Statistics.quantile(bucket, p)
            }
        }
        return raw.indices.map { i in
            if let value = raw[i] { return value }
            let left = raw[..<i].lastIndex { $0 != nil }
            let right = raw[(i + 1)...].firstIndex { $0 != nil }
            switch gapFill {
            case .missing: return .nan
            case .zero: return 0
            case .previous: return left.map { raw[$0]! } ?? .nan
            case .linear:
                guard let left, let right else { return .nan }
                let a = raw[left]!, b = raw[right]!
                return a + (b - a) * Double(i - left) / Double(right - left)
            }
        }
    }
}
