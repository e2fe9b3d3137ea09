import Foundation
@testable import InsightsAnalysis
import Testing
import TestSupport

struct PooledAutoregressionTests {
    /// Three seasonal series with trend and a deterministic wiggle (period 4), 60, 70, 80 long.
    static func pool() -> [[Double]] {
        (0..<3).map { i in
            (0..<(60 + 10 * i)).map { t in
                let wiggle = Double((t * 7 + i * 13) % 11 - 5) / 5
                return 10 + Double(i) + 3 * sin(2 * Double.pi * Double(t) / 4 + Double(i)) + 0.05 * Double(t) + 0.5 * wiggle
            }
        }
    }

    /// Forecasts of the pool with windows of 8 lags, and the mean of 8- and 12-lag members,
    /// standardised over the last 4 values, logs, ridge 1e-3 of the mean diagonal: reference
    /// values from an independent numpy implementation (normal equations summed per series
    /// with `X.T @ X` and solved by `numpy.linalg.solve`), written down here.
    @Test func matchesNumpyReference() throws {
        let eight: [[Double]] = [[12.594361368118596, 16.443309846095865, 13.385807770781094],
                                 [12.202167497015008, 12.808145511776372, 17.26785707130359],
                                 [18.507856918490045, 14.876942260439046, 13.429722512828516]]
        let mixed: [[Double]] = [[12.554344286272539, 16.433377661325043, 13.417493032245943],
                                 [12.160348887316532, 12.75937268989919, 17.128557783204265],
                                 [18.54572974562474, 15.11984135647856, 13.475211406434482]]
        for (orders, reference) in [([8], eight), ([8, 12], mixed)] {
            let model = PooledAutoregression(lagOrders: orders, scaleSpan: 4)
            let results = model.calibrate(Self.pool(), horizon: 3, levels: [0.8], windows: 5, spacing: 1)
            for (result, expected) in zip(results, reference) {
                let mean = try result.get().forecast.mean
                for (value, truth) in zip(mean, expected) {
                    #expect(Accuracy.relativeError(value, truth) < 1e-9, "lags \(orders): \(value) vs \(truth)")
                }
            }
        }
    }

    /// The backtest forecast at origin k is what the model fitted to the pool cut at each
    /// series' own origin n − H − k·s forecasts: the blocked normal equations see no window
    /// whose targets were not yet observed. And the bands are the conformal bands of exactly
    /// those backtest errors.
    @Test func backtestsSeeOnlyThePast() throws {
        let pool = Self.pool()
        let model = PooledAutoregression(lagOrders: [8, 12], scaleSpan: 4)
        let (horizon, spacing, windows) = (3, 2, 6)
        let cuts = [horizon] + (0..<windows).map { 2 * horizon + $0 * spacing }
        let fit = try model.fitted(pool, horizon: horizon, cuts: cuts)
        var errors = [[[Double]]](repeating: [], count: pool.count)
        for k in 0..<windows {
            let cut = pool.map { Array($0.prefix($0.count - horizon - k * spacing)) }
            let refit = try model.fitted(cut, horizon: horizon, cuts: [horizon])
            for i in pool.indices {
                let backtest = try #require(fit.forecasts[k + 1][i])
                let truncated = try #require(refit.forecasts[0][i])
                for (a, b) in zip(backtest, truncated) { #expect(Accuracy.relativeError(a, b) < 1e-10, "origin \(k), series \(i)") }
                errors[i].append((0..<horizon).map { pool[i][cut[i].count + $0] - backtest[$0] })
            }
        }
        let calibrated = model.calibrate(pool, horizon: horizon, levels: [0.8], windows: windows, spacing: spacing)
        for i in pool.indices {
            let expected = ConformalForecaster.calibrated(try #require(fit.forecasts[0][i]), errors: errors[i],
                                                          spacing: spacing, levels: [0.8])
            #expect(try calibrated[i].get() == expected)
        }
    }

    /// Too few windows for the coefficients is an error that says how many there were.
    @Test func tooFewWindowsIsAnError() {
        let model = PooledAutoregression(lagOrders: [40], scaleSpan: 4)
        let result = model.calibrate([Array(Self.pool()[0].prefix(50))], horizon: 3, levels: [0.8], windows: 2, spacing: 1)
        #expect(throws: ForecastError.self) { try result[0].get() }
        if case .failure(let error) = result[0] { #expect(error.message.contains("give 8 windows of 40 lags"), "\(error)") }
    }

    /// `auto` pools a batch with enough windows per coefficient and sends a smaller one, per
    /// series, to the conformal ensemble.
    @Test func autoFallsBackToTheEnsembleOnSmallBatches() throws {
        let pool = Self.pool()
        let ensemble = ForecastModelRegistry.ensemble(.init(periods: [4]))
        let auto = AutoForecaster(pooled: PooledAutoregression(lagOrders: [8], scaleSpan: 4), fallback: ensemble)
        #expect(auto.pools(pool, horizon: 3))               // 180 windows ≥ 20 × 9
        #expect(!auto.pools([pool[0]], horizon: 3))         // 50 < 180
        let pooled = auto.calibrate(pool, horizon: 3, levels: [0.8], windows: 5, spacing: 1)
        let direct = auto.pooled.calibrate(pool, horizon: 3, levels: [0.8], windows: 5, spacing: 1)
        #expect(try pooled.map { try $0.get() } == direct.map { try $0.get() })
        let single = try auto.calibrate([pool[0]], horizon: 3, levels: [0.8], windows: 5, spacing: 1)[0].get()
        let conformal = try ConformalForecaster(ensemble, windows: 5, spacing: 1).calibrate(pool[0], horizon: 3, levels: [0.8])
        #expect(single == conformal)
    }
}
