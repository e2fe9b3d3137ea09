import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing

/// Count-aware anomaly scores: binomial noise scales with the number of trials.
struct CountAnomaliesTests {
    /// 28 days at exactly 40 %, then a day at 30 %: with 50 users a day the drop is noise
    /// (z = −5/√(50·0.24·(1 + 50/1400)) = −1.42), with 50,000 it is not (z ≈ −45).
    @Test func theSameDropMattersOnlyWithEnoughUsers() {
        for (users, flagged) in [(50.0, false), (50_000.0, true)] {
            let trials = [Double](repeating: users, count: 29)
            let successes = (0..<29).map { $0 < 28 ? 0.4 * users : 0.3 * users }
            let last = CountAnomalies.rates(successes: successes, trials: trials).last!
            let z = -0.1 * users / (users * 0.24 * (1 + users / (28 * users))).squareRoot()
            #expect(abs(last.z - z) < 1e-9 * abs(z), "\(users)")
            #expect(last.dispersion == 1 && abs(last.expected - 0.4) < 1e-15)
            #expect(last.pValue == 2 * Normal().survival(abs(z)))
            #expect(last.flagged == flagged, "\(users)")
        }
    }

    /// Overdispersed history (the rate wanders more than binomial noise) widens the band: a
    /// dip that a binomial test would flag is within the history's own spread.
    @Test func overdispersionWidensTheBand() {
        let trials = [Double](repeating: 10_000, count: 29)
        let history = (0..<28).map { 4000 + ($0 % 2 == 0 ? 300.0 : -300.0) }
        let score = CountAnomalies.rates(successes: history + [3600], trials: trials).last!
        // X² = 28 · 300² / (10,000 · 0.4 · 0.6) = 1050, φ = 1050 / 27.
        #expect(abs(score.dispersion - 1050.0 / 27) < 1e-9)
        #expect(!score.flagged)
        let binomial = CountAnomalies.rates(successes: [Double](repeating: 4000, count: 28) + [3600], trials: trials).last!
        #expect(binomial.flagged)
    }

    /// Seeded A/A data: binomial rates and Poisson counts with no change. Flags at FDR 5 %
    /// should be rare (BH controls the expected share of false flags among flags; with no true
    /// anomaly, any flag is false, and the chance of any is at most about 5 %).
    @Test func constantProcessesRarelyFlag() {
        var random = SplitMix64(seed: 11)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        func poisson(_ mean: Double) -> Double {  // Knuth's product method; fine for small means
            var k = 0.0, p = 1.0
            let limit = exp(-mean)
            repeat { k += 1; p *= uniform() } while p > limit
            return k - 1
        }
        var runsWithFlags = 0, poissonRunsWithFlags = 0
        for _ in 0..<100 {
            let trials = (0..<120).map { _ in Double(50 + Int(uniform() * 500)) }
            let successes = trials.map { n in (0..<Int(n)).reduce(0.0) { s, _ in s + (uniform() < 0.3 ? 1 : 0) } }
            if CountAnomalies.rates(successes: successes, trials: trials, options: .init(season: 7)).contains(where: \.flagged) {
                runsWithFlags += 1
            }
            let counts = (0..<120).map { _ in poisson(20) }
            if CountAnomalies.counts(counts).contains(where: \.flagged) { poissonRunsWithFlags += 1 }
        }
        #expect(runsWithFlags <= 10, "\(runsWithFlags) of 100 constant-rate runs flagged something")
        #expect(poissonRunsWithFlags <= 10, "\(poissonRunsWithFlags) of 100 constant-count runs flagged something")
    }

    @Test func aCountSpikeIsFlaggedAndShortHistoriesAreNotScored() {
        let counts = [Double](repeating: 100, count: 20) + [160]
        let scores = CountAnomalies.counts(counts)
        #expect(scores.prefix(7).allSatisfy { $0.z.isNaN })
        #expect(scores.last!.flagged && abs(scores.last!.expected - 100) < 1e-12)
        // z = 60 / √(100 · (1 + 1/20)).
        #expect(abs(scores.last!.z - 60 / (105.0).squareRoot()) < 1e-12)
    }
}
