import InsightsNumerics

/// The Theta method: simple exponential smoothing with drift, on the seasonally adjusted series.
///
/// Standard Theta (θ = 2): V. Assimakopoulos and K. Nikolopoulos, "The theta model: a
/// decomposition approach to forecasting", *IJF* 16 (2000) 521–530, in the form of R. J. Hyndman
/// and B. Billah, "Unmasking the Theta method", *IJF* 19 (2003) 287–290: the forecast is the SES
/// forecast plus (1 − 1/θ) · b₀ · (h − 1 + 1/α − (1 − α)ⁿ/α), b₀ the OLS slope of the series on
/// time (for θ = 2, half the slope). SES starts at the first observation and α minimises the
/// in-sample sum of squared one-step errors (statsmodels' `ThetaModel(…).fit()`). When
/// `period` ≥ 2 the series is first adjusted by ``MultiplicativeAdjustment`` (M4's 90% test) and
/// the forecast reseasonalised.
///
/// Optimised Theta (``optimised(period:)``): θ chosen on a grid 1, 1.5, …, 5 by the in-sample
/// one-step MSE of the theta-line combination, a simplification of the optimised Theta method
/// (OTM) of J. A. Fiorucci, T. R. Pellegrini, F. Louzada, F. Petropoulos and A. B. Koehler,
/// "Models for optimising the theta method and their relationship to state space models",
/// *IJF* 32 (2016) 1151–1161: the line A + Bt is the full-sample OLS line (OTM re-estimates it
/// at each origin), the theta line Z = θy + (1 − θ)(A + Bt) is smoothed by SES with its own α,
/// and the fit is (1 − 1/θ)(A + Bt) + (1/θ)·SES(Z). θ = 1 is plain SES, θ = 2 the standard method.
///
/// Intervals: those of SES (ETS(A,N,N)), ŷ ± z·σ·√(1 + α²(h − 1)), σ² the in-sample mean
/// squared one-step error, reseasonalised with the point forecast (as R's `forecast::thetaf`).
public struct Theta: ForecastModel {
    public let name: String
    /// The seasonal period tested and adjusted for; 1 for none.
    public let period: Int
    /// θ; nil chooses it by in-sample MSE (optimised Theta).
    public let theta: Double?
    /// A fixed smoothing parameter; nil estimates it.
    public let alpha: Double?

    /// The standard Theta method (θ = 2).
    /// - Parameters:
    ///   - period: The seasonal period (1 for none).
    ///   - alpha: A fixed SES α in (0, 1]; nil (default) estimates it.
    public init(period: Int = 1, alpha: Double? = nil) {
        self.name = "theta"
        self.period = max(period, 1)
        self.theta = 2
        self.alpha = alpha
    }

    private init(name: String, period: Int, theta: Double?, alpha: Double?) {
        self.name = name
        self.period = max(period, 1)
        self.theta = theta
        self.alpha = alpha
    }

    /// Optimised Theta: θ on the grid 1, 1.5, …, 5 by in-sample one-step MSE.
    public static func optimised(period: Int = 1) -> Theta {
        Theta(name: "otm", period: period, theta: nil, alpha: nil)
    }

