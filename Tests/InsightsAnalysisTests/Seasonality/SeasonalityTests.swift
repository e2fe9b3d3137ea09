import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing
import TestSupport

/// Calendar candidates and their confirmation by the adjusted autocorrelation at the period lag.
struct SeasonalityTests {
    static let day = 86_400

    @Test(arguments: [
        (60, [1440, 10080, 525_960]),
        (300, [288, 2016, 105_192]),
        (900, [96, 672, 35064]),
        (1800, [48, 336, 17532]),
        (3600, [24, 168, 8766]),
        (day, [7, 365]),
        (2 * day, [183]),
        (7 * day, [52]),
        (28 * day, [12]),
        (31 * day, [12]),
        (91 * day, [4]),
        (365 * day, []),
    ])
    func calendarCandidates(stepSeconds: Int, expected: [Int]) {
        #expect(Seasonality.candidatePeriods(step: .seconds(stepSeconds)) == expected)
    }

    /// The classic series with their known seasons (README of the shared classic data).
    @Test(arguments: [
        ("classic/co2_weekly_maunaloa.csv", 7 * day, [52]),
        ("classic/airpassengers_monthly.csv", 30 * day, [12]),
        ("classic/wineind_monthly.csv", 30 * day, [12]),
        ("classic/elec_equip_monthly.csv", 30 * day, [12]),
        ("classic/ausbeer_quarterly.csv", 91 * day, [4]),
        ("classic/taylor_halfhourly_electricity.csv", 1800, [48, 336]),
        ("classic/nile_yearly.csv", 365 * day, []),
    ])
    func classicSeriesSeasons(file: String, stepSeconds: Int, expected: [Int]) throws {
        let y = MissingValues.interpolated(try ClassicSeries.values(atPath: file))
        let detected = try Seasonality.detect(y, step: .seconds(stepSeconds))
        #expect(detected.map(\.period) == expected, "\(file): \(detected)")
        print("seasonality \(file): \(detected.map { "\($0.period) (strength \($0.strength))" })")
    }

    /// The strength itself against an independent computation: statsmodels' classical
    /// moving-average trend (`seasonal_decompose`) and `acf(adjusted=True)`, from
    /// `bench/reference/stl_statsmodels.py` (fixture `periodStrengthReference`); relative 1e-10.
    @Test(arguments: periodStrengthReference.indices)
    func strengthMatchesStatsmodels(case index: Int) throws {
        let reference = periodStrengthReference[index]
        let y = MissingValues.interpolated(try ClassicSeries.values(atPath: reference.file))
        let strength = try #require(Seasonality.periodStrength(y, period: reference.period, removing: reference.removing))
        #expect(Accuracy.relativeError(strength, reference.strength) <= 1e-10,
                "\(reference.file) period \(reference.period): \(strength) against \(reference.strength)")
    }

    /// Nile flow has a level shift but no cycle: no short period is confirmed when asked.
    @Test func nileHasNoCycleAmongShortPeriods() throws {
        let y = try ClassicSeries.values(atPath: "classic/nile_yearly.csv")
        let detected = try Seasonality.detect(y, candidates: Array(2...12))
        #expect(detected.isEmpty, "\(detected)")
    }

    /// Seeded white noise at hourly and half-hourly steps: nothing confirmed.
    @Test(arguments: [(3600, 24 * 7 * 6, UInt64(1)), (1800, 48 * 7 * 4, UInt64(2)), (86_400, 3 * 365 + 30, UInt64(3))])
    func whiteNoiseHasNoSeason(stepSeconds: Int, count: Int, seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let y = (0..<count).map { _ in random.uniform() - 0.5 }
        let detected = try Seasonality.detect(y, step: .seconds(stepSeconds))
        #expect(detected.isEmpty, "\(detected)")
    }

    /// A daily pattern with noise at an hourly step gives 24 and not its multiple 168; adding a
    /// weekend dip makes 168 appear as well.
    @Test func aMultipleCountsOnlyWithAPatternOfItsOwn() throws {
        var random = SplitMix64(seed: 4)
        let hours = 24 * 7 * 6
        let daily = (0..<hours).map { 10 + 3 * sin(2 * Double.pi * Double($0 % 24) / 24) + (random.uniform() - 0.5) }
        #expect(try Seasonality.detect(daily, step: .seconds(3600)).map(\.period) == [24])
        let weekly = daily.indices.map { daily[$0] - ($0 % 168 >= 120 ? 2 : 0) }
        #expect(try Seasonality.detect(weekly, step: .seconds(3600)).map(\.period) == [24, 168])
    }

    /// Fewer than two detrended cycles: no strength, and nothing detected.
    @Test func shortSeriesAreNotTested() throws {
        let y = (0..<30).map { sin(2 * Double.pi * Double($0) / 12) }
        #expect(Seasonality.periodStrength(y, period: 12) == nil)
        #expect(try Seasonality.detect(y, candidates: [12]).isEmpty)
        let longer = (0..<48).map { sin(2 * Double.pi * Double($0) / 12) }
        let strength = try #require(Seasonality.periodStrength(longer, period: 12))
        #expect(strength > 0.9)
    }

    @Test func missingValuesAreReported() {
        do {
            _ = try Seasonality.detect([1, .nan, 3], candidates: [2])
            Issue.record("NaN accepted")
        } catch {
            #expect(error.kind == .missingValues)
        }
    }

    /// F_s worked by hand: S = (1, −1, 1, −1), R = (0.5, 0.5, −0.5, −0.5): Var(R) = 1/3,
    /// Var(S + R) = 5/3 (sample variances), F_s = 1 − 1/5 = 0.8; a residual larger than the
    /// season gives 0.
    @Test func seasonalStrengthByHand() {
        let fs = Seasonality.seasonalStrength(seasonal: [1, -1, 1, -1], residual: [0.5, 0.5, -0.5, -0.5])
        #expect(abs(fs - 0.8) < 1e-15)
        #expect(Seasonality.seasonalStrength(seasonal: [0.1, -0.1, 0.1, -0.1], residual: [3, -2, -4, 5]) == 0)
    }
}
