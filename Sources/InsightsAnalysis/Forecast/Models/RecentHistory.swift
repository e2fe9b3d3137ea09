/// A model fitted on recent observations only: `model` forecasts from the last `limit` values
/// of each history it is given (the whole of a shorter one).
///
/// Why: a per-series fit costs at least linear time in the history (MSTL's LOESS passes, the
/// seasonality test's autocorrelations up to the period, SES's likelihood search), conformal
/// bands repeat it at every backtest origin, and on a long high-frequency series the distant
/// past adds little to a forecast of the next hours. Fitting on a bounded recent window is
/// common practice with long series (statsforecast and Prophet users truncate the input).
/// Every backtest refit is cut the same way, so the bands calibrate the model as it forecasts.
public struct RecentHistory: ForecastModel {
    public var name: String { model.name }
    /// The model fitted to the recent history.
    public let model: any ForecastModel
    /// The most observations `model` sees, ≥ 1.
    public let limit: Int

    public init(_ model: any ForecastModel, limit: Int) {
        precondition(limit >= 1, "the history limit must be at least 1 observation")
        self.model = model
        self.limit = limit
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        try model.forecast(history.count > limit ? Array(history.suffix(limit)) : history, horizon: horizon, levels: levels)
    }
}
