/// A model that forecasts one history from several origins at once for less than one full
/// refit per origin, typically by fitting once what the origins have in common.
///
/// ``ConformalForecaster`` asks for all its backtest origins and the final forecast in one
/// call. Conforming models must give exactly what refitting would: the forecast for origin *o*
/// equals `forecast(Array(history[..<o]), horizon: horizon, levels: []).mean`, failures included.
public protocol MultiOriginForecastModel: ForecastModel {
    /// Point forecasts of `horizon` steps from the first *o* values of `history`, for each *o*
    /// in `origins` (in that order), using up to `workers` threads.
    /// - Throws: "cancelled" when ``Cancellation`` was requested meanwhile; a model's failure
    ///   at one origin is that origin's result.
    func pointForecasts(_ history: [Double], origins: [Int], horizon: Int,
                        workers: Int) throws(ForecastError) -> [Result<[Double], ForecastError>]
}
