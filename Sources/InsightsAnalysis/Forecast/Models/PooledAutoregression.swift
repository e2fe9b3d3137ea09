import Foundation
import InsightsNumerics

/// A linear autoregression on standardised windows, estimated on all series of a batch at once,
/// forecasting every step of the horizon directly.
///
/// Method. Each series is taken in logarithms when it is positive (and `logTransform` is on).
/// A window is the `lags` values before an origin t; it is standardised by the mean μ and
/// standard deviation σ of its last `scaleSpan` values (the longest season), so series of any
/// level and amplitude share one model. For every step h = 1…H a separate linear map from the
/// standardised window (plus an intercept) to (z_{t+h−1} − μ)/σ is fitted by ridge-regularised
/// least squares over every window of every series whose targets are observed (direct
/// multi-step forecasting; the normal equations are summed block by block with `dsyrk` and
/// solved by Cholesky). The forecast is μ + σ·ŷ, back-transformed. Pooling is what makes a
/// long autoregression (three weeks of hourly lags: 505 coefficients per step) estimable:
/// P. Montero-Manso and R. J. Hyndman, "Principles and algorithms for forecasting groups of
/// time series: Locality and globality", *IJF* 37 (2021) 1632–1653, show that one global
/// linear AR of high order rivals per-series models on the M4 sets.
///
/// Conformal bands come from refitting at the backtest origins n − H − k·s: the fit for
/// origin k uses only the windows whose targets end by that origin (age n − t ≥ 2H + k·s), so
/// the Gram matrix is accumulated from the oldest windows forwards and solved once per origin,
/// which costs one fit plus W small solves. Lags older than a short history are filled from
/// the history itself, whole longest seasons later.
public struct PooledAutoregression: PooledForecastModel {
    public var name: String { "pooled" }
    /// The window lengths L of the members, whose forecasts are averaged.
    public let lagOrders: [Int]
    /// The trailing values that give a window its mean and standard deviation.
    public let scaleSpan: Int
    /// Whether positive series are modelled in logarithms.
    public let logTransform: Bool
    /// The ridge penalty as a fraction of the normal matrix's mean diagonal (a numerical
    /// safeguard, it barely shrinks a well-determined fit).
    public let ridge: Double

    /// The model for series with these seasonal periods: members with windows of 2, 3 and 4
    /// longest seasons (`cycles`), standardised over the last season; without periods, a
    /// "season" of 10 steps.
    public init(periods: [Int], logTransform: Bool = true, cycles: [Int] = [2, 3, 4], ridge: Double = 1e-3) {
        let season = periods.max() ?? 10
        self.init(lagOrders: cycles.map { max($0, 1) * season }, scaleSpan: season, logTransform: logTransform, ridge: ridge)
    }

    public init(lagOrders: [Int], scaleSpan: Int, logTransform: Bool = true, ridge: Double = 1e-3) {
        precondition(!lagOrders.isEmpty && scaleSpan >= 2 && lagOrders.allSatisfy { $0 >= scaleSpan },
                     "need members with 2 ≤ scaleSpan ≤ lags")
        self.lagOrders = lagOrders.sorted()
        self.scaleSpan = scaleSpan
        self.logTransform = logTransform
        self.ridge = ridge
    }

    /// The median member's window length, the one ``trainingWindows(_:horizon:)`` counts for.
    public var lags: Int { lagOrders[lagOrders.count / 2] }

    /// The number of windows a batch gives the median member's final fit: Σ max(0, nᵢ − L − H + 1).
    public func trainingWindows(_ histories: [[Double]], horizon: Int) -> Int {
        histories.reduce(0) { $0 + max(0, $1.count - lags - horizon + 1) }
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        if !levels.isEmpty {
            return try calibrate([history], horizon: horizon, levels: levels, windows: ForecastBatch.defaultWindows(for: self),
                                 spacing: nil)[0].get().forecast
        }
        let fit = try fitted([history], horizon: horizon, cuts: [horizon])
        guard let point = fit.forecasts[0][0] else {
            throw .tooShort(name, observed: history.count, required: scaleSpan)
        }
        return Forecast(mean: point)
    }

