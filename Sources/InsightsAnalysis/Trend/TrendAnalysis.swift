import InsightsNumerics

/// Linear trend of an evenly spaced series: OLS of the value on time with
/// autocorrelation-robust (Newey–West HAC) inference.
///
/// Model: `y_t = a + b·t + Σ_h (c_h sin(2πht/P) + d_h cos(2πht/P)) + ε_t` (or seasonal
/// indicators `Σ_s γ_s·[t mod P = s]`, s = 1…P−1, instead of the Fourier pairs), t = 0, 1, …, n−1
/// the index on the grid (so b is "per step"), NaN values dropped (their index is skipped,
/// not renumbered). Coefficients are OLS through `LinearModel.ols`; their covariance is
/// Newey & West's (1987) Bartlett-kernel HAC estimator without small-sample correction,
/// lag `⌊4(n/100)^{2/9}⌋` of the observed count unless given, with normal inference: the
/// conventions of statsmodels' `OLS(y, X).fit(cov_type='HAC', cov_kwds={'maxlags': L})`.
/// With gaps, the HAC lags count observed neighbours, as statsmodels does on the dropped
/// arrays. Sources: Newey & West, *Econometrica* 55 (1987) 703–708; Newey & West,
/// *Rev. Econ. Stud.* 61 (1994) 631–653 for the lag rule.
public enum TrendAnalysis {
    /// Fits the trend of one series.
    ///
    /// - Parameters:
    ///   - values: The series on its grid, oldest first; NaN is missing.
    ///   - options: Seasonal terms, HAC lag and confidence level.
    /// - Returns: The trend with its covariance.
    /// - Throws: `TrendError` with fewer observed values than coefficients + 1, or when the
    ///   design is singular (e.g. a Fourier period of 2 steps, whose sine column is zero).
    /// - Complexity: O(n·p²) for p design columns.
    public static func fit(_ values: [Double], options: TrendOptions = TrendOptions()) throws(TrendError) -> TrendFit {
        let observed = values.indices.filter { !values[$0].isNaN }
        let p = 2 + options.seasonal.columnCount
        guard observed.count > p else {
            throw .tooFewPoints("a trend fit with \(p) coefficients", observed: observed.count, required: p + 1)
        }
        let design = designMatrix(times: observed.map(Double.init), seasonal: options.seasonal)
        let response = observed.map { values[$0] }
        let lags = options.hacLags ?? CovarianceType.automaticLag(observations: observed.count)
        let model: LinearModelResult
        do {
            model = try LinearModel.ols(design: design, response: response, termNames: termNames(options.seasonal),
                                        hasIntercept: true, covariance: .hac(maxLags: lags), level: options.level)
        } catch { throw .fitFailed(error) }
        let estimate = TrendEstimate(coefficients: model.coefficients,
                                     standardErrors: model.covariance.diagonal.map { $0.squareRoot() },
                                     termNames: model.termNames, observationCount: observed.count,
                                     length: values.count, hacLags: lags, level: options.level)
        return TrendFit(estimate: estimate, model: model)
    }

    /// The design `[1, t, sin(2π·1·t/P), cos(2π·1·t/P), …]` for the given times.
    static func designMatrix(times: [Double], seasonal: SeasonalTerms) -> Matrix {
        var columns: [[Double]] = [[Double](repeating: 1, count: times.count), times]
        switch seasonal {
        case .none: break
        case .fourier(let period, let harmonics):
            for h in 1...harmonics {
                let angles = times.map { 2 * Double.pi * Double(h) * $0 / period }
                columns.append(angles.map { sin($0) })
                columns.append(angles.map { cos($0) })
            }
        case .dummies(let period):
            let seasons = times.map { Int($0) % period }
            for s in 1..<period { columns.append(seasons.map { $0 == s ? 1 : 0 }) }
        }
        return Matrix(columns: columns)
    }

    static func termNames(_ seasonal: SeasonalTerms) -> [String] { ["intercept", "t"] + seasonal.names }

