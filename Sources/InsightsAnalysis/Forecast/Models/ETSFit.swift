import InsightsNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An ETS model fitted to one series by maximum likelihood: parameters, initial and final
/// states, likelihood and information criteria.
public struct ETSFit: Sendable {
    public let specification: ETSSpecification
    public let parameters: ETSParameters
    /// The log-likelihood at `parameters` (see `ETSSpecification.logLikelihood`).
    public let logLikelihood: Double
    /// σ̂² = SSE/n, the maximum-likelihood innovation variance (relative errors for a
    /// multiplicative error). `forecast::ets` divides by n − k instead.
    public let variance: Double
    /// The states after the last observation.
    public let state: ETSState
    /// Objective evaluations the optimiser used (0 when evaluated at given parameters).
    public let evaluations: Int

    /// Akaike's criterion −2 log L + 2k, with k = `specification.parameterCount`.
    public var aic: Double { -2 * logLikelihood + 2 * Double(specification.parameterCount) }
    /// AIC with the small-sample correction 2k(k + 1)/(n − k − 1) (Hurvich & Tsai 1989).
    public var aicc: Double {
        Self.aicc(logLikelihood: logLikelihood, count: state.count, parameters: specification.parameterCount)
    }
    /// Schwarz's criterion −2 log L + k log n.
    public var bic: Double { -2 * logLikelihood + Double(specification.parameterCount) * log(Double(state.count)) }

    /// AICc for `parameters` estimated quantities from `count` observations; infinite when
    /// n ≤ k + 1.
    public static func aicc(logLikelihood: Double, count: Int, parameters k: Int) -> Double {
        guard count > k + 1 else { return .infinity }
        let kk = Double(k)
        return -2 * logLikelihood + 2 * kk + 2 * kk * (kk + 1) / (Double(count) - kk - 1)
    }

    /// The model evaluated at given parameters (no estimation).
    public init(_ y: [Double], specification: ETSSpecification, parameters: ETSParameters) {
        let (sums, state) = specification.run(y, parameters)
        self.init(specification: specification, parameters: parameters,
                  logLikelihood: sums.logLikelihood(specification.error),
                  variance: sums.sse / Double(sums.count), state: state, evaluations: 0)
    }

    init(specification: ETSSpecification, parameters: ETSParameters, logLikelihood: Double,
         variance: Double, state: ETSState, evaluations: Int) {
        self.specification = specification
        self.parameters = parameters
        self.logLikelihood = logLikelihood
        self.variance = variance
        self.state = state
        self.evaluations = evaluations
    }
}

extension ETSFit {
    /// Settings of the maximum-likelihood search.
    public struct Options: Sendable {
        /// Nelder–Mead settings; the defaults stop when −log L changes by less than 1e-7.
        public var optimizer: NelderMead.Options
        /// Searches started, each from the best grid point for a different α.
        public var starts: Int
        public init(optimizer: NelderMead.Options = .init(valueTolerance: 1e-7, pointTolerance: 1e-5,
                                                           maxEvaluations: 6_000, restarts: 4),
                    starts: Int = 1) {
            self.optimizer = optimizer
            self.starts = starts
        }
    }

    /// statsmodels' bounds on α, β* = β/α and γ* = γ/(1 − α), so 0 < β < α < 1 and
    /// 0 < γ < 1 − α (HKOS §2.7's "usual" region), and on φ.
    static let smoothingBounds = (lower: 1e-4, upper: 1 - 1e-4)
    static let dampingBounds = (lower: 0.8, upper: 0.98)

