import InsightsAnalysis
import Testing

/// Rolling-origin backtests, checked against fitting each window by hand.
struct BacktestTests {
    /// A seasonal series with a trend: 3 + 0.1 t + pattern of period 4, plus a fixed wiggle.
    static let series: [Double] = (0..<40).map { t -> Double in
        let pattern: [Double] = [1.0, -0.5, 2.0, -1.5]
        let trend: Double = 3 + 0.1 * Double(t)
        let wiggle: Double = 0.3 * Double((t * 7) % 5)
        return trend + pattern[t % 4] + wiggle
    }

    /// Origins n − h − (W − 1 − w)·s, the last window ending at the series' end.
    @Test func windowsEndAtTheLastObservation() throws {
        let options = Backtest.Options(windows: 3, step: 5, horizon: 4, seasonalPeriod: 4)
        let result = try Backtest.run(SeasonalNaive(period: 4), series: Self.series, options: options)
        #expect(result.windows.map(\.origin) == [26, 31, 36])
        #expect(result.windows.last?.actual == Array(Self.series[36...]))
        #expect(result.perStep.map(\.step) == [1, 2, 3, 4])
    }

    /// Each window's accuracy is the model refitted on its prefix; overall is their mean, and
    /// per-step figures pool the windows' errors at that step.
    @Test func windowsMatchDirectFits() throws {
        let options = Backtest.Options(windows: 4, step: 3, horizon: 5, levels: [0.8, 0.95], seasonalPeriod: 4)
        let result = try Backtest.run(Drift(), series: Self.series, options: options)
        var maes: [Double] = [], stepTwoSquares: [Double] = [], stepOneCovered: [Double] = []
        for window in result.windows {
            let training = Array(Self.series[..<window.origin])
            let direct = try Drift().forecast(training, horizon: 5, levels: [0.8, 0.95])
            let actual = Array(Self.series[window.origin..<window.origin + 5])
            #expect(window.forecast == direct)
            maes.append(ForecastMetrics.mae(actual: actual, forecast: direct.mean))
            stepTwoSquares.append((actual[1] - direct.mean[1]) * (actual[1] - direct.mean[1]))
            let band = try #require(direct.band(0.8))
            stepOneCovered.append(band.lower[0] <= actual[0] && actual[0] <= band.upper[0] ? 1 : 0)
        }
        #expect(abs(result.overall.mae - maes.reduce(0, +) / 4) < 1e-12)
        #expect(abs(result.perStep[1].rmse - (stepTwoSquares.reduce(0, +) / 4).squareRoot()) < 1e-12)
        #expect(result.perStep[0].bands[0].coverage == stepOneCovered.reduce(0, +) / 4)
        #expect(result.overall.msis != nil)
        // Per-step MAE averaged over steps is the overall MAE (equal weights everywhere).
        let pooled = result.perStep.map(\.mae).reduce(0, +) / 5
        #expect(abs(pooled - result.overall.mae) < 1e-12)
    }

    @Test func tooShortOrBadOptionsThrow() {
        #expect(throws: ForecastError.self) {
            try Backtest.run(Naive(), series: Self.series, options: .init(windows: 10, step: 4, horizon: 4, seasonalPeriod: 4))
        }
        #expect(throws: ForecastError.self) {
            try Backtest.run(Naive(), series: Self.series, options: .init(windows: 0, step: 1, horizon: 4))
        }
    }

    /// A model failure names the origin it happened at.
    @Test func modelFailureNamesTheOrigin() {
        let error = #expect(throws: ForecastError.self) {
            try Backtest.run(SeasonalNaive(period: 37), series: Self.series,
                             options: .init(windows: 2, step: 1, horizon: 3, seasonalPeriod: 1))
        }
        #expect(error?.message.hasPrefix("snaive at origin 36: snaive needs at least 38 observations, got 36") == true)
    }
}

struct BatchBacktestTests {
    /// A batch backtest hands the forecaster every series cut at its own origin, once per window
    /// position (so a pooled model sees the pool as it was), and a series too short for the
    /// windows fails alone.
    @Test func everyWindowGetsTheWholeBatchCutAtItsOrigins() throws {
        let series: [[Double]] = [Array(repeating: 1, count: 30), Array(repeating: 2, count: 40), [1, 2, 3]]
        var seen: [[Int]] = []
        let results = Backtest.run(batch: series, name: "probe", options: .init(windows: 3, step: 2, horizon: 4)) { histories in
            seen.append(histories.map(\.count))
            return histories.map { .success(Forecast(mean: Array(repeating: $0.last!, count: 4))) }
        }
        // Origins n − 4 − (2 − w)·2: 22, 24, 26 for n = 30; 32, 34, 36 for n = 40.
        #expect(seen == [[22, 32], [24, 34], [26, 36]])
        #expect(try results[0].get().windows.map(\.origin) == [22, 24, 26])
        #expect(try results[1].get().overall.mae == 0)
        #expect(throws: ForecastError.self) { try results[2].get() }
    }
}
