import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing
import TestSupport

/// Anomaly building blocks against values computed outside the project by
/// bench/reference/anomaly_reference.py (statsmodels 0.15, scipy 1.17).
struct AnomalyReferenceTests {
    /// statsmodels `multipletests(p, method="fdr_bh")[1]`; tolerance 1e-15 relative.
    @Test func benjaminiHochbergMatchesStatsmodels() {
        let p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275,
                 0.34, 0.341, 0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986]
        let reference = [0.025, 0.1, 0.21, 0.21, 0.21, 0.25, 0.26428571428571423, 0.49107142857142855, 0.49107142857142855,
                         0.49107142857142855, 0.49107142857142855, 0.49107142857142855, 0.49107142857142855,
                         0.49107142857142855, 0.5328125, 0.5328125, 0.5647058823529412, 0.781578947368421,
                         0.781578947368421, 0.8699999999999999, 0.9071428571428571, 0.986, 0.986, 0.986, 0.986]
        let adjusted = FalseDiscoveryRate.adjusted(p.reversed()).reversed()
        for (ours, theirs) in zip(adjusted, reference) { #expect(abs(ours - theirs) <= 1e-15 * theirs) }
        #expect(FalseDiscoveryRate.discoveries(p, q: 0.05) == [true] + [Bool](repeating: false, count: 24))
    }

    /// Rosner's generalized ESD on the Nile annual flows (100 values), 10 steps, α = 0.05:
    /// removal order, R_i and λ_i from numpy + scipy's t quantile; tolerance 1e-12 relative.
    @Test func generalizedESDOnTheNile() throws {
        let text = try String(contentsOf: SharedData.url("classic/nile_yearly.csv"), encoding: .utf8)
        let values = text.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[1]) }
        #expect(values.count == 100)
        let test = GeneralizedESD(values, maxOutliers: 10, alpha: 0.05)
        #expect(test.candidates == [42, 8, 24, 23, 7, 25, 3, 21, 16, 93])
        let r = [2.7380301562881844, 2.7284066991163916, 2.1570333914013604, 2.1579280323831553, 2.0924107468411997,
                 2.086899403754483, 2.0803648920205884, 2.1423916891827557, 1.9969610156166504, 1.9814402077820932]
        let lambda = [3.384082901154917, 3.3806505075603526, 3.3771759807829493, 3.373658340052252, 3.370096570986629,
                      3.3664896240676523, 3.3628364130280413, 3.3591358131466644, 3.355386659445721, 3.3515877447813476]
        for i in 0..<10 {
            #expect(abs(test.statistics[i] - r[i]) <= 1e-12 * r[i])
            #expect(abs(test.criticalValues[i] - lambda[i]) <= 1e-12 * lambda[i])
        }
        #expect(test.outlierCount == 0)
    }
}
