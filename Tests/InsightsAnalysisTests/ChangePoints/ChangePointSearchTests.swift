import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing

/// The pruned searches against optimal partitioning without pruning (Jackson et al. 2005),
/// written out here, on seeded series with shifts; and the mean search with functional
/// pruning against PELT alone, boundary for boundary.
struct ChangePointSearchTests {
    /// `F(e) = min_s F(s) + cost(s, e) + β` over every usable s (`s = 0`, or `m ≤ s ≤ e − m`),
    /// `F(0) = −β`, the first s winning a tie: O(n²) cost evaluations.
    /// - Returns: The change positions (starts of the segments after the first).
    static func optimalPartitioning(count n: Int, penalty: Double, minimumSegment m: Int,
                                    cost: (Int, Int) -> Double) -> [Int] {
        var best = [Double](repeating: .infinity, count: n + 1)
        var last = [Int](repeating: 0, count: n + 1)
        best[0] = -penalty
        for e in stride(from: m, through: n, by: 1) {
            for s in [0] + Array(stride(from: m, through: e - m, by: 1)) {
                let value = best[s] + cost(s, e) + penalty
                if value < best[e] { best[e] = value; last[e] = s }
            }
        }
        var changes: [Int] = []
        var e = last[n]
        while e > 0 {
            changes.append(e)
            e = last[e]
        }
        return changes.reversed()
    }

    /// `Σ(y − ȳ)²` over `[s, e)` from prefix sums of the values centred on their mean.
    static func meanCost(_ y: [Double], sigma: Double) -> (Int, Int) -> Double {
        let mean = y.reduce(0, +) / Double(y.count)
        var sum = [0.0], squares = [0.0]
        for v in y {
            sum.append(sum[sum.count - 1] + (v - mean))
            squares.append(squares[squares.count - 1] + (v - mean) * (v - mean))
        }
        return { s, e in
            let total = sum[e] - sum[s]
            return max(0, squares[e] - squares[s] - total * total / Double(e - s)) / (sigma * sigma)
        }
    }

    /// The residual sum of squares about `[s, e)`'s own least-squares line on time = index,
    /// fitted directly (two passes over the segment), over σ².
    static func lineCost(_ y: [Double], sigma: Double) -> (Int, Int) -> Double {
        { s, e in
            let count = Double(e - s)
            var meanT = 0.0, meanY = 0.0
            for i in s..<e { meanT += Double(i); meanY += y[i] }
            meanT /= count
            meanY /= count
            var stt = 0.0, sty = 0.0
            for i in s..<e { stt += (Double(i) - meanT) * (Double(i) - meanT); sty += (Double(i) - meanT) * (y[i] - meanY) }
            let slope = sty / stt
            var rss = 0.0
            for i in s..<e {
                let residual = y[i] - meanY - slope * (Double(i) - meanT)
                rss += residual * residual
            }
            return rss / (sigma * sigma)
        }
    }

    /// Standard normal noise by Box–Muller from `random`.
    static func normal(_ random: inout SplitMix64) -> Double {
        let u = 1 - random.uniform(), v = random.uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// 300–1500 values of unit normal noise around a level that shifts 0–6 times, by 0.5 to
    /// 4 noise units either way, at seeded positions.
    static func shiftedSeries(seed: UInt64) -> [Double] {
        var random = SplitMix64(seed: seed)
        let n = 300 + Int(random.uniform() * 1200)
        let shifts = Set((0..<Int(random.uniform() * 7)).map { _ in 1 + Int(random.uniform() * Double(n - 1)) })
        var level = 10.0
        return (0..<n).map { i in
            if shifts.contains(i) { level += (random.uniform() < 0.5 ? -1 : 1) * (0.5 + 3.5 * random.uniform()) }
            return level + normal(&random)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as [UInt64])
    func meanShiftsEqualOptimalPartitioning(seed: UInt64) throws {
        let values = Self.shiftedSeries(seed: seed)
        let result = try ChangePointDetection.meanShifts(values)
        let expected = Self.optimalPartitioning(count: values.count, penalty: result.penalty, minimumSegment: 2,
                                                cost: Self.meanCost(values, sigma: result.noiseScale))
        #expect(result.changePoints.map(\.index) == expected)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func slopeChangesEqualOptimalPartitioning(seed: UInt64) throws {
        // Kinks: the level series of `shiftedSeries` summed, on a shorter stretch (the
        // reference is O(n³)).
        var random = SplitMix64(seed: seed)
        var slope = 0.0, level = 0.0
        let values: [Double] = (0..<240).map { i in
            if i % 60 == 30 { slope += (random.uniform() - 0.5) * 0.8 }
            level += slope
            return level + Self.normal(&random)
        }
        let result = try ChangePointDetection.slopeChanges(values)
        let expected = Self.optimalPartitioning(count: values.count, penalty: result.penalty, minimumSegment: 3,
                                                cost: Self.lineCost(values, sigma: result.noiseScale))
        #expect(!expected.isEmpty)
        #expect(result.changePoints.map(\.index) == expected)
    }

    /// The mean search with functional pruning and with PELT's rule alone.
    static func traces(_ values: [Double])
        -> (functional: ChangePointDetection.SearchTrace, pelt: ChangePointDetection.SearchTrace)?
    {
        guard let functional = ChangePointDetection.traceMeanSearch(values, functionalPruning: true),
              let pelt = ChangePointDetection.traceMeanSearch(values, functionalPruning: false) else { return nil }
        return (functional, pelt)
    }

    /// Functional pruning gives PELT's boundaries on series with many, few and no changes,
    /// and on the reference series.
    @Test(arguments: Array(1...20) as [UInt64])
    func functionalPruningEqualsPELT(seed: UInt64) throws {
        let trace = try #require(Self.traces(Self.shiftedSeries(seed: seed)))
        #expect(trace.functional.bounds == trace.pelt.bounds)
        #expect(trace.functional.evaluations <= trace.pelt.evaluations)
    }

    @Test(arguments: ["nile_yearly", "elnino_sst_monthly", "airpassengers_monthly", "co2_weekly_maunaloa"])
    func functionalPruningEqualsPELTOnReferenceSeries(_ name: String) throws {
        let values = try ClassicSeries.values(name)
        let trace = try #require(Self.traces(values))
        #expect(trace.functional.bounds == trace.pelt.bounds)
    }

    /// With no change, PELT's rule drops almost nothing (its evaluations grow as n²/2); the
    /// functional pruning keeps about 116 per step here (465,531 evaluations measured, against
    /// about 8 million), so the bound leaves room for platform differences, not a regression.
    @Test func functionalPruningKeepsFewBoundariesWithoutChanges() throws {
        var random = SplitMix64(seed: 99)
        let n = 4000
        let values = (0..<n).map { _ in Self.normal(&random) }
        let trace = try #require(Self.traces(values))
        #expect(trace.functional.bounds == trace.pelt.bounds)
        #expect(trace.functional.bounds == [0, n])
        #expect(trace.pelt.evaluations > n * n / 8, "PELT \(trace.pelt.evaluations)")
        #expect(trace.functional.evaluations < n * 250, "functional \(trace.functional.evaluations)")
    }
}