    /// Fits `specification` to `y` by maximum likelihood.
    ///
    /// The free quantities are α, β*, γ*, φ (each mapped to its bounds by a logistic
    /// transform), ℓ₀, b₀ and the m − 1 seasonal states after the oldest, which is fixed at 0
    /// (additive) or 1 (multiplicative) as statsmodels does — an exact reparametrisation of the
    /// usual sum-to-zero normalisation. Start values are the heuristic of HKOS (2008) §2.6.1
    /// (`ETSFit.heuristicStates`) with α = 0.5, β* = 0.1, γ* = 0.1, φ = 0.95; Nelder–Mead with
    /// restarts then maximises the log-likelihood.
    /// - Parameter initial: Parameters and states to start from (for example a previous fit):
    ///   the states replace the heuristic and the search starts there before the grid's starts.
    /// - Throws: `ForecastError` when the series is too short for the model (n ≤ k + 1, or
    ///   fewer than 2m points for a seasonal model), or when a multiplicative component meets
    ///   a non-positive value.
    public static func fit(_ y: [Double], specification spec: ETSSpecification,
                           options: Options = Options(),
                           start initial: ETSParameters? = nil) throws(ForecastError) -> ETSFit {
        let n = y.count
        let k = spec.parameterCount
        if n <= k + 1 || n < 3 { throw .tooShort(spec.description, observed: n, required: max(k + 2, 3)) }
        if spec.hasSeason && n < 2 * spec.period {
            throw .tooShort(spec.description, observed: n, required: 2 * spec.period)
        }
        if spec.needsPositiveData && !y.allSatisfy({ $0 > 0 }) {
            throw ForecastError("\(spec.description) needs strictly positive data")
        }
        let start = initial.map { (level: $0.level, trend: $0.trend, seasonal: $0.seasonal) } ?? heuristicStates(y, spec)
        let sb = smoothingBounds, db = dampingBounds
        // Internal coordinates, each centred on its start value and scaled by its step.
        var centre: [Double] = [], scale: [Double] = []
        func logit(_ x: Double, _ lo: Double, _ hi: Double) -> Double { let p = (x - lo) / (hi - lo); return log(p / (1 - p)) }
        centre.append(logit(0.5, sb.lower, sb.upper)); scale.append(1)
        if spec.hasTrend { centre.append(logit(0.1, sb.lower, sb.upper)); scale.append(1) }
        if spec.hasSeason { centre.append(logit(0.1, sb.lower, sb.upper)); scale.append(1) }
        if spec.trend == .damped { centre.append(logit(0.95, db.lower, db.upper)); scale.append(1) }
        let spread = max(standardDeviation(y), 1e-8 * max(1, abs(start.level)))
        centre.append(start.level); scale.append(0.1 * spread)
        if spec.hasTrend { centre.append(start.trend); scale.append(0.02 * spread) }
        if spec.hasSeason {
            for j in 1..<spec.period {
                centre.append(start.seasonal[j])
                scale.append(spec.season == .multiplicative ? 0.02 : 0.05 * spread)
            }
        }
        let dimension = centre.count
        let m = spec.period
        let fixedSeason = spec.season == .multiplicative ? 1.0 : 0.0
        func logistic(_ u: Double, _ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) / (1 + exp(-u)) }

