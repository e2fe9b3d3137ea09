import InsightsNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dynamic harmonic regression: a linear trend plus Fourier terms per seasonal period, fitted by
/// least squares, with an AR(1) correction of the residuals.
///
/// Method (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §10.5 and
/// §12.1): yₜ = a + b·t + Σₚ Σₖ₌₁^{Kₚ} [sₚₖ sin(2πkt/p) + cₚₖ cos(2πkt/p)] + uₜ. The number of
/// harmonics Kₚ of each period is chosen per series by AICc, n·log(SSE/n) + 2q + 2q(q+1)/(n − q − 1)
/// (q coefficients), over every combination of Kₚ ∈ `harmonics` (capped at p/2). Every candidate
/// design is factored once and fitted to all series of a batch at once (``BatchedRegression``:
/// QR with column pivoting, one GEMM per block of series), so ``forecastBatched(_:horizon:levels:)``
/// is the path for many series on one grid.
///
/// Intervals: the regression's prediction variance σ²(1 + x₀ᵀ(XᵀX)⁻¹x₀) with Student's t on n − q
/// degrees of freedom. With `arCorrection` (the default) the residuals are treated as AR(1) with
/// φ their lag-1 autocorrelation (clamped to ±0.99; FPP3 §10 fits ARIMA errors by maximum
/// likelihood, this is the two-step shortcut): the forecast adds φʰ·uₙ, and the noise part of the
/// variance becomes σ²(1 − φ²)·Σⱼ₌₀ʰ⁻¹ φ²ʲ. Positive series are modelled in logarithms with
/// `logTransform`, as ``MSTLForecast`` does, and the forecast and bounds exponentiated.
public struct DynamicHarmonicRegression: ForecastModel {
    public var name: String { "dhr" }
    /// The seasonal periods (in observations, may be fractional-free integers ≥ 2).
    public let periods: [Int]
    /// The candidate numbers of harmonics per period.
    public let harmonics: [Int]
    /// Whether the residuals get an AR(1) correction.
    public let arCorrection: Bool
    /// Whether positive series are modelled in logarithms.
    public let logTransform: Bool

    public init(periods: [Int], harmonics: [Int] = [1, 2, 3, 5, 8], arCorrection: Bool = true, logTransform: Bool = true) {
        self.periods = Array(Set(periods.filter { $0 >= 2 })).sorted()
        self.harmonics = Array(Set(harmonics.filter { $0 >= 1 })).sorted()
        self.arCorrection = arCorrection
        self.logTransform = logTransform
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        try forecastBatched(Matrix(rows: history.count, columns: 1, columnMajor: history), horizon: horizon,
                            levels: levels)[0]
    }

