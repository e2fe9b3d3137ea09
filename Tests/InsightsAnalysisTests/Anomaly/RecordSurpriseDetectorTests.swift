import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing

/// Properties of the default detector on seeded synthetic series (5-minute steps, a daily
/// sine plus Gaussian-ish noise). Its NAB scores are checked by the CLI tests and `make eval`.
struct RecordSurpriseDetectorTests {
    static let step: Int64 = 300_000_000_000

    /// Four days of a daily cycle with noise; `spikeAt` adds a jump of 12 noise SDs to one row.
    static func series(seed: UInt64, rows: Int = 1152, spikeAt: Int? = nil) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<rows).map { row in
            // Sum of four uniforms: roughly normal with SD 0.58.
            let noise = (0..<4).reduce(0.0) { sum, _ in sum + generator.uniform() } - 2
            let cycle = 10 * sin(2 * Double.pi * Double(row) / 288)
            return 50 + cycle + noise + (row == spikeAt ? 12 * 0.58 : 0)
        }
    }

    static func scores(_ values: [Double]) -> [Double] {
        var detector = RecordSurpriseDetector()
        return values.enumerated().map { detector.update(timestamp: Int64($0) * step, value: $1) }
    }

    /// No look-ahead: the scores of a prefix do not depend on what follows it.
    @Test func scoresAreCausal() {
        let values = Self.series(seed: 1, spikeAt: 900)
        let full = Self.scores(values)
        let prefix = Self.scores(Array(values.prefix(700)))
        #expect(Array(full.prefix(700)) == prefix)
    }

    /// Scores lie in [0, 1]; a NaN scores 0 and leaves the state as it was.
    @Test func scoresAreInRangeAndNaNIsSkipped() {
        let values = Self.series(seed: 2)
        let plain = Self.scores(values)
        #expect(plain.allSatisfy { $0 >= 0 && $0 <= 1 })
        var withGap = values
        withGap.insert(.nan, at: 500)
        let gapped = Self.scores(withGap)
        #expect(gapped[500] == 0)
        #expect(Array(gapped[..<500]) + Array(gapped[501...]) == plain)
    }

    /// A 12-sigma jump on day four beats the recent record (score above 0.5) and stands above
    /// every other row after the warm-up, for several seeds.
    @Test(arguments: [3, 4, 5] as [UInt64]) func spikeStandsOut(seed: UInt64) {
        let spike = 1000
        let scores = Self.scores(Self.series(seed: seed, spikeAt: spike))
        let others = scores.enumerated().filter { $0.offset != spike }.map(\.element).max()!
        #expect(scores[spike] > 0.5, "\(scores[spike])")
        #expect(scores[spike] > others, "\(scores[spike]) vs \(others)")
    }

    /// Once two days have been seen, a perfectly repeating square wave (a regular but abrupt
    /// change) never beats its record; a constant series scores 0 throughout.
    @Test func regularPatternsDoNotFire() {
        let square = (0..<2016).map { row in (row % 288) < 144 ? 80.0 : 20.0 }
        #expect(Self.scores(square).dropFirst(576).allSatisfy { $0 <= 0.5 })
        #expect(Self.scores([Double](repeating: 3, count: 2016)).allSatisfy { $0 == 0 })
    }
}