    public func calibrate(_ histories: [[Double]], horizon: Int, levels: [Double], windows: Int,
                          spacing: Int?) -> [Result<CalibratedForecast, ForecastError>] {
        let step = spacing ?? max(1, horizon / 4)
        // Cut 0 is the final fit (windows at least H old), cut k + 1 backtest origin k.
        let cuts = [horizon] + (0..<max(windows, 1)).map { 2 * horizon + $0 * step }
        let fit: Fit
        switch Result(catching: { () throws(ForecastError) in try fitted(histories, horizon: horizon, cuts: cuts) }) {
        case .success(let value): fit = value
        case .failure(let error): return histories.map { _ in .failure(error) }
        }
        return histories.indices.map { i in
            guard let point = fit.forecasts[0][i] else {
                return .failure(.tooShort(name, observed: histories[i].count, required: scaleSpan))
            }
            var errors: [[Double]] = []
            for k in 1..<cuts.count {
                guard let backtest = fit.forecasts[k][i] else { break }
                let origin = histories[i].count - horizon - (k - 1) * step
                errors.append((0..<horizon).map { histories[i][origin + $0] - backtest[$0] })
            }
            guard !errors.isEmpty else {
                return .failure(.tooShort("conformal \(name)", observed: histories[i].count,
                                          required: scaleSpan + horizon + 1))
            }
            return .success(ConformalForecaster.calibrated(point, errors: errors, spacing: step, levels: levels))
        }
    }

    /// Forecasts per cut (outer) and series (inner): cut c fits on the windows at least c old
    /// and forecasts from origin nᵢ − c + H, the mean of the members that could; nil where the
    /// origin leaves fewer than `scaleSpan` values or no member has enough windows.
    struct Fit {
        var forecasts: [[[Double]?]]
    }

    func fitted(_ histories: [[Double]], horizon: Int, cuts: [Int]) throws(ForecastError) -> Fit {
        precondition(horizon >= 1 && cuts.allSatisfy { $0 >= horizon }, "cuts are ages of at least one horizon")
        let series = histories.map(transformed)
        var members: [[[[Double]?]]] = []
        for lags in lagOrders { members.append(try fitted(series, lags: lags, horizon: horizon, cuts: cuts)) }
        let combined = cuts.indices.map { c in
            series.indices.map { i -> [Double]? in
                let available = members.compactMap { $0[c][i] }
                guard !available.isEmpty else { return nil }
                return (0..<horizon).map { h in available.reduce(0) { $0 + $1[h] } / Double(available.count) }
            }
        }
        guard combined[0].contains(where: { $0 != nil }) || histories.isEmpty else {
            let windows = histories.reduce(0) { $0 + max(0, $1.count - lagOrders[0] - horizon + 1) }
            throw ForecastError("\(name): the series give \(windows) windows of \(lagOrders[0]) lags and \(horizon) "
                                + "steps, fewer than the \(2 * (lagOrders[0] + 1)) its coefficients per step need")
        }
        return Fit(forecasts: combined)
    }

    /// One member's forecasts per cut and series (see ``Fit``).
    private func fitted(_ series: [Transformed], lags: Int, horizon: Int, cuts: [Int]) throws(ForecastError) -> [[[Double]?]] {
        let width = lags + 1
        // Windows are visited from the oldest age band to the newest; cut order is kept for output.
        let order = cuts.indices.sorted { cuts[$0] > cuts[$1] }
        var gram = Matrix(rows: width, columns: width)
        var cross = Matrix(rows: width, columns: horizon)
        var block = WindowBlock(width: width, horizon: horizon)
        var windowsSoFar = 0
        var forecasts = [[[Double]?]](repeating: [], count: cuts.count)
        var upper = Int.max
        for c in order {
            let cut = cuts[c]
            for z in series {
                // Windows end at t ∈ [L, n − H]; age n − t in [cut, upper).
                let n = z.values.count
                let first = max(lags, n - upper + 1), last = min(n - horizon, n - cut)
                guard first <= last else { continue }
                for t in first...last {
                    guard block.append(z.values, origin: t, lags: lags, span: scaleSpan) else { continue }
                    windowsSoFar += 1
                    if block.isFull { block.flush(into: &gram, &cross) }
                }
            }
            block.flush(into: &gram, &cross)
            upper = cut
            forecasts[c] = windowsSoFar >= 2 * width
                ? try forecast(series, lags: lags, coefficients: solve(gram, cross), horizon: horizon, age: cut)
                : [[Double]?](repeating: nil, count: series.count)
        }
        return forecasts
    }

    /// A series as the model sees it: logarithms when positive and asked for.
    struct Transformed {
        let values: [Double]
        let logarithmic: Bool
    }

    func transformed(_ history: [Double]) -> Transformed {
        let logarithmic = logTransform && !history.isEmpty && history.allSatisfy { $0 > 0 }
        return Transformed(values: logarithmic ? history.map { Foundation.log($0) } : history, logarithmic: logarithmic)
    }