    /// `values` minus the fitted seasonal part (the terms after intercept and slope), so that
    /// change-point detection sees level shifts rather than the cycle. NaN stays NaN.
    ///
    /// - Parameters:
    ///   - values: The series the estimate was fitted to.
    ///   - estimate: A fit with `seasonal` terms (its coefficients in design order).
    ///   - seasonal: The seasonal terms of that fit.
    public static func deseasonalised(_ values: [Double], estimate: TrendEstimate, seasonal: SeasonalTerms) -> [Double] {
        precondition(estimate.coefficients.count == 2 + seasonal.columnCount, "estimate was fitted with other seasonal terms")
        guard seasonal != .none else { return values }
        let design = designMatrix(times: values.indices.map(Double.init), seasonal: seasonal)
        return values.indices.map { i in
            var seasonalPart = 0.0
            for j in 2..<design.columns { seasonalPart += estimate.coefficients[j] * design[i, j] }
            return values[i] - seasonalPart
        }
    }
}

/// A fitted trend of one series: the estimate and the full linear model behind it.
public struct TrendFit: Sendable {
    /// Slope, intercept and their inference.
    public let estimate: TrendEstimate
    /// The OLS fit with its HAC covariance (every coefficient, residuals, R²).
    public let model: LinearModelResult

    /// When the trend line `a + b·t` reaches `threshold`, with Fieller's interval from the
    /// HAC covariance of (a, b). See ``CrossingTime``.
    public func crossingTime(of threshold: Double) -> CrossingTime {
        CrossingTime.fieller(threshold: threshold, intercept: model.coefficients[0], slope: model.coefficients[1],
                             varianceIntercept: model.covariance[0, 0], covariance: model.covariance[0, 1],
                             varianceSlope: model.covariance[1, 1], level: estimate.level)
    }
}

/// The trend line of one series with normal-theory inference from HAC standard errors.
///
/// Time is the grid index; ``slope`` is per step. Multiply by `seconds / stepSeconds` for
/// another unit (``slope(perSeconds:stepSeconds:)``).
public struct TrendEstimate: Sendable {
    /// All coefficients in design order: intercept, slope, then seasonal terms.
    public let coefficients: [Double]
    /// HAC standard errors, in design order.
    public let standardErrors: [Double]
    /// `intercept`, `t`, then `sin1`, `cos1`, ….
    public let termNames: [String]
    /// The observed (non-NaN) values used.
    public let observationCount: Int
    /// The grid length n (observed and missing); the window is indices 0…n−1.
    public let length: Int
    /// The Newey–West lag L.
    public let hacLags: Int
    /// The confidence level of the interval.
    public let level: Double

    /// a: the trend line at index 0, the start of the window.
    public var intercept: Double { coefficients[0] }
    /// b: the change of the trend line per step.
    public var slope: Double { coefficients[1] }
    /// The HAC standard error of b.
    public var slopeStandardError: Double { standardErrors[1] }
    /// `b / se(b)`, referred to the standard normal.
    public var slopeStatistic: Double { slope / slopeStandardError }
    /// Two-sided p-value of b = 0 (normal reference, as statsmodels uses for HAC).
    public var slopePValue: Double {
        let z = slopeStatistic
        return z.isNaN ? .nan : 2 * Normal().survival(abs(z))
    }
    /// `b ± z_{(1+level)/2}·se(b)`.
    public var slopeInterval: (low: Double, high: Double) {
        let critical = Normal().inverseSurvival((1 - level) / 2)
        return (slope - critical * slopeStandardError, slope + critical * slopeStandardError)
    }

    /// The slope per `seconds` of time when one step lasts `stepSeconds`.
    public func slope(perSeconds seconds: Double, stepSeconds: Double) -> Double {
        slope * seconds / stepSeconds
    }

    /// The change of the trend line over the window, in percent of its value at the start:
    /// `100·b·(n−1)/a`, the line from index 0 to index n−1 relative to the line at index 0
    /// (seasonal terms excluded; with seasonal dummies a is the line of the season of index 0).
    /// NaN when `a = 0`; its sign is meaningless when `a < 0`.
    public var percentChange: Double {
        intercept == 0 ? .nan : 100 * slope * Double(length - 1) / intercept
    }

    /// ``percentChange`` at the ends of the slope's interval (the start value held fixed).
    public var percentChangeInterval: (low: Double, high: Double) {
        let interval = slopeInterval
        let scale = intercept == 0 ? Double.nan : 100 * Double(length - 1) / intercept
        let ends = [interval.low * scale, interval.high * scale]
        return (ends.min() ?? .nan, ends.max() ?? .nan)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
