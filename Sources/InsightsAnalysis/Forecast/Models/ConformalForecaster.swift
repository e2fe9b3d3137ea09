/// A forecast with intervals calibrated on backtests, and the coverage those backtests achieved.
public struct CalibratedForecast: Sendable, Equatable {
    /// The point forecast of the wrapped model with the conformal bands.
    public var forecast: Forecast
    /// Per level asked for: the fraction of backtest errors inside the band, each window
    /// judged by a band calibrated on the older windows known at its origin (NaN when no
    /// window has one).
    public var backtestCoverage: [Double: Double]
    /// The number of backtest windows used.
    public var windows: Int { errorPaths.count }
    /// The backtest errors (actual − forecast), one path per window (newest origin first), one
    /// value per step: what ``ThresholdCrossing`` adds to the point forecast as sample paths.
    public var errorPaths: [[Double]]

    public init(forecast: Forecast, backtestCoverage: [Double: Double], errorPaths: [[Double]]) {
        self.forecast = forecast
        self.backtestCoverage = backtestCoverage
        self.errorPaths = errorPaths
    }

    /// The measured coverage of `level`, if it was asked for.
    public func coverage(_ level: Double) -> Double? {
        backtestCoverage.first { abs($0.key - level) < 1e-9 }?.value
    }
}

/// Prediction intervals for any model by split-conformal calibration on rolling-origin backtests.
///
/// Method: the wrapped model is refitted at the origins *n* − *H* − *i*·*s*, *i* = 0…*W*−1
/// (*n* the history length, *H* the horizon, *s* `spacing`, *W* `windows`; origins that leave
/// fewer than `minimumHistory` observations are skipped), and forecasts the *H* observations
/// after each. For step *h* the absolute errors e₁…e_N of the N windows are sorted, and the
/// band at level L is point ± e₍ₖ₎, k = ⌈(N + 1)·L⌉ (split conformal prediction: V. Vovk,
/// A. Gammerman and G. Shafer, *Algorithmic Learning in a Random World*, 2005; A. N.
/// Angelopoulos and S. Bates, "A gentle introduction to conformal prediction", 2021, §1). When
/// the errors are exchangeable this covers with probability ≥ L. With few windows, k > N (N <
/// L/(1 − L), i.e. fewer than 19 windows for 95%, 4 for 80%) and the exact method would give an
/// unbounded band; we use the largest error instead, and the reported backtest coverage shows
/// the shortfall. Forecast errors are not exchangeable (windows overlap and the series drifts),
/// so the guarantee is only approximate.
///
/// Backtest coverage: each window's errors are judged against bands calibrated, by the same
/// rule, on the older windows whose targets were observed by that window's origin (what the
/// method would have known then); the figure is the fraction of those errors inside, over
/// every window that has at least one such older window (NaN when none has). It measures drift
/// (errors growing over time lower it), and it is conservative for small N: early windows are
/// calibrated on few errors, where the rank rule falls back to the largest one. Leaving one
/// window out instead would be uninformative: with distinct errors it covers exactly ⌈N·L⌉/N
/// whatever the data.
public struct ConformalForecaster: ForecastModel {
    public var name: String { model.name }
    /// The model whose point forecast is calibrated.
    public let model: any ForecastModel
    /// The most backtest windows, *W*.
    public let windows: Int
    /// Steps between successive origins, *s*; nil for max(1, H/4).
    public let spacing: Int?
    /// The fewest observations a backtest model is fitted on.
    public let minimumHistory: Int
    /// Threads the refits of one history may use (the result does not depend on it).
    public let workers: Int

    /// - Parameters:
    ///   - model: The model to calibrate.
    ///   - windows: The most backtest windows (20 by default: enough for an exact 95% band).
    ///   - spacing: Steps between origins; nil for a quarter of the horizon.
    ///   - minimumHistory: The fewest observations a backtest fit may use (default 8).
    ///   - workers: Threads for the refits of one history (default 1): the backtest origins are
    ///     independent fits, or, for a ``MultiOriginForecastModel``, whatever it shares out.
    public init(_ model: any ForecastModel, windows: Int = 20, spacing: Int? = nil, minimumHistory: Int = 8,
                workers: Int = 1) {
        precondition(windows >= 1, "at least one backtest window")
        self.model = model
        self.windows = windows
        self.spacing = spacing.map { max($0, 1) }
        self.minimumHistory = max(minimumHistory, 1)
        self.workers = max(workers, 1)
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        try calibrate(history, horizon: horizon, levels: levels).forecast
    }

    /// The backtest origins for a history of `count` values, newest first.
    func origins(count: Int, horizon: Int) -> [Int] {
        let step = spacing ?? max(1, horizon / 4)
        return Array((0..<windows).map { count - horizon - $0 * step }.prefix { $0 >= minimumHistory })
    }

