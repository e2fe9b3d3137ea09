import InsightsAnalysis
import InsightsNumerics
import Foundation
import Testing

/// Change points on real series against bench/reference/trend_statsmodels.py ([pelt]: exact
/// optimal partitioning with the same cost and penalty, no pruning; [sup-f]: the Chow F
/// statistic maximised over splits in numpy, with the JJS p-value), and exact recovery on
/// synthetic series.
struct ChangePointReferenceTests {
    @Test(arguments: [
        ("nile_yearly", 115.31938907582835, [28]),
        ("elnino_sst_monthly", 0.9644894359069298, [5, 12, 19, 24, 29, 36, 41, 53, 60, 64, 72, 77, 85, 90, 96, 101, 108,
            113, 120, 125, 132, 137, 144, 149, 156, 161, 168, 172, 180, 186, 192, 196, 204, 209, 216, 220, 228, 234, 239,
            245, 252, 257, 264, 281, 288, 293, 300, 305, 312, 318, 324, 329, 336, 341, 348, 353, 360, 365, 373, 377, 383,
            395, 402, 413, 420, 424, 432, 436, 444, 449, 461, 468, 472, 480, 485, 492, 497, 504, 509, 516, 522, 528, 533,
            539, 545, 552, 557, 564, 575, 582, 588, 593, 600, 605, 612, 617, 624, 629, 635, 640, 648, 652, 659, 665, 672,
            676, 683, 689, 696, 701, 708, 714, 720, 726]),
    ])
    func peltMatchesOptimalPartitioning(_ name: String, _ sigma: Double, _ points: [Int]) throws {
        let values = try ClassicSeries.values(name)
        let result = try ChangePointDetection.meanShifts(values)
        #expect(close(result.noiseScale, sigma, 1e-12), "sigma \(result.noiseScale)")
        #expect(close(result.penalty, 2 * log(Double(values.count)), 1e-15))
        #expect(result.changePoints.map(\.index) == points)
    }

    /// [pelt-slope]: piecewise-linear segments, penalty 3·log n, minimum segment 3.
    @Test(arguments: [("nile_yearly", [28]),
                      ("airpassengers_monthly", [58, 69, 81, 93, 102, 106, 114, 118, 126, 130, 138])])
    func slopePeltMatchesOptimalPartitioning(_ name: String, _ points: [Int]) throws {
        let values = try ClassicSeries.values(name)
        let result = try ChangePointDetection.slopeChanges(values)
        #expect(close(result.penalty, 3 * log(Double(values.count)), 1e-15))
        #expect(result.changePoints.map(\.index) == points)
    }

    /// Nile: the 1898 dam (index 28) lowers the mean by about 250 (Cobb 1978).
    @Test func nileShiftIsFoundWithItsSize() throws {
        let values = try ClassicSeries.values("nile_yearly")
        let result = try ChangePointDetection.meanShifts(values)
        let shift = try #require(result.changePoints.first)
        #expect(shift.index == 28)
        let before = values[..<28].reduce(0, +) / 28, after = values[28...].reduce(0, +) / 72
        #expect(close(shift.size, after - before, 1e-10))
        #expect(shift.pValue < 1e-10)
    }

    @Test(arguments: [("nile_yearly", 75.92976942748544, 28, 3.928981817439445e-16),
                      ("elnino_sst_monthly", 12.16431847819387, 384, 0.01114750407278698)])
    func singleSplitMatchesReference(_ name: String, _ statistic: Double, _ index: Int, _ p: Double) throws {
        let split = try SingleSplit.best(try ClassicSeries.values(name))
        #expect(split.index == index)
        #expect(close(split.statistic, statistic), "sup F \(split.statistic)")
        #expect(close(split.pValue, p, 1e-8), "p \(split.pValue)")
    }

    /// The approximation reproduces Andrews' (1993, Table 1) 5% critical value 8.85 for one
    /// restriction and π₀ = 0.15 to within its rounding.
    @Test func tailApproximationHitsAndrewsCriticalValue() {
        let p = SingleSplit.tailProbability(8.85, from: 0.15, to: 0.85)
        #expect(abs(p - 0.05) < 0.002, "\(p)")
    }

    /// Low noise (±0.05 from a seeded generator) on steps of 3 and −2: exact recovery.
    @Test func synthetic_meanShiftsAreRecoveredExactly() throws {
        var random = SplitMix64(seed: 42)
        let levels = [(0..<60, 1.0), (60..<130, 4.0), (130..<200, 2.0)]
        var values = [Double](repeating: 0, count: 200)
        for (range, level) in levels {
            for i in range { values[i] = level + 0.1 * (random.uniform() - 0.5) }
        }
        values[100] = .nan
        let result = try ChangePointDetection.meanShifts(values)
        #expect(result.changePoints.map(\.index) == [60, 130])
        #expect(abs(result.changePoints[0].size - 3) < 0.05)
        #expect(abs(result.changePoints[1].size + 2) < 0.05)
    }

    /// A line whose slope goes 0.1 → −0.2 → 0.3 at 80 and 150, with level jumps of 2 there (a
    /// continuous kink point lies on both lines, so either side would be an exact fit), low noise.
    @Test func synthetic_slopeChangesAreRecoveredExactly() throws {
        var random = SplitMix64(seed: 7)
        var values: [Double] = []
        var level = 5.0
        for i in 0..<240 {
            level += i < 80 ? 0.1 : i < 150 ? -0.2 : 0.3
            if i == 80 || i == 150 { level += 2 }
            values.append(level + 0.02 * (random.uniform() - 0.5))
        }
        let result = try ChangePointDetection.slopeChanges(values)
        #expect(result.changePoints.map(\.index) == [80, 150])
        #expect(abs(result.changePoints[0].size + 0.3) < 0.01)
        #expect(abs(result.changePoints[1].size - 0.5) < 0.01)
    }

    @Test func noChangeInPureNoise() throws {
        var random = SplitMix64(seed: 3)
        let values = (0..<300).map { _ in random.uniform() }
        #expect(try ChangePointDetection.meanShifts(values).changePoints.isEmpty)
    }
}