    private func solve(_ gram: Matrix, _ cross: Matrix) throws(ForecastError) -> Matrix {
        var a = gram.symmetrizedFromUpper()
        let penalty = ridge * (0..<a.rows).reduce(0.0) { $0 + a[$1, $1] } / Double(a.rows)
        for i in 0..<a.rows { a[i, i] += max(penalty, 1e-12) }
        switch Result(catching: { () throws(LinearAlgebraError) in try Cholesky(a) }) {
        case .success(let factor): return factor.solve(cross)
        case .failure(let error): throw ForecastError("\(name): the normal equations are singular (\(error))")
        }
    }

    /// Point forecasts from origin n − age + H of every series with `coefficients` (width × H).
    private func forecast(_ series: [Transformed], lags: Int, coefficients: Matrix, horizon: Int, age: Int) -> [[Double]?] {
        let width = lags + 1
        var inputs = Matrix(rows: width, columns: series.count)
        var scales = [(mean: Double, sd: Double)?](repeating: nil, count: series.count)
        for (i, z) in series.enumerated() {
            let origin = z.values.count - age + horizon
            guard origin >= scaleSpan else { continue }
            let (mean, sd) = Self.moments(z.values, from: origin - scaleSpan, to: origin)
            scales[i] = (mean, sd)
            guard sd > 0 else { continue }
            for q in 0..<lags {
                var j = origin - lags + q
                if j < 0 { j += scaleSpan * ((-j + scaleSpan - 1) / scaleSpan) }
                inputs[q, i] = (z.values[j] - mean) / sd
            }
            inputs[lags, i] = 1
        }
        let predicted = Matrix.product(coefficients, transposeA: true, inputs)  // H × series
        return series.indices.map { i in
            guard let (mean, sd) = scales[i] else { return nil }
            let values = (0..<horizon).map { h in
                let level = mean + sd * predicted[h, i]
                return series[i].logarithmic ? Foundation.exp(level) : level
            }
            return values.allSatisfy(\.isFinite) ? values : nil
        }
    }

    /// Mean and population standard deviation of values[from..<to] (0 when flat).
    static func moments(_ values: [Double], from: Int, to: Int) -> (Double, Double) {
        var sum = 0.0
        for j in from..<to { sum += values[j] }
        let mean = sum / Double(to - from)
        var squares = 0.0
        for j in from..<to { squares += (values[j] - mean) * (values[j] - mean) }
        let sd = (squares / Double(to - from)).squareRoot()
        return (mean, sd > 1e-10 * max(1, abs(mean)) ? sd : 0)
    }
}

/// Standardised windows gathered column by column until they are added to the normal equations.
private struct WindowBlock {
    static let capacity = 2048
    var inputs: Matrix
    var targets: Matrix
    var count = 0

    init(width: Int, horizon: Int) {
        inputs = Matrix(rows: width, columns: Self.capacity)
        targets = Matrix(rows: horizon, columns: Self.capacity)
    }

    var isFull: Bool { count == Self.capacity }

    /// Adds the window ending before `origin`; false (nothing added) when its scale span is flat.
    mutating func append(_ z: [Double], origin t: Int, lags: Int, span: Int) -> Bool {
        let (mean, sd) = PooledAutoregression.moments(z, from: t - span, to: t)
        guard sd > 0 else { return false }
        let width = inputs.rows, horizon = targets.rows
        inputs.storage.withUnsafeMutableBufferPointer { x in
            let base = count * width
            for q in 0..<lags { x[base + q] = (z[t - lags + q] - mean) / sd }
            x[base + lags] = 1
        }
        targets.storage.withUnsafeMutableBufferPointer { y in
            let base = count * horizon
            for h in 0..<horizon { y[base + h] = (z[t + h] - mean) / sd }
        }
        count += 1
        return true
    }

    /// Adds the gathered windows to XᵀX (upper triangle) and XᵀY, and empties the block.
    mutating func flush(into gram: inout Matrix, _ cross: inout Matrix) {
        guard count > 0 else { return }
        let x = count == Self.capacity ? inputs
            : Matrix(rows: inputs.rows, columns: count, columnMajor: Array(inputs.storage.prefix(inputs.rows * count)))
        let y = count == Self.capacity ? targets
            : Matrix(rows: targets.rows, columns: count, columnMajor: Array(targets.storage.prefix(targets.rows * count)))
        Matrix.rankUpdate(x, into: &gram)
        Matrix.gemm(x, y, transposeB: true, beta: 1, into: &cross)
        count = 0
    }
}