    /// The backtest errors (actual − forecast), one row per window (newest origin first), one
    /// column per step.
    public func backtestErrors(_ history: [Double], horizon: Int) throws(ForecastError) -> [[Double]] {
        let origins = origins(count: history.count, horizon: horizon)
        return try errors(history, origins: origins, horizon: horizon,
                          forecasts: pointForecasts(history, origins: origins, horizon: horizon))
    }

    /// Forecasts with conformal bands and reports the coverage achieved in the backtests.
    /// - Throws: `ForecastError` when the history leaves no backtest window, or the model fails.
    public func calibrate(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> CalibratedForecast {
        let step = spacing ?? max(1, horizon / 4)
        let origins = origins(count: history.count, horizon: horizon)
        guard !origins.isEmpty else {
            throw .tooShort("conformal \(model.name)", observed: history.count, required: minimumHistory + horizon)
        }
        // The final forecast is one more origin, the whole history.
        let forecasts = try pointForecasts(history, origins: origins + [history.count], horizon: horizon)
        let errors = try errors(history, origins: origins, horizon: horizon, forecasts: Array(forecasts.dropLast()))
        let point = try forecasts.last!.get()
        return Self.calibrated(point, errors: errors, spacing: step, levels: levels)
    }

    /// The model's point forecasts from each origin (in order): one call for a
    /// ``MultiOriginForecastModel``, else one refit per origin, on `workers` threads.
    private func pointForecasts(_ history: [Double], origins: [Int],
                                horizon: Int) throws(ForecastError) -> [Result<[Double], ForecastError>] {
        if let shared = model as? any MultiOriginForecastModel {
            return try shared.pointForecasts(history, origins: origins, horizon: horizon, workers: workers)
        }
        let forecasts = ForecastBatch.each(origins.count, workers: workers) { i throws(ForecastError) in
            try model.forecast(Array(history[..<origins[i]]), horizon: horizon, levels: []).mean
        }
        try Cancellation.check()
        return forecasts
    }

    /// Actual − forecast per origin; the first failing origin (newest first) throws.
    private func errors(_ history: [Double], origins: [Int], horizon: Int,
                        forecasts: [Result<[Double], ForecastError>]) throws(ForecastError) -> [[Double]] {
        try zip(origins, forecasts).map { origin, forecast throws(ForecastError) in
            let point = try forecast.get()
            return (0..<horizon).map { history[origin + $0] - point[$0] }
        }
    }

    /// `point` with split-conformal bands from backtest `signedErrors` (actual − forecast, one row
    /// per window, newest origin first, windows `spacing` steps apart, one column per step) and the
    /// coverage those bands achieved in the backtests, as described above. Every model with
    /// rolling-origin errors (``ConformalForecaster`` and the pooled models) ends here.
    /// - Precondition: `errors` is not empty and each row spans `point`.
    public static func calibrated(_ point: [Double], errors signedErrors: [[Double]], spacing step: Int,
                                  levels: [Double]) -> CalibratedForecast {
        precondition(!signedErrors.isEmpty && signedErrors.allSatisfy { $0.count == point.count }, "one error per step per window")
        let errors = signedErrors.map { $0.map(abs) }
        let horizon = point.count
        let n = errors.count
        let sortedBySteps = (0..<horizon).map { h in errors.map { $0[h] }.sorted() }
        var bands: [Forecast.Band] = []
        var coverage: [Double: Double] = [:]
        for level in levels {
            let radius = sortedBySteps.map { Self.conformalQuantile($0, level: level) }
            bands.append(Forecast.Band(level: level, lower: zip(point, radius).map { $0 - $1 },
                                       upper: zip(point, radius).map { $0 + $1 }))
            var inside = 0, total = 0
            // Windows are newest first: window j is older than w when j > w. Its errors were
            // known at w's origin when its target ended by then: origin_j + H ≤ origin_w.
            for w in 0..<n {
                let past = ((w + 1)..<n).filter { (($0 - w) * step) >= horizon }
                guard !past.isEmpty else { continue }
                for h in 0..<horizon {
                    let calibration = past.map { errors[$0][h] }.sorted()
                    if errors[w][h] <= Self.conformalQuantile(calibration, level: level) { inside += 1 }
                    total += 1
                }
            }
            coverage[level] = total > 0 ? Double(inside) / Double(total) : .nan
        }
        return CalibratedForecast(forecast: Forecast(mean: point, bands: bands), backtestCoverage: coverage,
                                  errorPaths: signedErrors)
    }

    /// The ⌈(N + 1)·L⌉-th smallest of N sorted absolute errors, or the largest when that rank
    /// exceeds N.
    static func conformalQuantile(_ sorted: [Double], level: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((Double(sorted.count + 1) * level - 1e-9).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
