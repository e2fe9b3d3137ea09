import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing

struct EnsembleTests {
    /// On a series alternating 9 and 11 the constant members 0, 10, 11 and 100 have validation
    /// MAE 10, 1, 1 and 90 (by hand); the three best are kept and the median of 0, 10 and 11 is 10.
    @Test func keepsTheBestValidatedMembersAndTakesTheirMedian() throws {
        let y = (0..<60).map { $0 % 2 == 0 ? 9.0 : 11.0 }
        let ensemble = Ensemble(members: [100, 11, 0, 10].map { ConstantModel(value: $0) }, validationWindows: 2, keep: 3)
        let chosen = ensemble.selection(y, horizon: 4)
        #expect(Set(chosen.map(\.index)) == [1, 2, 3])
        let maes = chosen.compactMap(\.mae).sorted()
        #expect(maes.count == 3 && abs(maes[0] - 1) < 1e-12 && abs(maes[1] - 1) < 1e-12 && abs(maes[2] - 10) < 1e-12)
        let forecast = try ensemble.forecast(y, horizon: 4, levels: [])
        #expect(forecast.mean == [10, 10, 10, 10])
    }

    /// Too short to validate: every member is combined.
    @Test func shortHistoryCombinesEveryMember() throws {
        let ensemble = Ensemble(members: [1, 2, 30].map { ConstantModel(value: $0) })
        #expect(ensemble.selection([5, 5, 5], horizon: 4).count == 3)
        #expect(try ensemble.forecast([5, 5, 5], horizon: 2, levels: []).mean == [2, 2])
    }
}

/// The ensemble's backtests from many origins, which fit each member once per training length,
/// against refitting the whole ensemble at every origin. Both run the same arithmetic on the
/// same prefixes, so the results must be identical, not merely close.
struct EnsembleOriginsTests {
    /// Hides the ensemble's ``MultiOriginForecastModel`` conformance, so the conformal
    /// calibration refits it origin by origin.
    struct Refitted: ForecastModel {
        let model: Ensemble
        var name: String { model.name }
        func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
            try model.forecast(history, horizon: horizon, levels: levels)
        }
    }

    /// A seeded hourly-like series: a daily cycle, a slow trend and noise, all positive.
    static func series(_ n: Int, seed: UInt64) -> [Double] {
        var random = SplitMix64(seed: seed)
        return (0..<n).map { t in
            50 + 0.02 * Double(t) + 10 * sin(2 * Double.pi * Double(t) / 24) + 3 * random.uniform()
        }
    }

    /// The default ensemble (theta, otm, mstl, snaive) on 400 hourly values, horizon 12 (origins
    /// 3 steps apart, so validation blocks fall on other origins), with one and two threads.
    @Test(arguments: [1, 2])
    func sharedFitsGiveTheRefittedCalibration(workers: Int) throws {
        let y = Self.series(400, seed: 11)
        let ensemble = ForecastModelRegistry.ensemble(.init(periods: [24]))
        let shared = try ConformalForecaster(ensemble, windows: 20, workers: workers).calibrate(y, horizon: 12, levels: [0.8, 0.95])
        let refitted = try ConformalForecaster(Refitted(model: ensemble), windows: 20).calibrate(y, horizon: 12, levels: [0.8, 0.95])
        #expect(shared == refitted)
        #expect(shared.windows == 20)
    }

    /// Members that fail on some training lengths (so validation drops them at some origins and
    /// a chosen member fails at others), spacing that does not divide the horizon, and a
    /// history so short that the oldest origins are not validated: still identical, and each
    /// member is fitted once per distinct length.
    @Test func failuresAndUnevenSpacingGiveTheRefittedCalibration() throws {
        let y = Self.series(60, seed: 5)
        let counter = FitCounter()
        let members: [any ForecastModel] = [
            CountingModel(counter: counter, inner: LastValueModel()),
            CountingModel(counter: counter, inner: ConstantModel(value: 50), failsAtMultiplesOf: 4),
            CountingModel(counter: counter, inner: ConstantModel(value: 60), failsAtMultiplesOf: 5),
            CountingModel(counter: counter, inner: ConstantModel(value: 40)),
        ]
        let ensemble = Ensemble(members: members)
        let conformal = ConformalForecaster(ensemble, windows: 15, spacing: 3, workers: 2)
        let shared = try conformal.calibrate(y, horizon: 7, levels: [0.9])
        let sharedFits = counter.reset()
        let refitted = try ConformalForecaster(Refitted(model: ensemble), windows: 15, spacing: 3).calibrate(y, horizon: 7, levels: [0.9])
        let refits = counter.reset()
        #expect(shared == refitted)
        #expect(sharedFits < refits, "\(sharedFits) fits shared against \(refits) refitted")
        // Distinct (member, length) pairs the rule needs: recomputed here from the origins.
        let origins = (0..<15).map { 60 - 7 - 3 * $0 }.filter { $0 >= 8 } + [60]
        let validation = Set(origins.flatMap { o in [o - 7, o - 14].filter { $0 >= 14 } })
        #expect(sharedFits >= 4 * validation.count && sharedFits <= 4 * Set(origins).union(validation).count)
    }

    /// The final forecast of the default ensemble from the shared fits equals its own forecast.
    @Test func finalForecastIsTheEnsemblesForecast() throws {
        let y = Self.series(300, seed: 2)
        let ensemble = ForecastModelRegistry.ensemble(.init(periods: [24]))
        let shared = try ensemble.pointForecasts(y, origins: [300, 288], horizon: 24, workers: 2)
        #expect(try shared[0].get() == ensemble.forecast(y, horizon: 24, levels: []).mean)
        #expect(try shared[1].get() == ensemble.forecast(Array(y[..<288]), horizon: 24, levels: []).mean)
    }
}
