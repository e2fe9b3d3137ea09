import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing
import TestSupport

struct DynamicHarmonicRegressionTests {
    static func series(_ n: Int) -> [Double] {
        (0..<n).map { (i: Int) -> Double in
            let t = Double(i)
            return 20 + 0.05 * t + 3 * sin(2 * Double.pi * t / 12) - cos(4 * Double.pi * t / 12) + 0.8 * sin(1.3 * t * t)
        }
    }

    /// With the harmonics fixed (K = 2), no AR correction and no transform, the model is OLS on
    /// [1, t, sin, cos × 2]: point forecasts and 95% prediction intervals must match statsmodels'
    /// `OLS(y, X).fit().get_prediction(X0)` (`bench/reference/dhr_statsmodels.py`) to a relative 1e-9.
    @Test func matchesStatsmodelsOLSPrediction() throws {
        let model = DynamicHarmonicRegression(periods: [12], harmonics: [2], arCorrection: false, logTransform: false)
        let forecast = try model.forecast(Self.series(96), horizon: 6, levels: [0.95])
        let mean = [23.897857873315814, 25.820472631711844, 27.985127210202037, 29.071086188656007,
                    28.332455027181197, 26.266809908623987]
        let lower = [22.61132915062089, 24.53077135625451, 26.694538840852992, 27.781384913198675,
                     27.043625231623306, 24.977748133895382]
        let upper = [25.18438659601074, 27.110173907169177, 29.275715579551083, 30.36078746411334,
                     29.62128482273909, 27.555871683352592]
        let band = try #require(forecast.band(0.95))
        for h in 0..<6 {
            #expect(Accuracy.relativeError(forecast.mean[h], mean[h]) < 1e-9)
            #expect(Accuracy.relativeError(band.lower[h], lower[h]) < 1e-9)
            #expect(Accuracy.relativeError(band.upper[h], upper[h]) < 1e-9)
        }
    }

    /// A noise-free trend plus two harmonics is fitted exactly by any K ≥ 2, whichever AICc picks.
    @Test func exactSignalIsForecastExactly() throws {
        func signal(_ t: Double) -> Double { 3 + 0.1 * t + 2 * sin(2 * Double.pi * t / 24) + cos(4 * Double.pi * t / 24) }
        let y = (0..<240).map { signal(Double($0)) }
        let forecast = try DynamicHarmonicRegression(periods: [24], harmonics: [2, 3, 5], logTransform: false)
            .forecast(y, horizon: 24, levels: [])
        for h in 0..<24 { #expect(abs(forecast.mean[h] - signal(Double(240 + h))) < 1e-8) }
    }

    /// The batched path gives each series the forecast it gets alone.
    @Test func batchedEqualsOneByOne() throws {
        let a = Self.series(120), b = Self.series(120).map { 2 * $0 + 5 }
        let c: [Double] = (0..<120).map { (i: Int) -> Double in 50 + sin(0.37 * Double(i * i)) }
        let model = DynamicHarmonicRegression(periods: [12, 24])
        let batched = try model.forecastBatched(Matrix(columns: [a, b, c]), horizon: 8, levels: [0.8])
        for (index, y) in [a, b, c].enumerated() {
            let alone = try model.forecast(y, horizon: 8, levels: [0.8])
            for h in 0..<8 {
                #expect(abs(batched[index].mean[h] - alone.mean[h]) < 1e-9 * abs(alone.mean[h]))
                #expect(abs(batched[index].bands[0].upper[h] - alone.bands[0].upper[h]) < 1e-9 * abs(alone.bands[0].upper[h]))
            }
        }
    }
}
