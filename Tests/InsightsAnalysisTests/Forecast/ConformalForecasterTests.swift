import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing

/// Split-conformal bands on rolling-origin backtests, against a direct re-computation of the
/// rank rule and against the known quantiles of Gaussian noise.
struct ConformalForecasterTests {
    /// Origins n − H − i·s, errors |y − last value|, band radius the ⌈(N+1)L⌉-th smallest error
    /// per step (the largest when that rank exceeds N), recomputed here by hand.
    @Test(arguments: [0.5, 0.8, 0.95])
    func bandIsTheConformalRankOfBacktestErrors(level: Double) throws {
        let y: [Double] = (0..<40).map { (i: Int) -> Double in
            let t = Double(i)
            return 10 + 3 * sin(0.9 * t) + 0.1 * t
        }
        let horizon = 3, windows = 5, spacing = 2
        let conformal = ConformalForecaster(LastValueModel(), windows: windows, spacing: spacing)
        let calibrated = try conformal.calibrate(y, horizon: horizon, levels: [level])
        #expect(calibrated.windows == windows)
        let band = try #require(calibrated.forecast.band(level))
        for h in 0..<horizon {
            var errors: [Double] = []
            for i in 0..<windows {
                let origin = y.count - horizon - i * spacing
                errors.append(abs(y[origin + h] - y[origin - 1]))
            }
            errors.sort()
            let rank = Int(ceil(Double(windows + 1) * level))  // 3, 5, 6 → 6 is past N: largest
            let radius = errors[min(rank, windows) - 1]
            #expect(abs(band.upper[h] - (y[39] + radius)) < 1e-12)
            #expect(abs(band.lower[h] - (y[39] - radius)) < 1e-12)
        }
    }

    /// Forecasting N(0, 1) noise by 0: the 80% radius estimates the 0.8 quantile of |Z|,
    /// 1.28155 (scipy `norm.ppf(0.9)`); with 199 windows its standard error is about 0.09, so
    /// ±0.3 is over three of them. Each backtest window calibrated on the older ones covers
    /// with probability ⌈(n+1)·0.8⌉/(n+1) ≥ 0.8 for noise; over 198 windows the rate is within
    /// 0.8 ± 0.07 (binomial standard error about 0.03).
    @Test func radiusEstimatesTheGaussianQuantile() throws {
        var rng = SplitMix64(seed: 42)
        let y = (0..<400).map { _ in Normal().quantile(rng.uniform()) }
        let conformal = ConformalForecaster(ConstantModel(value: 0), windows: 199, spacing: 1)
        let calibrated = try conformal.calibrate(y, horizon: 1, levels: [0.8])
        let band = try #require(calibrated.forecast.band(0.8))
        #expect(abs(band.upper[0] - 1.2815515655446004) < 0.3)
        let coverage = try #require(calibrated.coverage(0.8))
        #expect(abs(coverage - 0.8) < 0.07, "coverage \(coverage)")
    }

    /// Noise whose scale triples for the last 60 observations is not exchangeable: bands
    /// calibrated on the calm past miss the loud recent windows, and the backtest coverage says
    /// so (expected about 0.5 over the whole backtest instead of 0.8).
    @Test func backtestCoverageRevealsGrowingErrors() throws {
        var rng = SplitMix64(seed: 3)
        let y = (0..<300).map { t in (t < 240 ? 1.0 : 3.0) * Normal().quantile(rng.uniform()) }
        let calibrated = try ConformalForecaster(ConstantModel(value: 0), windows: 120, spacing: 1)
            .calibrate(y, horizon: 1, levels: [0.8])
        let coverage = try #require(calibrated.coverage(0.8))
        #expect(coverage < 0.7, "coverage \(coverage)")
    }

    /// Out-of-sample coverage on fresh noise: over 400 seeded replications with 39 windows the
    /// 80% band must cover the next value in 80% ± 6% of them (the expected rate is
    /// ⌈40·0.8⌉/40 = 0.8; the binomial standard error is 2%).
    @Test func coversFreshNoiseAtTheNominalRate() throws {
        var rng = SplitMix64(seed: 7)
        var covered = 0
        let replications = 400
        for _ in 0..<replications {
            let y = (0..<60).map { _ in Normal().quantile(rng.uniform()) }
            let next = Normal().quantile(rng.uniform())
            let calibrated = try ConformalForecaster(ConstantModel(value: 0), windows: 39, spacing: 1)
                .calibrate(y, horizon: 1, levels: [0.8])
            let band = try #require(calibrated.forecast.band(0.8))
            if band.lower[0] <= next && next <= band.upper[0] { covered += 1 }
        }
        let rate = Double(covered) / Double(replications)
        #expect(abs(rate - 0.8) < 0.06, "coverage \(rate)")
    }

    @Test func tooShortForAnyWindowThrows() {
        let conformal = ConformalForecaster(LastValueModel(), windows: 5, minimumHistory: 10)
        #expect(throws: ForecastError.self) { try conformal.calibrate([1, 2, 3, 4, 5, 6], horizon: 3, levels: [0.9]) }
    }
}

struct ThresholdCrossingTests {
    /// Point 1, 2, 3 and four error paths give the sample paths (1, 2, 3), (2, 3, 4), (−4, −3, −2)
    /// and (1, 4, 3). Against 3.5 upwards: the second path first reaches it at step 3, the fourth
    /// at step 2, so P(by step) = 0, 1/4, 2/4 (worked by hand); the 5 % quantile of the first
    /// crossing is step 2, the median step 3, the 95 % beyond the horizon; the point never
    /// reaches 3.5. Downwards against 1: paths one and four start at 1, path three at −4: 3/4 at step 1.
    @Test func crossingProbabilitiesFromErrorPaths() {
        let calibrated = CalibratedForecast(forecast: Forecast(mean: [1, 2, 3]), backtestCoverage: [:],
                                            errorPaths: [[0, 0, 0], [1, 1, 1], [-5, -5, -5], [0, 2, 0]])
        let up = ThresholdCrossing(calibrated, threshold: 3.5, direction: .above)
        #expect(up.cumulative == [0, 0.25, 0.5])
        #expect(up.probability == 0.5 && up.paths == 4)
        #expect(up.firstCrossing(quantile: 0.05) == 2)
        #expect(up.firstCrossing(quantile: 0.5) == 3)
        #expect(up.firstCrossing(quantile: 0.95) == nil)
        #expect(up.pointCrossing == nil)
        let down = ThresholdCrossing(calibrated, threshold: 1, direction: .below)
        #expect(down.cumulative == [0.75, 0.75, 0.75])
        #expect(down.pointCrossing == 1)
        #expect(ThresholdCrossing(calibrated, threshold: 2.5, direction: .above).pointCrossing == 3)
    }
}
