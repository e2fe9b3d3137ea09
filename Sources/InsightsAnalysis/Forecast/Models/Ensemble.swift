import InsightsNumerics

/// A median ensemble of the members that validate best.
///
/// Method: each member forecasts the last `validationWindows` blocks of the history (origins
/// *n* − *v*·H, *v* = 1…V, each forecasting the H observations after it), and is scored by its
/// mean absolute error over all of them. The `keep` members with the smallest MAE are kept
/// (all of them when the history is too short to validate), and the forecast per step is the
/// median of their point forecasts (with two, the mean). The median of a few good models is
/// a robust combination (Petropoulos & Svetunkov, "A simple combination of univariate models",
/// *IJF* 36 (2020) 110–115, use the median of four). The ensemble has no intervals of its own:
/// wrap it in ``ConformalForecaster``. Members that fail on a history are left out.
public struct Ensemble: ForecastModel {
    public var name: String { "ensemble" }
    public let members: [any ForecastModel]
    /// Validation blocks, V.
    public let validationWindows: Int
    /// Members combined.
    public let keep: Int

    public init(members: [any ForecastModel], validationWindows: Int = 2, keep: Int = 3) {
        precondition(!members.isEmpty, "an ensemble needs members")
        self.members = members
        self.validationWindows = max(validationWindows, 0)
        self.keep = max(keep, 1)
    }

    /// The members kept for `history` with their validation MAE (nil when not validated), best first.
    public func selection(_ history: [Double], horizon: Int) -> [(index: Int, mae: Double?)] {
        selection(history, count: history.count, horizon: horizon) { index, length in
            try? members[index].forecast(Array(history[..<length]), horizon: horizon, levels: []).mean
        }
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        let chosen = selection(history, horizon: horizon).map(\.index)
        return try combine(chosen, horizon: horizon) { index throws(ForecastError) in
            try members[index].forecast(history, horizon: horizon, levels: []).mean
        }
    }

    /// The origins of the validation blocks for a history of `count` values: *n* − *v*·H for
    /// *v* = 1…V, those leaving at least max(2H, 8) observations; empty when there are none.
    func validationOrigins(count: Int, horizon: Int) -> [Int] {
        guard validationWindows > 0 else { return [] }
        return (1...validationWindows).map { count - $0 * horizon }.filter { $0 >= max(2 * horizon, 8) }
    }

    /// The selection rule on the first `count` values of `history`, with `memberForecast(i, m)`
    /// member i's point forecast from the first m values (nil when it fails). The one rule
    /// both ``selection(_:horizon:)`` and the backtests of several origins apply.
    func selection(_ history: [Double], count: Int, horizon: Int,
                   memberForecast: (_ index: Int, _ length: Int) -> [Double]?) -> [(index: Int, mae: Double?)] {
        let origins = validationOrigins(count: count, horizon: horizon)
        guard !origins.isEmpty else { return members.indices.map { ($0, nil) } }
        var scored: [(index: Int, mae: Double?)] = []
        for index in members.indices {
            var sum = 0.0, terms = 0
            var failed = false
            for origin in origins {
                guard let point = memberForecast(index, origin) else {
                    failed = true
                    break
                }
                for h in 0..<horizon { sum += abs(history[origin + h] - point[h]); terms += 1 }
            }
            if !failed { scored.append((index, sum / Double(terms))) }
        }
        return Array(scored.sorted { ($0.mae ?? 0) < ($1.mae ?? 0) }.prefix(keep))
    }

    /// The per-step median of the `chosen` members' point forecasts (`memberForecast(i)`),
    /// leaving out members that fail.
    /// - Throws: The first member's error when every chosen member fails.
    func combine(_ chosen: [Int], horizon: Int,
                 memberForecast: (_ index: Int) throws(ForecastError) -> [Double]) throws(ForecastError) -> Forecast {
        var points: [[Double]] = []
        var firstError: ForecastError?
        for index in chosen {
            switch Result(catching: { () throws(ForecastError) in try memberForecast(index) }) {
            case .success(let point): points.append(point)
            case .failure(let error): firstError = firstError ?? error
            }
        }
        guard !points.isEmpty else { throw firstError ?? ForecastError("ensemble: no member could forecast") }
        return Forecast(mean: (0..<horizon).map { h in Statistics.median(points.map { $0[h] }) })
    }
}
