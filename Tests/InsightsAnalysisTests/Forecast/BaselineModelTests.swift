import InsightsAnalysis
import Testing

/// Baseline forecasts and intervals against R 4 (`stats` only; the `forecast` package is not
/// installed, so its formulas are written out). Each reference value was printed with
/// `format(x, digits = 17)` by the R expression quoted beside it.
struct BaselineModelTests {
    /// `z <- c(3,5,4,8,7,9,12,10,11,15,14,13)`.
    static let z: [Double] = [3, 5, 4, 8, 7, 9, 12, 10, 11, 15, 14, 13]

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    /// `13 - qnorm(0.975) * sqrt(mean(diff(z)^2)) * sqrt(1:3)`.
    @Test func naiveIntervalsGrowWithTheSquareRootOfTheHorizon() throws {
        let f = try Naive().forecast(Self.z, horizon: 3, levels: [0.8, 0.95])
        #expect(f.mean == [13, 13, 13])
        let band = try #require(f.band(0.95))
        #expect(Self.close(band.lower, [8.4994484014809188, 6.6352588912144039, 5.2048159692796254]), "\(band.lower)")
        #expect(Self.close(band.upper, band.lower.map { 26 - $0 }))
        #expect(f.bands.map(\.level) == [0.8, 0.95])
    }

