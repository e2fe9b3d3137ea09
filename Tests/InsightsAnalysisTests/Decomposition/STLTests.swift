import Foundation
import InsightsAnalysis
import Testing

/// Parameter resolution, input checks and invariants of STL and MSTL.
struct STLTests {
    /// `jumpFraction` raises each jump to a tenth (R's rule) of its span, never lowers one given,
    /// and leaves the jumps alone when nil: a daily cycle of one-minute data (period 1440, trend
    /// span 2503 with MSTL's seasonal span 11, low-pass 1441) evaluates every 251st and 145th point.
    @Test func jumpFractionScalesJumpsWithTheirSpans() throws {
        let daily = try STL(period: 1440, seasonal: 11,
                            options: STL.Options(seasonalJump: 2, trendJump: 5, lowPassJump: 3, jumpFraction: 0.1))
        #expect((daily.trend, daily.lowPass) == (2503, 1441))
        #expect((daily.seasonalJump, daily.trendJump, daily.lowPassJump) == (2, 251, 145))
        let hourly = try STL(period: 24, seasonal: 11,
                             options: STL.Options(seasonalJump: 2, trendJump: 5, lowPassJump: 3, jumpFraction: 0.1))
        #expect((hourly.seasonalJump, hourly.trendJump, hourly.lowPassJump) == (2, 5, 3), "spans of tens keep the given jumps")
        let fixed = try STL(period: 1440, seasonal: 11, options: STL.Options(seasonalJump: 2, trendJump: 5, lowPassJump: 3))
        #expect((fixed.seasonalJump, fixed.trendJump, fixed.lowPassJump) == (2, 5, 3))
    }

    /// statsmodels' defaults: trend = smallest odd ≥ 1.5·p/(1 − 1.5/s), low_pass = smallest odd > p
    /// (values from `STL(x, period=p).config` in statsmodels 0.15, worked by hand for p = 7, s = 9).
    @Test func defaultsFollowStatsmodels() throws {
        let monthly = try STL(period: 12)
        #expect(monthly.trend == 23)
        #expect(monthly.lowPass == 13)
        #expect(monthly.innerIterations == 5)
        #expect(monthly.outerIterations == 0)
        let robust = try STL(period: 52, robust: true)
        #expect(robust.trend == 101)
        #expect(robust.lowPass == 53)
        #expect(robust.innerIterations == 2)
        #expect(robust.outerIterations == 15)
        // 1.5·7/(1 − 1.5/9) = 12.6 → 13; low_pass for an odd period is period + 2.
        let odd = try STL(period: 7, seasonal: 9)
        #expect(odd.trend == 13)
        #expect(odd.lowPass == 9)
    }

    @Test func invalidParametersAreRejected() {
        #expect(failureKind { () throws(DecompositionError) in try STL(period: 1) } == .invalidParameter)
        #expect(failureKind { () throws(DecompositionError) in try STL(period: 12, seasonal: 8) } == .invalidParameter)
        #expect(failureKind { () throws(DecompositionError) in try STL(period: 12, trend: 11) } == .invalidParameter)
        #expect(failureKind { () throws(DecompositionError) in try STL(period: 12, lowPass: 12) } == .invalidParameter)
        #expect(failureKind { () throws(DecompositionError) in try STL(period: 12, seasonalDegree: 2) } == .invalidParameter)
        #expect(failureKind { () throws(DecompositionError) in try STL(period: 12, trendJump: 0) } == .invalidParameter)
        #expect(failureKind { () throws(DecompositionError) in try STL(period: 12, innerIterations: 0) } == .invalidParameter)
        #expect(failureKind { () throws(DecompositionError) in try MSTL(periods: []) } == .invalidParameter)
        #expect(failureKind { () throws(DecompositionError) in try MSTL(periods: [7, 24], windows: [7]) } == .invalidParameter)
        #expect(failureKind { () throws(DecompositionError) in try STL(period: 12) } == nil)
    }

    /// The kind of error `make` throws, nil when it succeeds.
    private func failureKind<T>(_ make: () throws(DecompositionError) -> T) -> DecompositionError.Kind? {
        do {
            _ = try make()
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func missingValuesAndShortSeriesAreReported() throws {
        let stl = try STL(period: 4)
        let missing = Result { () throws(DecompositionError) in
            try stl.decompose([1, 2, .nan, 4, 1, 2, 3, 4, .nan])
        }
        guard case .failure(let gap) = missing else { Issue.record("NaN accepted"); return }
        #expect(gap.kind == .missingValues)
        #expect(gap.message.contains("2 missing values (first at index 2)"))
        let short = Result { () throws(DecompositionError) in try stl.decompose([1, 2, 3, 4, 5, 6, 7]) }
        guard case .failure(let tooShort) = short else { Issue.record("short series accepted"); return }
        #expect(tooShort.kind == .tooShort)
    }

    /// On an exactly periodic series plus a line, every smoother reproduces lines, so STL's
    /// seasonal is the pattern and the trend the line (up to rounding); the components add back
    /// to the data.
    @Test func reproducesAPeriodicPatternPlusALine() throws {
        let pattern: [Double] = [3, -1, 4, -6]
        let line = (0..<80).map { 10 + 0.05 * Double($0) }
        let y = (0..<80).map { line[$0] + pattern[$0 % 4] }
        let clean = try STL(period: 4).decompose(y)
        for t in y.indices {
            #expect(abs(clean.seasonal[t] - pattern[t % 4]) < 1e-9, "seasonal at \(t)")
            #expect(abs(clean.trend[t] - line[t]) < 1e-9, "trend at \(t)")
            #expect(abs(clean.trend[t] + clean.seasonal[t] + clean.residual[t] - y[t]) <= 1e-12 * abs(y[t]))
        }
    }

    /// A spike of 20 on a monthly sine season: the robust fit gives it weight 0 and keeps it in
    /// the residual with the season intact; the plain fit spreads it into the season
    /// (statsmodels 0.15 on the same series: residual 19.9998 and 13.14, largest seasonal
    /// error 0.0165 and 5.27).
    @Test func robustnessWeightsIsolateAnOutlier() throws {
        let pattern = (0..<12).map { 5 * sin(2 * Double.pi * Double($0) / 12) }
        var y = (0..<120).map { 10 + 0.05 * Double($0) + pattern[$0 % 12] }
        y[61] += 20
        let robust = try STL(period: 12, robust: true).decompose(y)
        let plain = try STL(period: 12).decompose(y)
        #expect(robust.weights[61] == 0)
        #expect(robust.residual[61] > 19.9)
        #expect(plain.residual[61] < 15)
        let robustError = y.indices.map { abs(robust.seasonal[$0] - pattern[$0 % 12]) }.max()!
        let plainError = y.indices.map { abs(plain.seasonal[$0] - pattern[$0 % 12]) }.max()!
        #expect(robustError < 0.05)
        #expect(plainError > 1)
    }

    @Test func mstlSortsPeriodsAndUsesStatsmodelsWindows() throws {
        let mstl = try MSTL(periods: [336, 48])
        #expect(mstl.periods == [48, 336])
        #expect(mstl.windows == [11, 15])
        let paired = try MSTL(periods: [24, 7], windows: [13, 9])
        #expect(paired.periods == [7, 24])
        #expect(paired.windows == [9, 13])
        // A period of at least half the series is dropped, as statsmodels does.
        let y = (0..<100).map { Double($0 % 7) + Double($0 % 60) / 10 }
        let fit = try MSTL(periods: [7, 60]).decompose(y)
        #expect(fit.periods == [7])
        #expect(fit.seasonals.count == 1)
    }
}
