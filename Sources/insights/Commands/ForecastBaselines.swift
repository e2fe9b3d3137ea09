import InsightsAnalysis

/// The naive baselines the `forecast` command offers. Point forecasts only; the command
/// calibrates their intervals like every other model's.
enum ForecastBaselines {
    /// The last value, repeated.
    struct Naive: ForecastModel {
        var name: String { "naive" }
        func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
            guard let last = history.last else { throw .tooShort(name, observed: 0, required: 1) }
            return Forecast(mean: [Double](repeating: last, count: horizon))
        }
    }

    /// The last cycle of `period`, repeated (the last value when the history is shorter).
    struct SeasonalNaive: ForecastModel {
        let period: Int
        var name: String { "snaive" }
        func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
            guard !history.isEmpty else { throw .tooShort(name, observed: 0, required: 1) }
            let m = history.count >= period && period >= 1 ? period : 1
            let n = history.count
            return Forecast(mean: (0..<horizon).map { history[n - m + $0 % m] })
        }
    }
}
