/// Backtests of the ensemble that fit each member once per distinct training length.
///
/// At origin *o* the ensemble fits every member at its validation origins *o* − H, *o* − 2H
/// and the chosen members at *o*. Rolling origins a quarter of the horizon apart make most of
/// those training lengths recur: *o* − H is itself the origin four windows older. With the
/// command's 20 windows and the final forecast, 21 ensemble fits (231 member fits) need 112
/// distinct member fits. They are made once, the independent fits on `workers` threads, and
/// each origin then applies the ensemble's own rule (``selection(_:count:horizon:memberForecast:)``
/// and ``combine(_:horizon:memberForecast:)``) to them, so the forecasts equal those of
/// separate refits exactly.
extension Ensemble: MultiOriginForecastModel {
    public func pointForecasts(_ history: [Double], origins: [Int], horizon: Int,
                               workers: Int) throws(ForecastError) -> [Result<[Double], ForecastError>] {
        var fits: [Key: Result<[Double], ForecastError>] = [:]
        // Validation fits of every member at every origin's validation blocks.
        let validation = Set(origins.flatMap { validationOrigins(count: $0, horizon: horizon) })
        // Length by length, so the threads' shares mix cheap and costly members.
        try fit(validation.sorted().flatMap { length in members.indices.map { Key(member: $0, length: length) } },
                history: history, horizon: horizon, workers: workers, into: &fits)
        let chosen = origins.map { origin in
            selection(history, count: origin, horizon: horizon) { index, length in
                try? fits[Key(member: index, length: length)]!.get()
            }.map(\.index)
        }
        // Final fits of the chosen members, those not already made for validation.
        var finals: [Key] = []
        for (origin, indices) in zip(origins, chosen) {
            for index in indices where fits[Key(member: index, length: origin)] == nil {
                let key = Key(member: index, length: origin)
                if !finals.contains(key) { finals.append(key) }
            }
        }
        try fit(finals, history: history, horizon: horizon, workers: workers, into: &fits)
        return zip(origins, chosen).map { origin, indices in
            Result { () throws(ForecastError) in
                try combine(indices, horizon: horizon) { index throws(ForecastError) in
                    try fits[Key(member: index, length: origin)]!.get()
                }.mean
            }
        }
    }

    /// One member's fit to the first `length` values.
    private struct Key: Hashable {
        let member: Int
        let length: Int
    }

    /// Fits every key on `workers` threads into `fits`.
    /// - Throws: "cancelled" when a stop was requested (a cancelled fit must not count as a
    ///   member failing validation).
    private func fit(_ keys: [Key], history: [Double], horizon: Int, workers: Int,
                     into fits: inout [Key: Result<[Double], ForecastError>]) throws(ForecastError) {
        let results = ForecastBatch.each(keys.count, workers: workers) { i throws(ForecastError) in
            try members[keys[i].member].forecast(Array(history[..<keys[i].length]), horizon: horizon, levels: []).mean
        }
        try Cancellation.check()
        for (key, result) in zip(keys, results) { fits[key] = result }
    }
}
