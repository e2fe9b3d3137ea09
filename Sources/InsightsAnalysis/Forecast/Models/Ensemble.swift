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
        let origins = (1...max(validationWindows, 1)).map { history.count - $0 * horizon }
            .filter { $0 >= max(2 * horizon, 8) && validationWindows > 0 }
        guard !origins.isEmpty else { return members.indices.map { ($0, nil) } }
        var scored: [(index: Int, mae: Double?)] = []
        for (index, member) in members.enumerated() {
            var sum = 0.0, count = 0
            var failed = false
            for origin in origins {
                guard let point = try? member.forecast(Array(history[..<origin]), horizon: horizon, levels: []).mean else {
                    failed = true
                    break
                }
                for h in 0..<horizon { sum += abs(history[origin + h] - point[h]); count += 1 }
            }
            if !failed { scored.append((index, sum / Double(count))) }
        }
        return Array(scored.sorted { ($0.mae ?? 0) < ($1.mae ?? 0) }.prefix(keep))
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        var points: [[Double]] = []
        var firstError: ForecastError?
        for chosen in selection(history, horizon: horizon) {
            switch Result(catching: { () throws(ForecastError) in
                try members[chosen.index].forecast(history, horizon: horizon, levels: [])
            }) {
            case .success(let forecast): points.append(forecast.mean)
            case .failure(let error): firstError = firstError ?? error
            }
        }
        guard !points.isEmpty else { throw firstError ?? ForecastError("ensemble: no member could forecast") }
        return Forecast(mean: (0..<horizon).map { h in Statistics.median(points.map { $0[h] }) })
    }
}
