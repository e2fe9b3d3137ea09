#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exponential smoothing state-space model ETS(error, trend, season) of Hyndman, Koehler,
/// Ord & Snyder (2008), *Forecasting with Exponential Smoothing*, ch. 2, and Hyndman &
/// Athanasopoulos, *Forecasting: Principles and Practice* (3rd ed.), §8.5–8.7.
///
/// Error is additive or multiplicative; trend none, additive or additive damped; season none,
/// additive or multiplicative with period `period`. Multiplicative trends are not offered (as in
/// `forecast::ets` by default). All 18 remaining combinations are supported; additive error
/// with multiplicative season is allowed (numerically fragile, as fpp3 §8.6 warns).
///
/// The recursions are written in the error-correction (smoothing) form that statsmodels'
/// `ETSModel` uses, with β* = β/α and γ* = γ/(1 − α):
///
///     ŷ_t = (ℓ + φb) ⊕ s_{t−m}
///     ℓ_t = α (y_t ⊖ s_{t−m}) + (1 − α)(ℓ + φb)
///     b_t = β* (ℓ_t − ℓ) + (1 − β*) φb
///     s_t = γ* (y_t ⊖ ℓ_t) + (1 − γ*) s_{t−m}
///
/// where ⊕/⊖ are + /− for an additive season and ×/÷ for a multiplicative one. For every model
/// without a multiplicative season this is algebraically the state-space form of HKOS Table 2.3;
/// with a multiplicative season the seasonal update divides by ℓ_t rather than ℓ_{t−1} + φb_{t−1}
/// (statsmodels' choice, kept so the likelihood can be checked against it exactly).
public struct ETSSpecification: Sendable, Hashable, CustomStringConvertible {
    /// How the error enters the observation equation.
    public enum ErrorKind: Sendable, Hashable { case additive, multiplicative }
    /// The trend component.
    public enum TrendKind: Sendable, Hashable { case none, additive, damped }
    /// The seasonal component.
    public enum SeasonKind: Sendable, Hashable { case none, additive, multiplicative }

    public var error: ErrorKind
    public var trend: TrendKind
    public var season: SeasonKind
    /// The seasonal period m; 1 when `season` is `.none`.
    public var period: Int

    /// - Precondition: `period > 1` when the model is seasonal.
    public init(error: ErrorKind, trend: TrendKind, season: SeasonKind, period: Int = 1) {
        precondition(season == .none || period > 1, "a seasonal model needs a period above 1")
        self.error = error
        self.trend = trend
        self.season = season
        self.period = season == .none ? 1 : period
    }

    /// `ETS(A,Ad,M)` style.
    public var description: String {
        let e = error == .additive ? "A" : "M"
        let t = trend == .none ? "N" : trend == .additive ? "A" : "Ad"
        let s = season == .none ? "N" : season == .additive ? "A" : "M"
        return "ETS(\(e),\(t),\(s))"
    }

    var hasTrend: Bool { trend != .none }
    var hasSeason: Bool { season != .none }
    /// Whether the model is linear (class 1 of HKOS ch. 6) with analytic forecast variances.
    public var hasAnalyticVariance: Bool { error == .additive && season != .multiplicative }
    /// Whether the model needs strictly positive data (any multiplicative component).
    var needsPositiveData: Bool { error == .multiplicative || season == .multiplicative }

    /// The number of estimated quantities as `forecast::ets` counts them: the smoothing
    /// parameters, φ, the initial level and trend, m − 1 free seasonal states, and σ².
    public var parameterCount: Int {
        1 + (hasTrend ? 2 : 0) + (trend == .damped ? 1 : 0) + (hasSeason ? period : 0) + 1 + 1
    }
}

/// The parameters and initial states of an ETS model.
public struct ETSParameters: Sendable, Equatable {
    /// Level smoothing α.
    public var alpha: Double
    /// Trend smoothing β (not β*); 0 without a trend.
    public var beta: Double
    /// Seasonal smoothing γ (not γ*); 0 without a season.
    public var gamma: Double
    /// Damping φ; 1 without damping.
    public var phi: Double
    /// ℓ₀, the level before the first observation.
    public var level: Double
    /// b₀; 0 without a trend.
    public var trend: Double
    /// The m seasonal states before the first observation, oldest (s_{1−m}, the one the first
    /// observation uses) first; empty without a season.
    public var seasonal: [Double]

    public init(alpha: Double, beta: Double = 0, gamma: Double = 0, phi: Double = 1,
                level: Double, trend: Double = 0, seasonal: [Double] = []) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.phi = phi
        self.level = level
        self.trend = trend
        self.seasonal = seasonal
    }
}

/// The states after the last observation, from which forecasts start.
public struct ETSState: Sendable, Equatable {
    public var level: Double
    public var trend: Double
    /// The latest seasonal state of each phase; `seasonal[k]` serves times ≡ k (mod m),
    /// counting the first observation as time 0.
    public var seasonal: [Double]
    /// Observations filtered.
    public var count: Int
}

/// The sums the likelihood needs, from one pass of the recursions.
struct ETSFilterSums {
    var sse: Double
    var sumLogAbsFitted: Double
    var count: Int