        var seasonalScratch = [Double](repeating: 0, count: m)
        // −log L at internal coordinates `u` (offsets from `centre` in units of `scale`).
        func objective(_ u: UnsafeBufferPointer<Double>, _ yb: UnsafeBufferPointer<Double>,
                       _ sb2: UnsafeMutableBufferPointer<Double>) -> Double {
            var i = 0
            func next() -> Double { defer { i += 1 }; return centre[i] + scale[i] * u[i] }
            let alpha = logistic(next(), sb.lower, sb.upper)
            let betaStar = spec.hasTrend ? logistic(next(), sb.lower, sb.upper) : 0
            let gammaStar = spec.hasSeason ? logistic(next(), sb.lower, sb.upper) : 0
            let phi = spec.trend == .damped ? logistic(next(), db.lower, db.upper) : 1
            let level = next()
            let trend = spec.hasTrend ? next() : 0
            if spec.hasSeason {
                sb2[0] = fixedSeason
                for j in 1..<m { sb2[j] = next() }
            }
            let run = spec.filter(yb, alpha: alpha, betaStar: betaStar, gammaStar: gammaStar, phi: phi,
                                  level: level, trend: trend, seasonal: sb2)
            let value = -run.sums.logLikelihood(spec.error)
            return value.isFinite ? value : .infinity
        }
        // Smoothing parameters to start from: the two best points of a small grid evaluated at
        // the heuristic states (one start alone can settle in a poor local optimum, e.g.
        // ETS(M,A,M) on the airline data).
        let smoothingCount = 1 + (spec.hasTrend ? 1 : 0) + (spec.hasSeason ? 1 : 0) + (spec.trend == .damped ? 1 : 0)
        var grid: [[Double]] = [[]]
        func extend(_ values: [Double], _ lo: Double, _ hi: Double) {
            grid = grid.flatMap { g in values.map { g + [logit($0, lo, hi)] } }
        }
        extend([0.05, 0.2, 0.5, 0.8], sb.lower, sb.upper)
        if spec.hasTrend { extend([0.05, 0.2], sb.lower, sb.upper) }
        if spec.hasSeason { extend([0.01, 0.1, 0.4], sb.lower, sb.upper) }
        if spec.trend == .damped { extend([0.95], db.lower, db.upper) }
        var best: NelderMead.Result? = nil
        y.withUnsafeBufferPointer { yb in
            seasonalScratch.withUnsafeMutableBufferPointer { sb2 in
                var u = [Double](repeating: 0, count: dimension)
                var scored: [(value: Double, point: [Double])] = []
                for g in grid {
                    for i in 0..<smoothingCount { u[i] = (g[i] - centre[i]) / scale[i] }
                    let value = u.withUnsafeBufferPointer { objective($0, yb, sb2) }
                    scored.append((value, u))
                }
                scored.sort { $0.value < $1.value }
                // The best grid point for each level smoothing α.
                var starts: [[Double]] = [], seen: Set<Double> = []
                for point in scored.map(\.point) where seen.insert(point[0]).inserted { starts.append(point) }
                var evaluations = grid.count
                var chosen = Array(starts.prefix(options.starts))
                if let initial {
                    // The caller's start first, in internal coordinates.
                    var values = [initial.alpha]
                    if spec.hasTrend { values.append(initial.beta / initial.alpha) }
                    if spec.hasSeason { values.append(initial.gamma / (1 - initial.alpha)) }
                    if spec.trend == .damped { values.append(initial.phi) }
                    var point = [Double](repeating: 0, count: dimension)
                    for i in 0..<smoothingCount {
                        let damping = spec.trend == .damped && i == smoothingCount - 1
                        let (lo, hi) = damping ? (db.lower, db.upper) : (sb.lower, sb.upper)
                        let v = min(max(values[i], lo + 1e-9), hi - 1e-9)
                        point[i] = (logit(v, lo, hi) - centre[i]) / scale[i]
                    }
                    chosen.insert(point, at: 0)
                }
                for start in chosen {
                    var run = NelderMead.minimize(start: start, step: [Double](repeating: 1, count: dimension),
                                                  options: options.optimizer) { objective($0, yb, sb2) }
                    evaluations += run.evaluations
                    run.evaluations = evaluations
                    if best == nil || run.value < best!.value { best = run } else { best!.evaluations = evaluations }
                }
            }
        }
        let result = best!
        // Back to model parameters.
        var i = 0
        func next() -> Double { defer { i += 1 }; return centre[i] + scale[i] * result.point[i] }
        let alpha = logistic(next(), sb.lower, sb.upper)
        let betaStar = spec.hasTrend ? logistic(next(), sb.lower, sb.upper) : 0
        let gammaStar = spec.hasSeason ? logistic(next(), sb.lower, sb.upper) : 0
        let phi = spec.trend == .damped ? logistic(next(), db.lower, db.upper) : 1
        let level = next()
        let trend = spec.hasTrend ? next() : 0
        var seasonal: [Double] = []
        if spec.hasSeason { seasonal = [fixedSeason] + (1..<m).map { _ in next() } }
        let parameters = ETSParameters(alpha: alpha, beta: betaStar * alpha, gamma: gammaStar * (1 - alpha),
                                       phi: phi, level: level, trend: trend, seasonal: seasonal)
        let evaluated = ETSFit(y, specification: spec, parameters: parameters)
        guard evaluated.logLikelihood.isFinite else {
            throw ForecastError("\(spec.description) found no finite likelihood")
        }
        return ETSFit(specification: spec, parameters: parameters, logLikelihood: evaluated.logLikelihood,
                      variance: evaluated.variance, state: evaluated.state, evaluations: result.evaluations)
    }

    /// Heuristic initial states of Hyndman, Koehler, Ord & Snyder (2008) §2.6.1, in the variant
    /// statsmodels' `_initialization_heuristic` implements: the first k = min(5, n/m) full cycles
    /// (at least enough for ten moving-average values) are smoothed by a centred 2×m (odd m: m)
    /// moving average; the seasonal indices are the per-phase means of the series minus (over)
    /// that average, normalised to mean 0 (1); a straight line through the first ten
    /// moving-average values (the first ten observations for a non-seasonal model), at
    /// t = 1…10, gives ℓ₀ (its intercept) and b₀ (its slope). The oldest seasonal state is then
    /// fixed at 0 or 1 by shifting (scaling) the level (and trend) to match, which leaves the
    /// model's fitted values unchanged.
    public static func heuristicStates(_ y: [Double], _ spec: ETSSpecification)
        -> (level: Double, trend: Double, seasonal: [Double]) {
        let n = y.count, m = spec.period
        let multiplicative = spec.season == .multiplicative
        var seasonal: [Double] = []
        var base = y
        if spec.hasSeason && n >= 2 * m {
            let minimum = 10 + 2 * (m / 2)
            let cycles = min(max(min(5, n / m), (minimum + m - 1) / m), n / m)
            let head = Array(y[0..<(cycles * m)])
            var sums = [Double](repeating: 0, count: m), counts = [Int](repeating: 0, count: m)
            var trendValues: [Double] = []
            let half = m / 2
            for t in half..<(head.count - half) {
                var ma: Double
                if m % 2 == 0 {
                    ma = 0.5 * (head[t - half] + head[t + half])
                    for i in (t - half + 1)..<(t + half) { ma += head[i] }
                } else {
                    ma = 0
                    for i in (t - half)...(t + half) { ma += head[i] }
                }
                ma /= Double(m)
                trendValues.append(ma)
                sums[t % m] += multiplicative ? head[t] / ma : head[t] - ma
                counts[t % m] += 1
            }
            seasonal = (0..<m).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : (multiplicative ? 1 : 0) }
            let mean = seasonal.reduce(0, +) / Double(m)
            seasonal = seasonal.map { multiplicative ? $0 / mean : $0 - mean }
            base = trendValues
        } else if spec.hasSeason {
            seasonal = [Double](repeating: multiplicative ? 1 : 0, count: m)
        }
        // Least squares line through (t, base[t − 1]), t = 1…k.
        let k = min(base.count, 10)
        var level: Double, trend = 0.0
        let yMean = base[0..<k].reduce(0, +) / Double(k)
        if k >= 2 {
            let tMean = Double(k + 1) / 2
            var sxy = 0.0, sxx = 0.0
            for t in 1...k { let d = Double(t) - tMean; sxy += d * (base[t - 1] - yMean); sxx += d * d }
            let slope = sxy / sxx
            level = yMean - slope * tMean
            if spec.hasTrend { trend = slope }
        } else {
            level = yMean
        }
        if spec.hasSeason, let first = seasonal.first {
            if multiplicative {
                level *= first; trend *= first
                seasonal = seasonal.map { $0 / first }
            } else {
                level += first
                seasonal = seasonal.map { $0 - first }
            }
        }
        return (level, trend, seasonal)
    }

    private static func standardDeviation(_ y: [Double]) -> Double {
        let mean = y.reduce(0, +) / Double(y.count)
        var s = 0.0
        for v in y { s += (v - mean) * (v - mean) }
        return (s / Double(max(y.count - 1, 1))).squareRoot()
    }
}
