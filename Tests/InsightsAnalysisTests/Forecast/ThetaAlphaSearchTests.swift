import Foundation
@testable import InsightsAnalysis
import InsightsNumerics
import Testing

/// Theta's α search, sixteen SSEs per pass with the golden-section steps evaluated ahead, gives
/// the same α to the bit as the search one SSE at a time, and each lane the same SSE as `smooth`.
struct ThetaAlphaSearchTests {
    static func series(_ count: Int, seed: UInt64, kind: Int) -> [Double] {
        var generator = SplitMix64(seed: seed)
        var level = 50.0
        return (0..<count).map { t in
            let noise = Double.random(in: -1..<1, using: &generator)
            switch kind {
            case 0: return noise                                    // white noise: α near 0
            case 1: level += noise; return level                    // a random walk: α near 1
            default: return 100 + 0.1 * Double(t) + 5 * sin(Double(t) / 3) + noise
            }
        }
    }

    @Test(arguments: [(2, 0), (3, 1), (40, 2), (500, 0), (500, 1), (500, 2), (5_760, 1), (5_760, 2)])
    func sameAlphaToTheBitAsOneAtATime(count: Int, kind: Int) {
        let y = Self.series(count, seed: UInt64(count * 10 + kind), kind: kind)
        let fast = Theta.bestAlpha(y), reference = Theta.bestAlphaOneAtATime(y)
        #expect(fast.bitPattern == reference.bitPattern, "\(fast) vs \(reference)")
        let alphas = (0..<37).map { 0.0001 + Double($0) / 37 }
        let sums = Theta.sse(y, alphas: alphas)
        #expect(sums.count == alphas.count)
        for (alpha, sum) in zip(alphas, sums) {
            #expect(sum.bitPattern == Theta.smooth(y, alpha: alpha).sse.bitPattern, "α \(alpha)")
        }
    }

    @Test func constantSeriesKeepTheSearchDefinedAsBefore() {
        let y = [Double](repeating: 7, count: 100)
        #expect(Theta.bestAlpha(y).bitPattern == Theta.bestAlphaOneAtATime(y).bitPattern)
    }
}