    /// The grid of θ searched by the optimised Theta.
    public static let thetaGrid: [Double] = stride(from: 1.0, through: 5.0, by: 0.5).map { $0 }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        guard history.count >= 3 else { throw .tooShort(name, observed: history.count, required: 3) }
        guard horizon >= 1 else { throw ForecastError("\(name): the horizon must be at least 1 step") }
        let adjustment = MultiplicativeAdjustment(history, period: period)
        let y = adjustment.deseasonalise(history)
        let fit = theta.map { fitTheta(y, theta: $0) } ?? Self.thetaGrid.map { fitTheta(y, theta: $0) }
            .min { $0.mse < $1.mse }!
        var mean = [Double](repeating: 0, count: horizon)
        for h in 1...horizon { mean[h - 1] = fit.point(h) }
        let bands = levels.map { level -> Forecast.Band in
            let z = Normal().quantile(0.5 + level / 2)
            var lower = mean, upper = mean
            for h in 1...horizon {
                let width = z * (fit.mse * (1 + fit.alpha * fit.alpha * Double(h - 1))).squareRoot()
                lower[h - 1] -= width
                upper[h - 1] += width
            }
            return Forecast.Band(level: level, lower: adjustment.reseasonalise(lower, after: history.count),
                                 upper: adjustment.reseasonalise(upper, after: history.count))
        }
        return Forecast(mean: adjustment.reseasonalise(mean, after: history.count), bands: bands)
    }

    /// A fitted theta combination on the adjusted series.
    struct Fit {
        var theta: Double
        var alpha: Double
        var level: Double      // SES forecast of the theta line (or of y for θ = 2)
        var intercept: Double
        var slope: Double
        var count: Int
        var mse: Double
        var closedForm = false

        /// The forecast h steps after the last observation.
        func point(_ h: Int) -> Double {
            if closedForm {  // Hyndman & Billah's closed form, as statsmodels
                var steps = Double(h - 1)
                if alpha > 0 { steps += 1 / alpha - Self.power(1 - alpha, count) / alpha }
                return level + 0.5 * slope * steps
            }
            let line = intercept + slope * Double(count - 1 + h)
            return (1 - 1 / theta) * line + (1 / theta) * level
        }

        static func power(_ x: Double, _ n: Int) -> Double {
            var result = 1.0, base = x, e = n
            while e > 0 { if e & 1 == 1 { result *= base }; base *= base; e >>= 1 }
            return result
        }
    }

    /// Fits θ on `y`: the standard method by SES on y itself (Hyndman–Billah); the optimised
    /// one by SES on the theta line, for every θ on its grid.
    func fitTheta(_ y: [Double], theta: Double) -> Fit {
        let (intercept, slope) = Self.ols(y)
        let n = y.count
        if theta == 2 && self.theta == 2 {
            let a = alpha ?? Self.bestAlpha(y)
            let ses = Self.smooth(y, alpha: a)
            return Fit(theta: 2, alpha: a, level: ses.level, intercept: intercept, slope: slope, count: n,
                       mse: ses.sse / Double(n - 1), closedForm: true)
        }
        let z = (0..<n).map { theta * y[$0] + (1 - theta) * (intercept + slope * Double($0)) }
        let a = alpha ?? Self.bestAlpha(z)
        // In-sample one-step fit of the combination: (1 − 1/θ)·line_t + (1/θ)·SES_{t−1}(Z).
        var level = z[0], sse = 0.0
        for t in 1..<n {
            let fitted = (1 - 1 / theta) * (intercept + slope * Double(t)) + level / theta
            sse += (y[t] - fitted) * (y[t] - fitted)
            level += a * (z[t] - level)
        }
        return Fit(theta: theta, alpha: a, level: level, intercept: intercept, slope: slope, count: n,
                   mse: sse / Double(n - 1))
    }

    /// OLS intercept and slope of y on t = 0…n−1 (closed form on centred time, two-pass).
    static func ols(_ y: [Double]) -> (Double, Double) {
        let n = Double(y.count)
        let tMean = (n - 1) / 2
        let yMean = Statistics.mean(y)
        var sxy = 0.0, sxx = 0.0
        for (t, v) in y.enumerated() {
            let dt = Double(t) - tMean
            sxy += dt * (v - yMean)
            sxx += dt * dt
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        return (yMean - slope * tMean, slope)
    }

    /// SES from l₀ = y₀: the final level (one-step forecast) and the sum of squared one-step errors.
    static func smooth(_ y: [Double], alpha: Double) -> (level: Double, sse: Double) {
        var level = y[0], sse = 0.0
        for t in 1..<y.count {
            let e = y[t] - level
            sse += e * e
            level += alpha * e
        }
        return (level, sse)
    }

    /// The α in [0.0001, 1] minimising the SES sum of squared one-step errors: a coarse grid,
    /// then golden-section search around the best grid point.
    ///
    /// The same α, to the bit, as evaluating one α at a time (`bestAlphaOneAtATime`, kept as the
    /// reference the tests compare with), but sixteen SSEs per pass over the series: a pass is
    /// bound by the latency of the level's recurrence, not by arithmetic, so sixteen lanes cost
    /// little more than one. The grid takes two passes instead of 21; the golden-section search
    /// evaluates in one pass the points its next three steps may introduce (2 + 4 + 8, for both
    /// outcomes of each comparison; the points depend only on the path, not on the values),
    /// then follows the path the comparisons take.
    static func bestAlpha(_ y: [Double]) -> Double {
        let grid = stride(from: 0.0001, through: 1.0, by: 0.05).map { $0 } + [1.0]
        let errors = sse(y, alphas: grid)
        let start = grid[errors.indices.min { errors[$0] < errors[$1] }!]
        var state = GoldenSection(a: max(0.0001, start - 0.05), b: min(1.0, start + 0.05))
        let pair = sse(y, alphas: [state.c, state.d])
        (state.fc, state.fd) = (pair[0], pair[1])
        let depth = 3
        while !state.done {
            // A complete binary tree in heap order: node i's steps into the lower half lead to
            // 2i + 1, into the upper half to 2i + 2; node 0 is the current state.
            var nodes = [state]
            var points: [Double] = []
            var pointOf: [Int: Int] = [:]
            for index in 0..<((1 << depth) - 1) {
                for lower in [true, false] {
                    let child = nodes[index].done ? nodes[index] : nodes[index].stepped(lowerHalf: lower)
                    if !nodes[index].done {
                        pointOf[nodes.count] = points.count
                        points.append(child.newPoint)
                    }
                    nodes.append(child)
                }
            }
            let values = sse(y, alphas: points)
            var index = 0
            for _ in 0..<depth where !state.done {
                let lower = state.fc < state.fd
                index = 2 * index + (lower ? 1 : 2)
                state = state.stepped(lowerHalf: lower).withValue(values[pointOf[index]!])
            }
        }
        return (state.a + state.b) / 2
    }

    /// One step of the golden-section search on [a, b] with interior points c < d and their
    /// SSEs, as `bestAlphaOneAtATime` takes it.
    struct GoldenSection {
        static let ratio = (5.0.squareRoot() - 1) / 2
        var a: Double, b: Double, c: Double, d: Double
        var fc = Double.nan, fd = Double.nan
        /// Steps taken so far (at most 60).
        var steps = 0
        /// The point this step introduced (c after a lower-half step, d after an upper one).
        var newPoint = Double.nan
        var newIsC = false

        init(a: Double, b: Double) {
            self.a = a
            self.b = b
            c = b - Self.ratio * (b - a)
            d = a + Self.ratio * (b - a)
        }

        /// Whether the search has stopped: 60 steps, or the bracket narrower than 1e-10.
        var done: Bool { steps >= 60 || !(b - a > 1e-10) }

        /// The state after one step: into [a, d] when f(c) < f(d), else [c, b]; the new
        /// point's SSE still to be set.
        func stepped(lowerHalf: Bool) -> GoldenSection {
            var next = self
            next.steps += 1
            if lowerHalf {
                next.b = d; next.d = c; next.fd = fc
                next.c = next.b - Self.ratio * (next.b - next.a)
                next.newPoint = next.c
                next.newIsC = true
            } else {
                next.a = c; next.c = d; next.fc = fd
                next.d = next.a + Self.ratio * (next.b - next.a)
                next.newPoint = next.d
                next.newIsC = false
            }
            return next
        }

        func withValue(_ value: Double) -> GoldenSection {
            var next = self
            if newIsC { next.fc = value } else { next.fd = value }
            return next
        }
    }

    /// The SES sums of squared errors for each α, sixteen α per pass over `y` (lanes compute
    /// exactly what `smooth` computes for their α: the same operations in the same order).
    static func sse(_ y: [Double], alphas: [Double]) -> [Double] {
        typealias Lanes = SIMD16<Double>
        var result: [Double] = []
        result.reserveCapacity(alphas.count)
        for start in stride(from: 0, to: alphas.count, by: Lanes.scalarCount) {
            let count = min(Lanes.scalarCount, alphas.count - start)
            var lanes = Lanes(repeating: 1)
            for lane in 0..<count { lanes[lane] = alphas[start + lane] }
            let sums = y.withUnsafeBufferPointer { y in
                var level = Lanes(repeating: y[0]), sse = Lanes()
                for t in 1..<y.count {
                    let e = Lanes(repeating: y[t]) - level
                    sse += e * e
                    level += lanes * e
                }
                return sse
            }
            for lane in 0..<count { result.append(sums[lane]) }
        }
        return result
    }

    /// The α search one SSE at a time: the definition `bestAlpha` reproduces bit for bit.
    static func bestAlphaOneAtATime(_ y: [Double]) -> Double {
        let grid = stride(from: 0.0001, through: 1.0, by: 0.05).map { $0 } + [1.0]
        // Each grid point smoothed once (comparing inside `min(by:)` would smooth twice per
        // comparison); the first of equal minima wins, as `min(by:)` chooses.
        let errors = grid.map { smooth(y, alpha: $0).sse }
        let start = grid[errors.indices.min { errors[$0] < errors[$1] }!]
        var a = max(0.0001, start - 0.05), b = min(1.0, start + 0.05)
        let ratio = (5.0.squareRoot() - 1) / 2
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = smooth(y, alpha: c).sse, fd = smooth(y, alpha: d).sse
        for _ in 0..<60 where b - a > 1e-10 {
            if fc < fd { b = d; d = c; fd = fc; c = b - ratio * (b - a); fc = smooth(y, alpha: c).sse }
            else { a = c; c = d; fc = fd; d = a + ratio * (b - a); fd = smooth(y, alpha: d).sse }
        }
        return (a + b) / 2
    }
}
