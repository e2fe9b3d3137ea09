import InsightsNumerics
import Testing
import TestSupport

extension StatisticsTests {
    /// Autocorrelation against statsmodels 0.15 `acf(x, nlags=10, fft=False)` and against the exact
    /// autocorrelations of the binary64 inputs, both from `bench/reference/descriptive.py`.
    ///
    /// Tolerances are absolute, relative to r(0) = 1, because the error of r(k) does not scale with
    /// |r(k)|. statsmodels centres with the rounded mean, which shifts r(k) by about
    /// u·|ȳ|/s in absolute terms: ≈1e-14 on Michelso (ȳ ≈ 300, s ≈ 0.08), which is 3e-13 relative to
    /// its small lags r(3) ≈ −0.02. Hence 1e-13 against statsmodels and 1e-15 against exact values.
    struct AutocorrelationTests {
        @Test(arguments: ReferenceSamples.cases)
        func matchesStatsmodelsAndExactValues(_ reference: ReferenceCase) throws {
            let x = try reference.sample
            let r = Statistics.autocorrelations(x, maxLag: ReferenceSamples.maxLag)
            #expect(r.count == ReferenceSamples.maxLag + 1)
            for lag in 0...ReferenceSamples.maxLag {
                // statsmodels stops at lag n - 1; lags without pairs are 0 by the definition.
                guard lag < reference.acf.count else {
                    #expect(r[lag] == 0, "lag \(lag)")
                    continue
                }
                #expect(abs(r[lag] - reference.acf[lag]) <= 1e-13, "lag \(lag)")
                #expect(abs(r[lag] - reference.exactACF[lag]) <= 1e-15, "lag \(lag)")
                #expect(Statistics.autocorrelation(x, lag: lag) == r[lag], "lag \(lag)")
            }
        }

        @Test(arguments: [1, 2, 5, 30])
        func agreesWithNaiveFormula(lag: Int) {
            let y = ReferenceSamples.lcgSample(count: 500, seed: UInt64(lag))
            let mean = y.reduce(0, +) / Double(y.count)
            let denominator = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let numerator = (lag..<y.count).reduce(0) { $0 + (y[$1] - mean) * (y[$1 - lag] - mean) }
            let naive = numerator / denominator
            #expect(abs(Statistics.autocorrelation(y, lag: lag) - naive) <= 1e-12)
        }

        @Test func alternatingSeriesByHand() {
            // Mean 0, deviations ±1: r(k) = (n - k)/n · (-1)^k.
            let y: [Double] = [1, -1, 1, -1]
            #expect(Statistics.autocorrelations(y, maxLag: 5) == [1, -0.75, 0.5, -0.25, 0, 0])
        }

        @Test func constantEmptyAndNaNSeriesGiveNaN() {
            #expect(Statistics.autocorrelations([3.0, 3, 3], maxLag: 2).allSatisfy { $0.isNaN })
            #expect(Statistics.autocorrelations([Double](), maxLag: 1).allSatisfy { $0.isNaN })
            #expect(Statistics.autocorrelation([1.0, .nan, 2, 4], lag: 1).isNaN)
        }
    }
}