    /// `c(11,15,14,13,11,15) + qnorm(0.9) * sqrt(mean(diff(z, lag = 4)^2)) * sqrt(floor((1:6 - 1)/4) + 1)`.
    @Test func seasonalNaiveRepeatsTheLastSeasonWithFullSeasonSteps() throws {
        let f = try SeasonalNaive(period: 4).forecast(Self.z, horizon: 6, levels: [0.8])
        #expect(f.mean == [11, 15, 14, 13, 11, 15])
        let band = try #require(f.band(0.8))
        #expect(Self.close(band.upper, [16.820135076822957, 20.820135076822957, 19.820135076822957,
                                        18.820135076822957, 19.230913960486404, 23.230913960486404]), "\(band.upper)")
    }

    /// `b <- (z[n]-z[1])/(n-1); fit <- summary(lm(diff(z) ~ 1))`; bounds
    /// `z[n] + h*b ± qnorm(p) * sqrt(h*fit$sigma^2 + (h*fit$coefficients[1,2])^2)`.
    @Test func driftFollowsTheFirstToLastLineWithSlopeUncertainty() throws {
        let f = try Drift().forecast(Self.z, horizon: 3, levels: [0.8, 0.95])
        #expect(Self.close(f.mean, [13.909090909090908, 14.818181818181818, 15.727272727272727]))
        #expect(Self.close(try #require(f.band(0.95)).upper, [18.436368943626064, 21.482154647580693, 24.197034377221669]))
        #expect(Self.close(try #require(f.band(0.8)).lower, [10.948862915832267, 10.460844193803503, 10.189193258517127]))
    }

    @Test func pointForecastsHaveNoBands() throws {
        #expect(try Naive2(period: 4).forecast(Self.z, horizon: 2, levels: []).bands.isEmpty)
        #expect(try Drift().forecast(Self.z, horizon: 2, levels: []).bands.isEmpty)
    }

    @Test func badArgumentsAndShortSeriesThrow() {
        #expect(throws: ForecastError.invalidHorizon(0)) { try Naive().forecast(Self.z, horizon: 0, levels: []) }
        #expect(throws: ForecastError.invalidLevel(95)) { try Naive().forecast(Self.z, horizon: 1, levels: [95]) }
        #expect(throws: ForecastError.tooShort("snaive", observed: 12, required: 25)) {
            try SeasonalNaive(period: 24).forecast(Self.z, horizon: 1, levels: [])
        }
        #expect(throws: ForecastError.tooShort("drift", observed: 2, required: 3)) {
            try Drift().forecast([1, 2], horizon: 1, levels: [])
        }
    }

    /// `decompose(AirPassengers, type = "multiplicative")$figure`.
    @Test func naive2IndicesMatchRDecompose() throws {
        let air = try ClassicSeries.values("airpassengers_monthly")
        let indices = try #require(Naive2.multiplicativeIndices(air, period: 12))
        let reference = [0.91023036737220087, 0.88362532069437572, 1.00736628760354541, 0.97590601232284724,
                         0.98137802749512937, 1.11277582667927288, 1.22655554293120139, 1.21991096944562494,
                         1.06049193264681829, 0.92175724041049767, 0.80117808241347432, 0.89882438998501135]
        #expect(Self.close(indices, reference, 1e-13), "\(indices)")
    }

    /// M4's R code on AirPassengers, h = 14: `d <- decompose(y, "multiplicative")`,
    /// `tail(y/d$seasonal, 1) * head(rep(tail(d$seasonal, 12), 14), 14)`.
    @Test func naive2ForecastMatchesM4sRCode() throws {
        let air = try ClassicSeries.values("airpassengers_monthly")
        let f = try Naive2(period: 12).forecast(air, horizon: 14, levels: [0.95])
        let reference = [437.48202995620539, 424.69490458123408, 484.16825477108898, 469.04757149558480,
                         471.67757417549132, 534.83101090910793, 589.51670699002182, 586.32314017346391,
                         509.70191731342010, 443.02216572469212, 385.06846883448787, 432.00000000000000,
                         437.48202995620539, 424.69490458123408]
        #expect(Self.close(f.mean, reference, 1e-13), "\(f.mean)")
        let band = try #require(f.band(0.95))
        #expect(zip(band.lower, zip(f.mean, band.upper)).allSatisfy { $0 < $1.0 && $1.0 < $1.1 })
    }

    /// R: `a <- acf(x, lag.max = 10)$acf[-1]; abs(a) > 1.645/sqrt(n) * sqrt(cumsum(c(1, 2*a^2)))`
    /// on the Nile: seasonal at lags 4 (|r| 0.23919 vs limit 0.23308) and 8, not at 5 (0.22842 vs
    /// 0.23963) or 9; AirPassengers at 12 (0.76040 vs 0.50265). Lags 4 and 5 are close calls, so
    /// the limit's exact form (squares from lag 1, divided by n) decides them.
    @Test func seasonalityTestMatchesM4sLimit() throws {
        let nile = try ClassicSeries.values("nile_yearly")
        #expect(nile.count == 100)
        #expect(Naive2.isSeasonal(nile, period: 4))
        #expect(!Naive2.isSeasonal(nile, period: 5))
        #expect(Naive2.isSeasonal(nile, period: 8))
        #expect(!Naive2.isSeasonal(nile, period: 9))
        #expect(Naive2.isSeasonal(try ClassicSeries.values("airpassengers_monthly"), period: 12))
        #expect(!Naive2.isSeasonal(Array(nile.prefix(23)), period: 8), "fewer than 3m values")
    }

    @Test func registryMakesEveryBaselineByName() throws {
        #expect(Array(ForecastModelRegistry.names.prefix(4)) == ["naive", "snaive", "naive2", "drift"])
        for entry in ForecastModelRegistry.entries {
            #expect(entry.make(4).name == entry.name)
        }
        // Every model name of the CLI contract (forecast --model, eval m4 --model) is an entry.
        for name in ["auto", "ets", "theta", "otm", "mstl", "dhr", "ensemble", "pooled", "naive", "snaive", "naive2", "drift"] {
            #expect(ForecastModelRegistry.entry(named: name) != nil, "\(name)")
        }
        #expect(ForecastModelRegistry.periods(season: 24) == [24, 168] && ForecastModelRegistry.periods(season: 1) == [])
        // "auto" is the pooled autoregression with the ensemble as its fallback, both for the season.
        let auto = try #require(ForecastModelRegistry.entry(named: "auto")?.make(4) as? AutoForecaster)
        #expect(auto.pooled.lagOrders == [8, 12, 16] && auto.pooled.scaleSpan == 4 && auto.fallback.name == "ensemble")
        let snaive = try #require(ForecastModelRegistry.entry(named: "snaive")).make(4)
        #expect(try snaive.forecast(Self.z, horizon: 4, levels: []).mean == [11, 15, 14, 13])
        #expect(ForecastModelRegistry.entry(named: "arima") == nil)
    }
}
