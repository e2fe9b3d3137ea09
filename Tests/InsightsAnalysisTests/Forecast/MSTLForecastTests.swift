import Foundation
import InsightsAnalysis
import Testing

struct MSTLForecastTests {
    /// A level of 100 with a daily (24) and a weekly (168) sine plus bounded deterministic noise
    /// (|noise| ≤ 0.5): the forecast of the next two days must follow the noiseless signal to
    /// within 1.5 at every step (the weekly sine alone has amplitude 5).
    @Test func recoversTwoSeasonsOnHourlyData() throws {
        func signal(_ t: Double) -> Double { 100 + 10 * sin(2 * Double.pi * t / 24) + 5 * sin(2 * Double.pi * t / 168) }
        let n = 4 * 168
        let y: [Double] = (0..<n).map { (i: Int) -> Double in
            let t = Double(i)
            return signal(t) + 0.5 * sin(1.7 * t * t)
        }
        let forecast = try MSTLForecast(periods: [24, 168]).forecast(y, horizon: 48, levels: [0.95])
        for h in 0..<48 {
            #expect(abs(forecast.mean[h] - signal(Double(n + h))) < 1.5, "step \(h + 1)")
        }
        let band = try #require(forecast.band(0.95))
        #expect(zip(band.lower, band.upper).allSatisfy { $0 < $1 })
    }

    /// Periods of at least half the history are dropped; with none left the forecast is the
    /// non-seasonal model's on the raw series.
    @Test func withoutUsablePeriodsItIsTheNonSeasonalModel() throws {
        let y = (0..<30).map { 5 + sin(Double($0)) }
        let ours = try MSTLForecast(periods: [24], logTransform: false).forecast(y, horizon: 5, levels: [])
        let theta = try Theta().forecast(y, horizon: 5, levels: [])
        #expect(ours.mean == theta.mean)
    }

    /// On a positive series the model works in logarithms: its forecast is the exponential of
    /// the untransformed model's forecast of log y (to a relative 1e-9), hence positive.
    @Test func positiveSeriesAreModelledInLogs() throws {
        let y: [Double] = (0..<(24 * 20)).map { (i: Int) -> Double in
            let t = Double(i)
            return (12 + 0.02 * t) * exp(2 * sin(2 * Double.pi * t / 24)) * (1 + 0.05 * sin(1.7 * t * t))
        }
        let inLogs = try MSTLForecast(periods: [24]).forecast(y, horizon: 48, levels: [])
        let reference = try MSTLForecast(periods: [24], logTransform: false).forecast(y.map { log($0) }, horizon: 48, levels: [])
        for (ours, theirs) in zip(inLogs.mean, reference.mean) { #expect(abs(ours - exp(theirs)) < 1e-9 * exp(theirs)) }
        #expect(inLogs.mean.allSatisfy { $0 > 0 })
    }
}
