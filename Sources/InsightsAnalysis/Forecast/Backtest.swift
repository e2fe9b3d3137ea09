import InsightsNumerics

/// Rolling-origin evaluation of a forecasting model on one series (time-series
/// cross-validation; Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed.,
/// §5.10; Tashman, "Out-of-sample tests of forecasting accuracy", *IJF* 16, 2000).
///
/// With `windows` = W, `step` = s and `horizon` = h on a series of n values, the origins are
/// `o_w = n − h − (W − 1 − w)·s` for w = 0…W−1: the last window's test part ends at the last
/// observation, and each earlier origin is s steps before the next. Window w fits on
/// `y[0..<o_w]` and is scored on `y[o_w..<o_w + h]`; its MASE scale is that of its own training
/// part. Overall figures are plain means over windows; per-step figures pool the windows at
/// each step (RMSE per step is the root of the mean square over windows).
public enum Backtest {
    /// How to place the windows.
    public struct Options: Sendable, Equatable {
        /// The number of forecast origins, ≥ 1.
        public var windows: Int
        /// Steps between consecutive origins, ≥ 1.
        public var step: Int
        /// Steps forecast from each origin, ≥ 1.
        public var horizon: Int
        /// Interval levels in (0, 1) asked of the model.
        public var levels: [Double]
        /// The seasonal period of the MASE scale, ≥ 1.
        public var seasonalPeriod: Int

        public init(windows: Int, step: Int, horizon: Int, levels: [Double] = [0.8, 0.95], seasonalPeriod: Int = 1) {
            self.windows = windows
            self.step = step
            self.horizon = horizon
            self.levels = levels
            self.seasonalPeriod = seasonalPeriod
        }
    }

    /// One forecast origin.
    public struct Window: Sendable, Equatable {
        /// The number of training values (the index of the first forecast value).
        public let origin: Int
        public let forecast: Forecast
        public let actual: [Double]
        /// The MASE scale of the training part.
        public let scale: Double
        public let accuracy: ForecastAccuracy
    }

    /// The accuracy at one step ahead, pooled over windows.
    public struct StepAccuracy: Sendable, Equatable {
        /// Steps ahead, 1…h.
        public let step: Int
        public let mae: Double
        public let rmse: Double
        public let smape: Double
        public let mase: Double
        /// Coverage and interval score per band, in the forecast's band order.
        public let bands: [ForecastAccuracy.BandAccuracy]
    }

    /// Everything a backtest measured.
    public struct Result: Sendable, Equatable {
        public let windows: [Window]
        /// Means over windows.
        public let overall: ForecastAccuracy
        /// One entry per horizon step.
        public let perStep: [StepAccuracy]
    }

    /// Runs `model` from every origin of `options` on `series`.
    /// - Parameter series: Oldest first, evenly spaced, no NaN.
    /// - Throws: `ForecastError` when an option is out of range, the series cannot hold the
    ///   windows with at least `seasonalPeriod + 1` training values in the first, or the model
    ///   fails at an origin (the message names the origin).
    /// - Complexity: W model fits.
    public static func run(_ model: some ForecastModel, series: [Double],
                           options: Options) throws(ForecastError) -> Result {
        try run(batch: [series], name: model.name, options: options) { histories in
            histories.map { history in
                Swift.Result { () throws(ForecastError) in try model.forecast(history, horizon: options.horizon, levels: options.levels) }
            }
        }[0].get()
    }

    /// The backtest of many series together: at each window position w every series is cut at
    /// its own origin o_w (as above) and `forecast` gets the whole batch of training parts, so
    /// a pooled model is refitted to the pool as it was then. One result per series, in order.
    /// - Parameter name: The model's name, for messages.
    public static func run(batch series: [[Double]], name: String, options: Options,
                           forecast: ([[Double]]) -> [Swift.Result<Forecast, ForecastError>]) -> [Swift.Result<Result, ForecastError>] {
        let (w, s, h, m) = (options.windows, options.step, options.horizon, options.seasonalPeriod)
        guard w >= 1, s >= 1, h >= 1, m >= 1 else {
            let error = ForecastError("backtest windows, step, horizon and period must each be at least 1 "
                                      + "(got \(w), \(s), \(h), \(m))")
            return series.map { _ in .failure(error) }
        }
        var outcomes: [Swift.Result<[Window], ForecastError>] = series.map { values in
            values.count - h - (w - 1) * s >= m + 1 ? .success([])
                : .failure(.tooShort("backtest (\(w) windows, step \(s), horizon \(h))", observed: values.count,
                                     required: m + 1 + h + (w - 1) * s))
        }
        for position in 0..<w {
            let active = series.indices.filter { if case .success = outcomes[$0] { true } else { false } }
            guard !active.isEmpty else { break }
            let origins = active.map { series[$0].count - h - (w - 1 - position) * s }
            let forecasts = forecast(zip(active, origins).map { Array(series[$0][..<$1]) })
            for ((i, origin), result) in zip(zip(active, origins), forecasts) {
                switch result {
                case .success(let forecast):
                    let training = series[i][..<origin]
                    let actual = Array(series[i][origin..<origin + h])
                    let scale = ForecastMetrics.maseScale(history: Array(training), period: m)
                    let window = Window(origin: origin, forecast: forecast, actual: actual, scale: scale,
                                        accuracy: ForecastAccuracy(forecast, actual: actual, scale: scale))
                    outcomes[i] = outcomes[i].map { $0 + [window] }
                case .failure(let error):
                    outcomes[i] = .failure(ForecastError("\(name) at origin \(origin): \(error.message)"))
                }
            }
        }
        return outcomes.map { outcome in
            outcome.map { windows in
                Result(windows: windows, overall: ForecastAccuracy.mean(windows.map(\.accuracy))!,
                       perStep: (0..<h).map { perStep($0, windows: windows) })
            }
        }
    }

    private static func perStep(_ t: Int, windows: [Window]) -> StepAccuracy {
        let count = Double(windows.count)
        func average(_ value: (Window) -> Double) -> Double { CompensatedSum(windows.lazy.map(value)).value / count }
        let bandCount = windows[0].forecast.bands.count
        return StepAccuracy(
            step: t + 1,
            mae: average { abs($0.actual[t] - $0.forecast.mean[t]) },
            rmse: average { ($0.actual[t] - $0.forecast.mean[t]) * ($0.actual[t] - $0.forecast.mean[t]) }.squareRoot(),
            smape: average { ForecastMetrics.smape(actual: [$0.actual[t]], forecast: [$0.forecast.mean[t]]) },
            mase: average { abs($0.actual[t] - $0.forecast.mean[t]) / $0.scale },
            bands: (0..<bandCount).map { b in
                let level = windows[0].forecast.bands[b].level
                return ForecastAccuracy.BandAccuracy(
                    level: level,
                    coverage: average { $0.forecast.bands[b].lower[t] <= $0.actual[t] && $0.actual[t] <= $0.forecast.bands[b].upper[t] ? 1 : 0 },
                    intervalScore: average { window in
                        let band = window.forecast.bands[b]
                        return ForecastMetrics.intervalScore(actual: [window.actual[t]], lower: [band.lower[t]],
                                                             upper: [band.upper[t]], level: level)
                    })
            })
    }
}
