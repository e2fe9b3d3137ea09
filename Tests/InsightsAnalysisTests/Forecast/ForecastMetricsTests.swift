import InsightsAnalysis
import Testing

/// Metrics on small cases worked by hand (the arithmetic is in each comment).
struct ForecastMetricsTests {
    static let actual: [Double] = [100, 110, 90]
    static let forecast: [Double] = [105, 100, 90]

    /// Errors 5, 10, 0: MAE 5; RMSE √(125/3); sMAPE (200/3)(5/205 + 10/210) = 4.8006194347657760.
    @Test func pointMetrics() {
        #expect(ForecastMetrics.mae(actual: Self.actual, forecast: Self.forecast) == 5)
        #expect(abs(ForecastMetrics.rmse(actual: Self.actual, forecast: Self.forecast) - 6.454972243679028) < 1e-14)
        #expect(abs(ForecastMetrics.smape(actual: Self.actual, forecast: Self.forecast) - 4.800619434765776) < 1e-13)
        #expect(ForecastMetrics.smape(actual: [0], forecast: [0]) == 0)
    }

    /// History 1, 3, 2, 6, 4 with m = 2: |2 − 1| + |6 − 3| + |4 − 2| = 6 over 3 → scale 2;
    /// MASE = 5 / 2. Too short a history has no scale.
    @Test func maseUsesTheInSampleSeasonalNaiveError() {
        let scale = ForecastMetrics.maseScale(history: [1, 3, 2, 6, 4], period: 2)
        #expect(scale == 2)
        #expect(ForecastMetrics.mase(actual: Self.actual, forecast: Self.forecast, scale: scale) == 2.5)
        #expect(ForecastMetrics.maseScale(history: [1, 2], period: 2).isNaN)
    }

    /// 80 % bands (α = 0.2, penalty 2/α = 10): [95, 108] covers 100 (score 13); [112, 115] misses
    /// 110 below (3 + 10·2 = 23); [80, 85] misses 90 above (5 + 10·5 = 55). Mean 91/3, coverage 1/3;
    /// MSIS at 95 % (penalty 40): (13 + 83 + 205)/3 over scale 2 = 301/6.
    @Test func intervalMetrics() {
        let lower: [Double] = [95, 112, 80], upper: [Double] = [108, 115, 85]
        #expect(ForecastMetrics.coverage(actual: Self.actual, lower: lower, upper: upper) == 1.0 / 3)
        #expect(abs(ForecastMetrics.intervalScore(actual: Self.actual, lower: lower, upper: upper, level: 0.8) - 91.0 / 3) < 1e-12)
        #expect(abs(ForecastMetrics.msis(actual: Self.actual, lower: lower, upper: upper, scale: 2) - 301.0 / 6) < 1e-12)
    }

    /// OWA is ½(sMAPE ratio + MASE ratio): ½(10/20 + 3/2) = 1.
    @Test func owaAveragesTheTwoRatios() {
        #expect(ForecastMetrics.owa(smape: 10, mase: 3, naive2Smape: 20, naive2Mase: 2) == 1)
    }

    /// `ForecastAccuracy` gathers the same numbers, and its mean is the plain mean per measure.
    @Test func accuracyCollectsAndAverages() throws {
        let f = Forecast(mean: Self.forecast, bands: [
            .init(level: 0.8, lower: [95, 112, 80], upper: [108, 115, 85]),
            .init(level: 0.95, lower: [95, 112, 80], upper: [108, 115, 85]),
        ])
        let a = ForecastAccuracy(f, actual: Self.actual, scale: 2)
        #expect(a.mae == 5 && a.mase == 2.5)
        #expect(try #require(a.band(0.8)).coverage == 1.0 / 3)
        #expect(abs(try #require(a.msis) - 301.0 / 6) < 1e-12)
        let point = ForecastAccuracy(Forecast(mean: Self.actual), actual: Self.actual, scale: 2)
        #expect(point.msis == nil && point.bands.isEmpty && point.mae == 0)
        let mean = try #require(ForecastAccuracy.mean([a, a]))
        #expect(mean.mae == 5 && mean.bands == a.bands)
        let noBands = try #require(ForecastAccuracy.mean([point, point]))
        #expect(noBands.msis == nil)
    }
}
