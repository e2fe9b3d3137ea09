import Foundation
import InsightsAnalysis
import Testing
import TestSupport

/// The standard Theta method against statsmodels 0.15 `ThetaModel(y, period=m,
/// deseasonalize=<M4 test>, use_test=False, method="multiplicative").fit().forecast(h, theta=2)`
/// on three deterministic series, values from `bench/reference/theta_statsmodels.py`.
///
/// With α fixed to statsmodels' estimate the forecasts must agree to a relative 1e-9 (the same
/// arithmetic up to rounding). With α estimated by our own search they must agree to a
/// relative 1e-3 (statsmodels' optimiser stops at its own tolerance).
struct ThetaTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let kind: String, count: Int, period: Int, seasonal: Bool, alpha: Double, reference: [Double]
        var testDescription: String { kind }

        var series: [Double] {
            (0..<count).map { i in
                let t = Double(i)
                switch kind {
                case "seasonal12": return 100 + 0.5 * t + 15 * sin(2 * Double.pi * t / 12) + 3 * sin(1.3 * t * t)
                case "plain": return 50 + 0.2 * t + 4 * sin(0.7 * t) + 2 * sin(1.3 * t * t)
                default: return (200 + 0.1 * t) * (1 + 0.3 * sin(2 * Double.pi * t / 24)) + 5 * sin(1.7 * t * t)
                }
            }
        }
    }

    static let cases: [Case] = [
        Case(kind: "seasonal12", count: 120, period: 12, seasonal: true, alpha: 0.6492150684598866, reference: [
            159.47491193356262, 169.56550895775948, 177.42318226505455, 179.27509559089236, 178.89103460915896,
            169.6672901965714, 162.5088194700183, 151.83880454344703, 144.8172413675155, 144.45279065871287,
            146.07946955419243, 154.75856325493672]),
        Case(kind: "plain", count: 80, period: 12, seasonal: false, alpha: 0.9998258218763083, reference: [
            64.0802614155204, 64.17419818040703, 64.26813494529367, 64.36207171018029, 64.45600847506692,
            64.54994523995356]),
        Case(kind: "hourly", count: 240, period: 24, seasonal: true, alpha: 0.12690056039302375, reference: [
            223.38022458018386, 238.7713190183335, 257.00615210344756, 269.3072768089304, 281.12534874122184,
            286.6652635376403, 289.64312736883375, 287.05359818169296, 280.31513937601886, 270.98125110653774,
            257.3275394496292, 239.87724785375437, 223.2473639536612, 204.5993857558045, 190.3157053084909,
            174.6756930318511, 167.35318745388577, 160.2734055015743, 155.44448434035618, 158.27489506169724,
            165.71635756882733, 176.99341703807687, 188.06960558728218, 203.9252208147448]),
    ]

    @Test(arguments: cases)
    func seasonalityTestMatchesReference(_ c: Case) {
        #expect(MultiplicativeAdjustment.isSeasonal(c.series, period: c.period) == c.seasonal)
    }

    @Test(arguments: cases)
    func matchesStatsmodelsWithItsAlpha(_ c: Case) throws {
        let forecast = try Theta(period: c.period, alpha: c.alpha).forecast(c.series, horizon: c.reference.count, levels: [])
        for (ours, theirs) in zip(forecast.mean, c.reference) {
            #expect(Accuracy.relativeError(ours, theirs) < 1e-9, "\(ours) vs \(theirs)")
        }
    }

    @Test(arguments: cases)
    func matchesStatsmodelsWithEstimatedAlpha(_ c: Case) throws {
        let forecast = try Theta(period: c.period).forecast(c.series, horizon: c.reference.count, levels: [])
        for (ours, theirs) in zip(forecast.mean, c.reference) {
            #expect(Accuracy.relativeError(ours, theirs) < 1e-3, "\(ours) vs \(theirs)")
        }
    }

    /// SES with drift on a straight line: α = 1 is optimal and the forecast continues the
    /// line with half its slope (Hyndman & Billah: the drift is b₀/2), from the last value.
    @Test func straightLineGetsHalfTheSlope() throws {
        let y = (0..<50).map { 10 + 2 * Double($0) }
        let forecast = try Theta().forecast(y, horizon: 3, levels: [0.95])
        for h in 1...3 { #expect(abs(forecast.mean[h - 1] - (108 + Double(h))) < 1e-6) }
        // SES with α = 1 misses each step by the slope, 2, so σ = 2 and the first band is ±1.96·2.
        let band = try #require(forecast.band(0.95))
        #expect(abs((band.upper[0] - band.lower[0]) / 2 - 1.959964 * 2) < 1e-3)
    }

    /// The optimised Theta's in-sample MSE is the smallest on its grid, so on a series with a
    /// strong trend and little noise it forecasts closer to the trend than SES (θ = 1) does.
    @Test func optimisedThetaFollowsAStrongTrend() throws {
        let y: [Double] = (0..<100).map { (i: Int) -> Double in
            let t = Double(i)
            return 5 + 0.8 * t + sin(1.3 * t * t)
        }
        let otm = try Theta.optimised().forecast(y, horizon: 10, levels: [])
        let truth: [Double] = (100..<110).map { (i: Int) -> Double in 5 + 0.8 * Double(i) }
        let mae = zip(otm.mean, truth).map { abs($0 - $1) }.reduce(0, +) / 10
        #expect(mae < 1.5, "optimised Theta MAE \(mae) on a trend of slope 0.8")
    }

    @Test func refusesTooShortHistories() {
        #expect(throws: ForecastError.self) { try Theta().forecast([1, 2], horizon: 3, levels: []) }
    }
}
