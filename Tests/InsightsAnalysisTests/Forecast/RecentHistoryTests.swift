import InsightsAnalysis
import Testing

/// Fitting on recent history: what the wrapped model sees, and the default limit.
struct RecentHistoryTests {
    /// Remembers the longest history it was asked to forecast from (the forecast is its mean).
    struct MeanModel: ForecastModel {
        var name: String { "mean" }
        func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
            Forecast(mean: [Double](repeating: history.reduce(0, +) / Double(history.count), count: horizon))
        }
    }

    /// Above the limit the model sees the last `limit` values; at or below it, the history as it is.
    @Test func cutsOnlyLongerHistories() throws {
        let y = (1...10).map(Double.init)
        let model = RecentHistory(MeanModel(), limit: 4)
        #expect(try model.forecast(y, horizon: 2, levels: []).mean == [8.5, 8.5])  // mean of 7…10
        #expect(try model.forecast(Array(y[..<4]), horizon: 1, levels: []).mean == [2.5])  // mean of 1…4
        #expect(try model.forecast(Array(y[..<3]), horizon: 1, levels: []).mean == [2])
    }

    /// Four cycles of the longest period, at least 4,032: the M4 hourly setting (24, 168) is
    /// never cut (its series have at most 1,008 values), minutes with a daily period are.
    @Test func defaultLimit() {
        #expect(ForecastModelRegistry.Setting.defaultHistoryLimit(periods: [24, 168]) == 4032)
        #expect(ForecastModelRegistry.Setting.defaultHistoryLimit(periods: []) == 4032)
        #expect(ForecastModelRegistry.Setting.defaultHistoryLimit(periods: [60, 1440]) == 5760)
        #expect(ForecastModelRegistry.Setting(periods: [1440]).historyLimit == 5760)
        #expect(ForecastModelRegistry.Setting(periods: [1440], historyLimit: 100).historyLimit == 100)
    }

    /// The default ensemble's members fit the setting's limit; with `Int.max` they are not wrapped.
    @Test func ensembleMembersFitTheLimit() throws {
        let limited = ForecastModelRegistry.ensemble(.init(periods: [24], historyLimit: 500))
        #expect(limited.members.allSatisfy { ($0 as? RecentHistory)?.limit == 500 })
        let unlimited = ForecastModelRegistry.ensemble(.init(periods: [24], historyLimit: .max))
        #expect(unlimited.members.allSatisfy { !($0 is RecentHistory) })
        // Below the limit the limited ensemble forecasts exactly as the unlimited one.
        let y = EnsembleOriginsTests.series(300, seed: 4)
        #expect(try limited.forecast(y, horizon: 12, levels: []) == unlimited.forecast(y, horizon: 12, levels: []))
        #expect(try ForecastModelRegistry.ensemble(.init(periods: [24], historyLimit: 200)).forecast(y, horizon: 12, levels: [])
                != unlimited.forecast(y, horizon: 12, levels: []))
    }
}
