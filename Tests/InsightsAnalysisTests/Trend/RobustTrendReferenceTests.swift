import InsightsAnalysis
import Testing

/// `TheilSen` against `scipy.stats.theilslopes(y, t, alpha=0.95, method='separate')` (scipy 1.17.1)
/// and `MannKendall` against S from `scipy.stats.kendalltau` (τ_b) and the Hamed–Rao correction
/// computed in numpy, all printed by bench/reference/trend_statsmodels.py ([theil-sen],
/// [mann-kendall]). Time is the row index; missing values dropped. Tolerance 1e-8 relative.
struct RobustTrendReferenceTests {
    /// name, [slope, intercept, low, high], S from τ_b, [Var S, Z, p], [factor, Z*, p*].
    static let cases: [(String, [Double], Double, [Double], [Double])] = [
        ("nile_yearly", [-2.6, 1022.2, -3.627906976744186, -1.4285714285714286], -1387.0000000000005,
         [112728.33333333333, -4.128066522844101, 3.658262921664327e-05],
         [2.1428983270987203, -2.8199791956451388, 0.0048026763101827324]),
        ("co2_weekly_maunaloa", [0.025896762904636942, 308.1043744531933, 0.025693730729701953, 0.02609780439121757],
         2261574.0, [1224720857.3333333, 64.62373480385216, 0.0],
         [90.01054916798451, 6.8115405741163775, 9.655905492466377e-12]),
        ("airpassengers_monthly", [2.451216287678477, 90.23803543098887, 2.2941176470588234, 2.6216216216216215],
         8327.0, [335164.3333333333, 14.381610025544802, 6.750566761283967e-47],
         [1.590120631940625, 11.404926003151388, 3.951131206768819e-30]),
        ("elnino_sst_monthly", [0.0009939148073022353, 22.491724137931033, 0.00021186440677966402, 0.0017714285714285642],
         16408.0, [43669033.333333336, 2.4828037284398583, 0.013035288817418705],
         [0.7801489888318945, 2.8109531928755715, 0.004939497118644842]),
    ]

    static var names: [String] { cases.map(\.0) }

    @Test(arguments: names) func theilSenMatchesScipy(_ name: String) throws {
        let reference = try #require(Self.cases.first { $0.0 == name }).1
        let values = try ClassicSeries.values(name)
        let result = try TheilSen.estimate(times: values.indices.map(Double.init), values: values)
        #expect(close(result.slope, reference[0]), "slope \(result.slope)")
        #expect(close(result.intercept, reference[1]), "intercept \(result.intercept)")
        #expect(close(result.lowSlope, reference[2]), "low \(result.lowSlope)")
        #expect(close(result.highSlope, reference[3]), "high \(result.highSlope)")
    }

    @Test(arguments: names) func mannKendallMatchesKendallTauAndHamedRao(_ name: String) throws {
        let reference = try #require(Self.cases.first { $0.0 == name })
        let values = try ClassicSeries.values(name)
        let result = try MannKendall.test(times: values.indices.map(Double.init), values: values)
        #expect(close(Double(result.s), reference.2), "S \(result.s)")
        #expect(close(result.variance, reference.3[0]), "Var S \(result.variance)")
        #expect(close(result.z, reference.3[1]), "Z \(result.z)")
        #expect(close(result.pValue, reference.3[2]), "p \(result.pValue)")
        #expect(close(result.correctionFactor, reference.4[0]), "factor \(result.correctionFactor)")
        #expect(close(result.correctedZ, reference.4[1]), "Z* \(result.correctedZ)")
        #expect(close(result.correctedPValue, reference.4[2]), "p* \(result.correctedPValue)")
    }

    /// Ties: worked by hand. y = [1, 2, 2, 3]: S = 5 (one tied pair), Var = (4·3·13 − 2·1·9)/18 = 7.666…;
    /// Theil–Sen pairwise slopes 1, 1/2, 0, 2/3, 1/2, 1 → median (1/2 + 2/3)/2 = 7/12;
    /// intercept median(y) − 7/12·median(t) = 2 − 7/12·1.5 = 1.125.
    @Test func tiesAreCorrected() throws {
        let result = try MannKendall.test(times: [0, 1, 2, 3], values: [1, 2, 2, 3])
        #expect(result.s == 5)
        #expect(abs(result.variance - (4.0 * 3 * 13 - 2 * 1 * 9) / 18) < 1e-12)
        let sen = try TheilSen.estimate(times: [0, 1, 2, 3], values: [1, 2, 2, 3])
        #expect(abs(sen.slope - 7.0 / 12.0) < 1e-15)
        #expect(abs(sen.intercept - 1.125) < 1e-15)
    }
}
