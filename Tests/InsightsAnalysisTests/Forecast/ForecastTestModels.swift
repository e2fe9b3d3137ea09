import InsightsAnalysis
import Synchronization

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

/// Counts fits across threads.
final class FitCounter: Sendable {
    private let count = Atomic<Int>(0)

    func add() { count.add(1, ordering: .relaxed) }

    /// The count so far, then zero.
    func reset() -> Int { count.exchange(0, ordering: .relaxed) }
}

/// `inner`, counting its fits, and failing on histories whose length is a multiple of
/// `failsAtMultiplesOf` (when given).
struct CountingModel: ForecastModel {
    let counter: FitCounter
    let inner: any ForecastModel
    var failsAtMultiplesOf: Int?
    var name: String { "counting \(inner.name)" }
    func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        counter.add()
        if let m = failsAtMultiplesOf, history.count % m == 0 { throw ForecastError("fails at \(history.count)") }
        return try inner.forecast(history, horizon: horizon, levels: levels)
    }
}
