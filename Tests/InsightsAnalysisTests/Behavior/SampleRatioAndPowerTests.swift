import InsightsAnalysis
import Testing

extension Behavior {
    /// Sample-ratio mismatch, sample size / MDE and multiple-comparison corrections against
    /// scipy 1.17 and statsmodels 0.15 (bench/reference/experiment_reference.py, sections [srm],
    /// [power], [holm]).
    struct SampleRatioAndPowerTests {
        /// `scipy.stats.chisquare(observed, sum(observed)·w/Σw)`. Tolerance 1e-10 relative.
        @Test(arguments: [
            ([5000, 5200], [1.0, 1.0], 3.9215686274509802, 0.0476703806561615),
            ([10000, 10321, 9877], [1.0, 1.0, 1.0], 10.441287502483608, 0.005403849271801518),
            ([9000, 1100], [0.9, 0.1], 8.910891089108912, 0.002834749080259389),
            ([50210, 49790], [1.0, 1.0], 1.764, 0.1841263727849757),
        ]) func sampleRatioMatchesScipy(_ observed: [Int], _ weights: [Double], _ chi2: Double, _ p: Double) throws {
            let result = try SampleRatioMismatch.test(observed: observed, weights: weights)
            #expect(close(result.chiSquare, chi2, 1e-10))
            #expect(close(result.pValue, p, 1e-10))
            #expect(result.degreesOfFreedom == observed.count - 1)
            #expect(result.isMismatch == (p < 0.001))
            if weights.allSatisfy({ $0 == 1 }) {
                let equal = try SampleRatioMismatch.test(observed: observed)
                #expect(equal.pValue == result.pValue)
            }
        }

        @Test func flagsOnlyBelowTheThreshold() throws {
            // χ² = 200²/10000·2 = 8, p = 0.00468: not a mismatch at 0.001, one at 0.01.
            let observed = [10200, 9800]
            #expect(try !SampleRatioMismatch.test(observed: observed).isMismatch)
            #expect(try SampleRatioMismatch.test(observed: observed, threshold: 0.01).isMismatch)
            // A 2% shortfall at scale is a mismatch.
            #expect(try SampleRatioMismatch.test(observed: [101_000, 99_000]).isMismatch)
            #expect(throws: ExperimentError.self) { try SampleRatioMismatch.test(observed: [10]) }
            #expect(throws: ExperimentError.self) { try SampleRatioMismatch.test(observed: [10, 10], weights: [1, 0]) }
            #expect(throws: ExperimentError.self) { try SampleRatioMismatch.test(observed: [0, 0]) }
        }

        /// `samplesize_proportions_2indep_onetail(diff, prop2=baseline, power, alpha=alpha)`
        /// (pooled variance under the null, unpooled under the alternative, far tail ignored).
        /// Tolerance 1e-10 relative.
        @Test(arguments: [
            (0.01, 0.05, 0.8, 0.05, 8157.731447849275),
            (-0.01, 0.05, 0.8, 0.05, 6744.933074884897),
            (0.002, 0.03, 0.9, 0.01, 223478.48385854572),
            (0.05, 0.5, 0.8, 0.05, 1564.6720527749528),
        ]) func sampleSizeMatchesStatsmodels(_ diff: Double, _ baseline: Double, _ power: Double,
                                             _ alpha: Double, _ expected: Double) throws {
            let n = try ProportionPower.sampleSizePerArm(baselineRate: baseline, minimumDetectableEffect: abs(diff),
                                                         direction: diff > 0 ? .increase : .decrease,
                                                         alpha: alpha, power: power)
            #expect(close(n, expected, 1e-10), "\(n)")
        }

        /// MDE: `scipy.optimize.brentq` on `samplesize_proportions_2indep_onetail(±d, baseline,
        /// power, alpha) − n`. Tolerance 1e-10 relative.
        @Test(arguments: [
            (10000.0, 0.05, 1.0, 0.8, 0.05, 0.00899309731915539),
            (10000.0, 0.05, -1.0, 0.8, 0.05, 0.008287058466998315),
            (2500.0, 0.2, 1.0, 0.9, 0.01, 0.045369788782220845),
        ]) func minimumDetectableEffectMatchesStatsmodels(_ n: Double, _ baseline: Double, _ sign: Double,
                                                           _ power: Double, _ alpha: Double, _ expected: Double) throws {
            let mde = try ProportionPower.minimumDetectableEffect(baselineRate: baseline, samplesPerArm: n,
                                                                  direction: sign > 0 ? .increase : .decrease,
                                                                  alpha: alpha, power: power)
            #expect(close(mde.absolute, expected, 1e-10), "\(mde.absolute)")
            #expect(close(mde.relative, expected / baseline, 1e-10))
            // And back: the MDE needs n per arm.
            let back = try ProportionPower.sampleSizePerArm(baselineRate: baseline, minimumDetectableEffect: mde.absolute,
                                                            direction: sign > 0 ? .increase : .decrease,
                                                            alpha: alpha, power: power)
            #expect(close(back, n, 1e-9))
        }

        @Test func powerRejectsImpossibleRequests() {
            #expect(throws: ExperimentError.self) {
                try ProportionPower.sampleSizePerArm(baselineRate: 0.98, minimumDetectableEffect: 0.05)
            }
            #expect(throws: ExperimentError.self) {
                try ProportionPower.minimumDetectableEffect(baselineRate: 0.5, samplesPerArm: 1)
            }
            #expect(throws: ExperimentError.self) {
                try ProportionPower.sampleSizePerArm(baselineRate: 0.1, minimumDetectableEffect: 0.01, power: 1)
            }
        }

        /// `statsmodels.stats.multitest.multipletests(p, method='holm' | 'bonferroni')[1]`.
        @Test(arguments: [
            ([0.01, 0.04, 0.03, 0.2], [0.04, 0.09, 0.09, 0.2], [0.04, 0.16, 0.12, 0.8]),
            ([0.0004, 0.02, 0.019], [0.0012, 0.038, 0.038], [0.0012, 0.06, 0.057]),
        ]) func correctionsMatchStatsmodels(_ p: [Double], _ holm: [Double], _ bonferroni: [Double]) {
            let h = MultipleComparisonCorrection.holm.adjust(p)
            let b = MultipleComparisonCorrection.bonferroni.adjust(p)
            for i in p.indices {
                #expect(close(h[i], holm[i], 1e-12), "holm \(i): \(h[i])")
                #expect(close(b[i], bonferroni[i], 1e-12), "bonferroni \(i): \(b[i])")
            }
            #expect(MultipleComparisonCorrection.none.adjust(p) == p)
            let withNaN = MultipleComparisonCorrection.holm.adjust([Double.nan] + p)
            #expect(withNaN[0].isNaN && close(withNaN[1], holm[0], 1e-12))
        }

        @Test func intervalLevelIsBonferroni() {
            #expect(close(MultipleComparisonCorrection.holm.intervalLevel(0.95, comparisons: 4), 0.9875, 1e-15))
            #expect(close(MultipleComparisonCorrection.bonferroni.intervalLevel(0.9, comparisons: 2), 0.95, 1e-15))
            #expect(MultipleComparisonCorrection.none.intervalLevel(0.95, comparisons: 4) == 0.95)
            #expect(MultipleComparisonCorrection.holm.intervalLevel(0.95, comparisons: 1) == 0.95)
        }
    }
}