    /// Forecasts every column of `values` (n×k, one series per column, all finite, on one grid).
    /// - Throws: `ForecastError` when the history is too short for the smallest design or holds
    ///   a non-finite value.
    /// - Complexity: one QR per candidate design (the product of the harmonic grids) and one
    ///   batched fit of all k series per design.
    public func forecastBatched(_ values: Matrix, horizon: Int, levels: [Double]) throws(ForecastError) -> [Forecast] {
        let n = values.rows, k = values.columns
        guard horizon >= 1 else { throw ForecastError("dhr: the horizon must be at least 1 step") }
        var y = values
        var logged = [Bool](repeating: false, count: k)
        for c in 0..<k {
            let column = y.column(c)
            guard column.allSatisfy(\.isFinite) else { throw ForecastError("dhr: series \(c + 1) has a missing value") }
            if logTransform && column.allSatisfy({ $0 > 0 }) {
                logged[c] = true
                y.setColumn(c, to: column.map { log($0) })
            }
        }
        let usable = periods.filter { 2 * $0 <= n }
        var grids: [[Int]] = [[]]
        for period in usable {
            let choices = harmonics.filter { 2 * $0 <= period }
            grids = grids.flatMap { prefix in (choices.isEmpty ? [1] : choices).map { prefix + [$0] } }
        }
        // Fit every candidate design to all series; keep each series' best AICc.
        var best = [(aicc: Double, design: Int)](repeating: (.infinity, -1), count: k)
        var fits: [BatchedFit?] = []
        var designs: [(Matrix, LeastSquares)?] = []
        for combination in grids {
            let design = Self.design(rows: 0..<n, periods: usable, harmonics: combination)
            let q = design.columns
            guard n - q - 1 > 0,
                  let regression = try? BatchedRegression(design: design), let fit = try? regression.fit(y, hacLags: 0),
                  let squares = try? LeastSquares(design: design) else {
                fits.append(nil)
                designs.append(nil)
                continue
            }
            let index = fits.count
            fits.append(fit)
            designs.append((design, squares))
            for c in 0..<k {
                let sse = fit.residualStandardDeviation[c] * fit.residualStandardDeviation[c] * Double(n - q)
                let aicc = Double(n) * log(max(sse, .leastNormalMagnitude) / Double(n)) + 2 * Double(q)
                    + 2 * Double(q * (q + 1)) / Double(n - q - 1)
                if aicc < best[c].aicc { best[c] = (aicc, index) }
            }
        }
        var inverseGrams: [Int: Matrix] = [:]
        var forecasts: [Forecast] = []
        for c in 0..<k {
            let index = best[c].design
            guard index >= 0, let fit = fits[index], let (design, squares) = designs[index] else {
                throw .tooShort("dhr", observed: n, required: 2 * (usable.count + 2) + 2)
            }
            let q = design.columns
            let beta = fit.coefficients.column(c)
            let future = Self.design(rows: n..<(n + horizon), periods: usable, harmonics: grids[index])
            let gram = inverseGrams[index] ?? squares.inverseGram()
            inverseGrams[index] = gram
            var residuals = y.column(c)
            for t in 0..<n {
                var fitted = 0.0
                for j in 0..<q { fitted += design[t, j] * beta[j] }
                residuals[t] -= fitted
            }
            let sigma2 = fit.residualStandardDeviation[c] * fit.residualStandardDeviation[c]
            let phi = arCorrection ? min(max(Statistics.autocorrelation(residuals, lag: 1), -0.99), 0.99) : 0
            let phiFinite = phi.isFinite ? phi : 0
            var mean = [Double](repeating: 0, count: horizon)
            var variance = [Double](repeating: 0, count: horizon)
            var phiPower = 1.0, noise = 0.0
            for h in 0..<horizon {
                var point = 0.0, leverage = 0.0
                for j in 0..<q {
                    point += future[h, j] * beta[j]
                    var row = 0.0
                    for l in 0..<q { row += gram[j, l] * future[h, l] }
                    leverage += future[h, j] * row
                }
                noise += phiPower * phiPower
                phiPower *= phiFinite
                mean[h] = point + phiPower * residuals[n - 1]
                variance[h] = sigma2 * ((1 - phiFinite * phiFinite) * noise + leverage)
            }
            let t = StudentT(degreesOfFreedom: Double(n - q))
            let back: (Double) -> Double = logged[c] ? { exp($0) } : { $0 }
            let bands = levels.map { level in
                let z = t.quantile(0.5 + level / 2)
                return Forecast.Band(level: level, lower: (0..<horizon).map { back(mean[$0] - z * variance[$0].squareRoot()) },
                                     upper: (0..<horizon).map { back(mean[$0] + z * variance[$0].squareRoot()) })
            }
            forecasts.append(Forecast(mean: mean.map(back), bands: bands))
        }
        return forecasts
    }

    /// Intercept, time, then sin/cos pairs per period and harmonic (the sine dropped when it is
    /// identically zero, 2k = p).
    static func design(rows: Range<Int>, periods: [Int], harmonics: [Int]) -> Matrix {
        var columns: [[Double]] = [rows.map { _ in 1 }, rows.map { Double($0) }]
        for (period, count) in zip(periods, harmonics) {
            for harmonic in 1...count {
                let w = 2 * Double.pi * Double(harmonic) / Double(period)
                if 2 * harmonic != period { columns.append(rows.map { sin(w * Double($0 % period)) }) }
                columns.append(rows.map { cos(w * Double($0 % period)) })
            }
        }
        return Matrix(columns: columns)
    }
}
