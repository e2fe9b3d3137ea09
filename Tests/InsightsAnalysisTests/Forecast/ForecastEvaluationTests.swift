import InsightsAnalysis
import Testing

/// Set-level evaluation: parallel and serial runs agree, point-only models have no interval
/// measures, failures name their series.
struct ForecastEvaluationTests {
    /// A point-only model for the test: the mean of the history.
    struct MeanModel: ForecastModel {
        var name: String { "mean" }
        func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
            Forecast(mean: Array(repeating: history.reduce(0, +) / Double(history.count), count: horizon))
        }
    }

    static let series: [ForecastEvaluation.Series] = (0..<37).map { s in
        let values = (0..<60).map { t -> Double in 10 + Double(s) + 0.1 * Double(t) + Double((t * (s + 3)) % 11) }
        return .init(id: "S\(s)", history: Array(values.prefix(50)), actual: Array(values.suffix(10)))
    }

    @Test func workersDoNotChangeTheResult() throws {
        let one = try ForecastEvaluation.run(Self.series, model: SeasonalNaive(period: 4), benchmark: Naive2(period: 4),
                                             season: 4, levels: [0.8, 0.95], workers: 1)
        let two = try ForecastEvaluation.run(Self.series, model: SeasonalNaive(period: 4), benchmark: Naive2(period: 4),
                                             season: 4, levels: [0.8, 0.95], workers: 2)
        #expect(one.accuracy == two.accuracy && one.perSeries == two.perSeries)
        // The set-level mean is the plain mean over series, and OWA follows from the two means.
        let meanSmape = one.perSeries.map(\.smape).reduce(0, +) / 37
        #expect(abs(one.accuracy.smape - meanSmape) < 1e-9)
        #expect(abs(one.owa - 0.5 * (one.accuracy.smape / one.benchmark.smape + one.accuracy.mase / one.benchmark.mase)) < 1e-12)
        #expect(one.accuracy.band(0.95) != nil && one.accuracy.msis != nil)
    }

    @Test func pointOnlyModelHasNoIntervalMeasures() throws {
        let summary = try ForecastEvaluation.run(Self.series, model: MeanModel(), benchmark: Naive2(period: 4),
                                                 season: 4, levels: [0.8, 0.95], workers: 2)
        #expect(summary.accuracy.bands.isEmpty && summary.accuracy.msis == nil)
        #expect(summary.accuracy.mase > 0)
    }

    @Test func failureNamesTheSeries() {
        var series = Self.series
        series[5] = .init(id: "short", history: [1, 2, 3], actual: [4])
        let error = #expect(throws: ForecastError.self) {
            try ForecastEvaluation.run(series, model: Naive(), benchmark: Naive2(period: 4), season: 4, levels: [], workers: 2)
        }
        #expect(error?.message == "series 'short': MASE needs more than 4 training values, got 3")
    }
}
