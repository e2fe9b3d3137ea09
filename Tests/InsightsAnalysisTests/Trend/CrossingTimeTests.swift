import InsightsAnalysis
import Testing

/// Fieller intervals for the time the HAC linear trend reaches T, against the independent
/// computation in bench/reference/trend_statsmodels.py ([crossing]: statsmodels' HAC
/// `cov_params()` and the Fieller quadratic solved in Python). Tolerance 1e-8 relative.
struct CrossingTimeTests {
    @Test(arguments: [
        ("co2_weekly_maunaloa", 400.0, 3488.7633966467292, [3441.2648435631622, 3538.227191377931]),
        ("nile_yearly", 700.0, 130.3125708815734, [101.84317584807616, 210.2122371124017]),
        ("elnino_sst_monthly", 24.0, 1270.7445516479665, []),
    ])
    func fiellerIntervalMatchesReference(_ name: String, _ threshold: Double, _ estimate: Double, _ interval: [Double]) throws {
        let fit = try TrendAnalysis.fit(try ClassicSeries.values(name))
        let crossing = fit.crossingTime(of: threshold)
        #expect(close(crossing.estimate, estimate), "estimate \(crossing.estimate)")
        switch crossing.interval {
        case .bounded(let low, let high):
            #expect(interval.count == 2, "reference is unbounded, got [\(low), \(high)]")
            if interval.count == 2 {
                #expect(close(low, interval[0]), "low \(low)")
                #expect(close(high, interval[1]), "high \(high)")
            }
        case .unbounded:
            #expect(interval.isEmpty, "reference is bounded")
        }
    }
}
