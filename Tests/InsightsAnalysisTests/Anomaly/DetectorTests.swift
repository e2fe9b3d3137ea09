import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing

/// Detectors on series with a known injected anomaly.
struct DetectorTests {
    /// A daily cycle (period 96) with Gaussian noise, seeded.
    static func seasonal(_ n: Int, seed: UInt64, noise: Double = 1) -> [Double] {
        var random = SplitMix64(seed: seed)
        return (0..<n).map { t in
            let u1 = max(random.uniform(), 1e-300), u2 = random.uniform()
            let gaussian = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
            return 100 + 20 * Foundation.sin(2 * Double.pi * Double(t) / 96) + noise * gaussian
        }
    }

    @Test func residualDetectorFindsASpikeAndItsExpectedValue() {
        var values = Self.seasonal(96 * 7, seed: 1)
        let clean = values[400]
        values[400] += 15
        let scores = ResidualDetector().score(values, period: 96)
        let top = scores.score.indices.max { scores.score[$0] < scores.score[$1] }
        #expect(top == 400)
        #expect(scores.score[400] > 8)
        // The expectation at the spike is the clean value within a few noise SDs.
        #expect(abs(scores.expected[400] - clean) < 4)
    }

    @Test func levelShiftDetectorSignalsTheShiftSoonAfterItStarts() {
        var values = Self.seasonal(96 * 7, seed: 2)
        for t in 400..<values.count { values[t] += 6 }
        let scores = LevelShiftDetector().score(values, period: 96)
        let first = scores.score.indices.first { scores.score[$0] >= 1 }
        #expect(first.map { (400...412).contains($0) } == true, "first signal at \(String(describing: first))")
    }

    @Test func pcaDetectorNamesTheSeriesThatBrokeTheCorrelation() throws {
        let n = 500
        var random = SplitMix64(seed: 3)
        let driver = (0..<n).map { _ in random.uniform() * 10 }
        var columns = (0..<4).map { j in driver.map { $0 * Double(j + 1) + random.uniform() * 0.1 } }
        columns[2][250] += 5   // small for series 2's scale, but off the common pattern
        let result = try PCAResidualDetector().score(Matrix(columns: columns))
        let top = result.score.indices.max { result.score[$0] < result.score[$1] }
        #expect(top == 250)
        let shares = (0..<4).map { result.contributions[250, $0] }
        #expect(shares.indices.max { shares[$0] < shares[$1] } == 2)
        #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
    }

    @Test func scanReportsOneAnomalyWithItsShape() {
        var values = Self.seasonal(96 * 7, seed: 4)
        values[300] -= 60
        values[301] -= 60
        let anomalies = AnomalyScan().run([values, Self.seasonal(96 * 7, seed: 5)], period: 96)
        #expect(anomalies.count == 1)
        let anomaly = try? #require(anomalies.first)
        #expect(anomaly?.series == 0 && anomaly?.start == 300 && anomaly?.end == 301)
        #expect(anomaly?.direction == .down && (anomaly?.probability ?? 0) > 0.5)
        #expect(anomaly.map { $0.observed < $0.lower } == true)
    }

    @Test func benjaminiHochbergOverAScanFlagsOnlyTheClearCase() {
        var values = Self.seasonal(96 * 7, seed: 6)
        values[500] += 40
        let anomalies = AnomalyScan(fdr: 0.01).run([values], period: 96)
        #expect(anomalies.contains { $0.start <= 500 && $0.end >= 500 })
    }
}
