import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing

/// `TrendAnalysis` against statsmodels 0.15 `OLS(y, X).fit(cov_type='HAC', cov_kwds={'maxlags': L})`,
/// L = ⌊4(n/100)^{2/9}⌋, on classic series (values printed by bench/reference/trend_statsmodels.py,
/// section [ols-hac]). Tolerance: 1e-8 relative.
struct TrendReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let observed: Int
        let lags: Int
        let params: [Double]
        let bse: [Double]
        let pvalues: [Double]
        let slopeInterval: (Double, Double)
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "nile_yearly", observed: 100, lags: 4,
             params: [1053.7081188118814, -2.714305430543054], bse: [43.224162663685945, 0.6956199381840299],
             pvalues: [2.9446777331182617e-131, 9.540317988678038e-05],
             slopeInterval: (-4.077695456311732, -1.3509154047743768)),
        Case(name: "co2_weekly_maunaloa", observed: 2225, lags: 7,
             params: [310.2080183016244, 0.0257374810182543], bse: [0.3769056125867457, 0.00027476085026762403],
             pvalues: [0, 0], slopeInterval: (0.025198959647368156, 0.026276002389140445)),
        Case(name: "airpassengers_monthly", observed: 144, lags: 4,
             params: [90.30996168582372, 2.657183908045976], bse: [8.759375521379118, 0.15654809635088374],
             pvalues: [6.344099863937228e-25, 1.2880109699483282e-64],
             slopeInterval: (2.3503552773499377, 2.9640125387420144)),
        Case(name: "elnino_sst_monthly", observed: 732, lags: 6,
             params: [22.726261937244196, 0.0010023557142967525], bse: [0.2638119526007841, 0.000633365555565457],
             pvalues: [0, 0.11351576535911488],
             slopeInterval: (-0.00023901796365974554, 0.0022437293922532506)),
    ]

    @Test(arguments: cases) func linearTrendMatchesStatsmodelsHAC(_ reference: Case) throws {
        let values = try ClassicSeries.values(reference.name)
        let fit = try TrendAnalysis.fit(values)
        let estimate = fit.estimate
        #expect(estimate.observationCount == reference.observed)
        #expect(estimate.length == values.count)
        #expect(estimate.hacLags == reference.lags)
        for j in 0..<2 {
            #expect(close(estimate.coefficients[j], reference.params[j]), "param \(j): \(estimate.coefficients[j])")
            #expect(close(estimate.standardErrors[j], reference.bse[j]), "bse \(j): \(estimate.standardErrors[j])")
            #expect(close(fit.model.coefficientTable[j].pValue, reference.pvalues[j]), "p \(j)")
        }
        #expect(close(estimate.slopePValue, reference.pvalues[1]))
        #expect(close(estimate.slopeInterval.low, reference.slopeInterval.0))
        #expect(close(estimate.slopeInterval.high, reference.slopeInterval.1))
        // % change over the window: the line from index 0 to n−1 relative to its value at index 0.
        let expected = 100 * reference.params[1] * Double(values.count - 1) / reference.params[0]
        #expect(close(estimate.percentChange, expected))
    }

    /// [ols-hac] seasonal section: Fourier pairs sin/cos(2πht/P), h = 1, 2.
    static let seasonalCases: [(String, Double, [Double], [Double])] = [
        ("airpassengers_monthly", 12.0,
         [89.84441373175258, 2.6636950682426828, 5.47782390981026, -45.485701861407435, 16.232829361508287, 19.427583957131706],
         [7.574133129741794, 0.10184810545610555, 3.0261054033490757, 5.577018072944177, 3.196454682344399, 3.7807557555482054]),
        ("co2_weekly_maunaloa", 365.25 / 7,
         [310.19564212359467, 0.0257626031310274, 1.1990533517379582, 2.53234249764841, 0.35802118542707806, -0.6998281089263434],
         [0.2990171600710512, 0.00020887986020764297, 0.1463217999113633, 0.1457287350322755, 0.12847422973048298, 0.12802792723493037]),
    ]

    @Test(arguments: seasonalCases)
    func fourierSeasonalTrendMatchesStatsmodelsHAC(_ name: String, _ period: Double, _ params: [Double], _ bse: [Double]) throws {
        let fit = try TrendAnalysis.fit(try ClassicSeries.values(name),
                                        options: TrendOptions(seasonal: .fourier(period: period, harmonics: 2)))
        #expect(fit.estimate.termNames == ["intercept", "t", "sin1", "cos1", "sin2", "cos2"])
        for j in params.indices {
            #expect(close(fit.estimate.coefficients[j], params[j]), "param \(j): \(fit.estimate.coefficients[j])")
            #expect(close(fit.estimate.standardErrors[j], bse[j]), "bse \(j): \(fit.estimate.standardErrors[j])")
        }
    }

    static let dummyCases: [(String, Int, [Double], [Double])] = [
        ("airpassengers_monthly", 12,
         [66.16826923076911, 2.660329254079255, -9.410329254079215, 23.096008158508187, 17.352345571095526,
          19.442016317016286, 56.61502039627041, 93.6213578088578, 90.71102855477858, 39.384032634032685,
          0.8903700466200917, -35.519959207459195, -9.180288461538282],
         [9.728724682267147, 0.10181035992303272, 5.487043251560714, 5.464564677781874, 6.2332229268842045,
          6.464805025404088, 8.458532834427917, 13.293000218016118, 13.041623488206927, 6.792983546790448,
          5.870986692069396, 6.961796593531635, 5.131292779154531]),
        ("ausbeer_quarterly", 4,
         [336.26255647090113, 0.7754144606390132, -45.56786729082808, -31.682904392976056, 67.66507900815628],
         [19.553317187534713, 0.1451996271060863, 5.503813684304331, 5.3835919566734685, 6.7900423239337915]),
    ]

    /// [ols-hac] seasonal dummies section: indicators [t mod P == s], s = 1…P−1.
    @Test(arguments: dummyCases)
    func seasonalDummyTrendMatchesStatsmodelsHAC(_ name: String, _ period: Int, _ params: [Double], _ bse: [Double]) throws {
        let fit = try TrendAnalysis.fit(try ClassicSeries.values(name), options: TrendOptions(seasonal: .dummies(period: period)))
        #expect(fit.estimate.termNames.count == params.count)
        #expect(fit.estimate.termNames.last == "season\(period - 1)")
        for j in params.indices {
            #expect(close(fit.estimate.coefficients[j], params[j]), "param \(j): \(fit.estimate.coefficients[j])")
            #expect(close(fit.estimate.standardErrors[j], bse[j]), "bse \(j): \(fit.estimate.standardErrors[j])")
        }
    }

    /// An exact line plus a 12-step cycle: removing the fitted season leaves the line.
    @Test(arguments: [SeasonalTerms.fourier(period: 12, harmonics: 1), .dummies(period: 12)])
    func deseasonalisedLeavesTheLine(_ seasonal: SeasonalTerms) throws {
        var values: [Double] = (0..<96).map { (i: Int) -> Double in
            let line: Double = 3 + 0.25 * Double(i)
            return line + 2 * sin(2 * Double.pi * Double(i) / 12)
        }
        values[40] = .nan
        let estimate = try TrendAnalysis.fit(values, options: TrendOptions(seasonal: seasonal)).estimate
        let adjusted = TrendAnalysis.deseasonalised(values, estimate: estimate, seasonal: seasonal)
        #expect(adjusted[40].isNaN)
        for i in adjusted.indices where i != 40 {
            #expect(abs(adjusted[i] - (3 + 0.25 * Double(i))) < 1e-9, "index \(i): \(adjusted[i])")
        }
    }

    /// Unit conversion: a slope of 2 per 30-minute step is 4 per hour and 96 per day.
    @Test func slopeIsConvertedToOtherUnits() throws {
        let values: [Double] = (0..<48).map { (i: Int) -> Double in
            // ±0.5 in the pattern + − − +, orthogonal to 1 and t over whole groups of four.
            let wiggle: Double = i % 4 == 0 || i % 4 == 3 ? 0.5 : -0.5
            return 10 + 2 * Double(i) + wiggle
        }
        let estimate = try TrendAnalysis.fit(values).estimate
        #expect(abs(estimate.slope(perSeconds: 3600, stepSeconds: 1800) - 4) < 1e-9)
        #expect(abs(estimate.slope(perSeconds: 86400, stepSeconds: 1800) - 96) < 1e-9)
    }

    @Test func tooFewPointsIsAnErrorACallerCanAct() {
        let result = Result { () throws(TrendError) in try TrendAnalysis.fit([1, .nan, 2]) }
        guard case .failure(let error) = result else { Issue.record("expected an error"); return }
        #expect(error.isTooFewPoints)
        #expect(error.message == "a trend fit with 2 coefficients needs at least 3 observed values, the series has 2")
    }
}