    /// statsmodels' / HKOS (2.13) log-likelihood with σ² concentrated out:
    /// −n/2 (log(2π SSE/n) + 1) − Σ log|ŷ_t| (the last sum for multiplicative errors only).
    func logLikelihood(_ error: ETSSpecification.ErrorKind) -> Double {
        let n = Double(count)
        var value = -n / 2 * (log(2 * Double.pi * sse / n) + 1)
        if error == .multiplicative { value -= sumLogAbsFitted }
        return value
    }
}

extension ETSSpecification {
    /// Runs the recursions over `y` with `p`, writing the final states into `seasonalOut`
    /// (m values, indexed by phase) and returning the sums and the final level and trend.
    /// No allocation: the caller owns every buffer.
    @inline(__always)
    func filter(_ y: UnsafeBufferPointer<Double>, alpha: Double, betaStar: Double, gammaStar: Double,
                phi: Double, level l0: Double, trend b0: Double, seasonal: UnsafeMutableBufferPointer<Double>,
                fitted: UnsafeMutablePointer<Double>? = nil) -> (sums: ETSFilterSums, level: Double, trend: Double) {
        var l = l0, b = hasTrend ? b0 : 0
        let phiUsed = trend == .damped ? phi : 1
        let m = period
        var sse = 0.0, sumLog = 0.0
        var j = 0
        let additiveSeason = season == .additive, multiplicativeSeason = season == .multiplicative
        let multiplicativeError = error == .multiplicative
        for t in 0..<y.count {
            let yt = y[t]
            let phib = phiUsed * b
            let base = l + phib
            let s = additiveSeason || multiplicativeSeason ? seasonal[j] : 0
            var yhat: Double
            let deseasoned: Double
            if multiplicativeSeason {
                yhat = base * s
                deseasoned = yt / s
            } else {
                yhat = base + s
                deseasoned = yt - s
            }
            fitted?[t] = yhat
            let newLevel = alpha * deseasoned + (1 - alpha) * base
            b = betaStar * (newLevel - l) + (1 - betaStar) * phib
            l = newLevel
            if multiplicativeSeason {
                seasonal[j] = gammaStar * (yt / newLevel) + (1 - gammaStar) * s
            } else if additiveSeason {
                seasonal[j] = gammaStar * (yt - newLevel) + (1 - gammaStar) * s
            }
            if multiplicativeError {
                if yhat == 0 { yhat = 1e-32 }
                let e = (yt - yhat) / yhat
                sse += e * e
                sumLog += log(abs(yhat))
            } else {
                let e = yt - yhat
                sse += e * e
            }
            j += 1
            if j == m { j = 0 }
        }
        if !hasTrend { b = 0 }
        return (ETSFilterSums(sse: sse, sumLogAbsFitted: sumLog, count: y.count), l, b)
    }

    /// The log-likelihood of `y` under these parameters (HKOS 2008 eq. 2.13 with σ² at its
    /// maximum SSE/n; statsmodels' `ETSModel.loglike`).
    /// - Complexity: O(n), no allocation beyond m seasonal states.
    public func logLikelihood(_ y: [Double], _ p: ETSParameters) -> Double {
        run(y, p).sums.logLikelihood(error)
    }

    /// Filters `y` and returns the sums and the states after it.
    func run(_ y: [Double], _ p: ETSParameters, fitted: UnsafeMutablePointer<Double>? = nil)
        -> (sums: ETSFilterSums, state: ETSState) {
        precondition(!hasSeason || p.seasonal.count == period, "one initial seasonal state per phase")
        var seasonal = hasSeason ? p.seasonal : [0]
        let betaStar = hasTrend ? p.beta / p.alpha : 0
        let gammaStar = hasSeason ? p.gamma / (1 - p.alpha) : 0
        let result = y.withUnsafeBufferPointer { yb in
            seasonal.withUnsafeMutableBufferPointer { sb in
                filter(yb, alpha: p.alpha, betaStar: betaStar, gammaStar: gammaStar, phi: p.phi,
                       level: p.level, trend: p.trend, seasonal: sb, fitted: fitted)
            }
        }
        return (result.sums, ETSState(level: result.level, trend: result.trend,
                                      seasonal: hasSeason ? seasonal : [], count: y.count))
    }

    /// The one-step fitted values ŷ_t of `y`.
    public func fittedValues(_ y: [Double], _ p: ETSParameters) -> [Double] {
        var out = [Double](repeating: 0, count: y.count)
        out.withUnsafeMutableBufferPointer { buffer in _ = run(y, p, fitted: buffer.baseAddress) }
        return out
    }
}

/// One ETS model as a `ForecastModel`: fits `specification` by maximum likelihood
/// (`ETSFit.fit`) and forecasts with its intervals (`ETSFit.forecast`).
public struct ETSModel: ForecastModel {
    public let specification: ETSSpecification
    public var options: ETSFit.Options
    /// Sample paths and seed for the simulated intervals of the non-linear models.
    public var paths: Int
    public var seed: UInt64

    public init(_ specification: ETSSpecification, options: ETSFit.Options = .init(),
                paths: Int = 1000, seed: UInt64 = 0x5EED) {
        self.specification = specification
        self.options = options
        self.paths = paths
        self.seed = seed
    }

    public var name: String { "ets" }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        try ETSFit.fit(history, specification: specification, options: options)
            .forecast(horizon: horizon, levels: levels, paths: paths, seed: seed)
    }
}
