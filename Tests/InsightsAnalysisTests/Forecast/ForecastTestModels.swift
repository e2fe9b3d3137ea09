import InsightsAnalysis

/// Tiny models with forecasts known by hand, for testing the wrappers.
struct ConstantModel: ForecastModel {
    let value: Double
    var name: String { "constant \(value)" }
    func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        Forecast(mean: [Double](repeating: value, count: horizon))
    }
}

/// The last value, repeated (naive).
struct LastValueModel: ForecastModel {
    var name: String { "last" }
    func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        guard let last = history.last else { throw .tooShort(name, observed: 0, required: 1) }
        return Forecast(mean: [Double](repeating: last, count: horizon))
    }
}
