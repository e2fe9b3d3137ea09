import Foundation
@testable import InsightsNumerics
import Testing
import TestSupport

/// Batched OLS with classical and Newey–West HAC standard errors against statsmodels 0.15.
struct BatchedRegressionTests {
    static let n = 200

    /// `[1, t, sin(2πt/24), cos(2πt/24)]`, as in `bench/reference/batched_hac.py`.
    static let design = Matrix(rowMajor: (0..<n).map { t in
        let angle = 2 * Double.pi * Double(t) / 24
        return [1, Double(t), sin(angle), cos(angle)]
    })

    /// Trend + cycle + AR(1) noise driven by an integer sequence, as in `batched_hac.py`.
    static func series(_ c: Int) -> [Double] {
        var ar = 0.0
        return (0..<n).map { t in
            let shock = Double((t * 7919 + 104_729 * c) % 1000) / 1000 - 0.5
            ar = 0.7 * ar + shock
            let angle = 2 * Double.pi * Double(t) / 24
            return Double(1 + c) + 0.01 * Double(c + 1) * Double(t) + (0.5 + Double(c)) * sin(angle)
                + 0.3 * cos(angle) + ar
        }
    }

    static let responses = Matrix(columns: (0..<3).map(series))

    /// One series' statsmodels results.
    struct Reference: Sendable {
        let params, bse: [Double]
        let sd: Double
        /// HAC standard errors keyed by `maxlags` (4 is the automatic ⌊4·(200/100)^(2/9)⌋).
        let hac: [Int: [Double]]
    }

    // Printed by `python3 bench/reference/batched_hac.py` (statsmodels 0.15.0, numpy 2.4.6):
    // `OLS(y, X).fit()` and `OLS(y, X).fit(cov_type='HAC', cov_kwds={'maxlags': L})`.
    static let references: [Reference] = [
        Reference(
            params: [1.0026154606842894, 0.009788074620362124, 0.5060095847974588, 0.32318272685728344],
            bse: [0.06741649846850162, 0.0005860265068960266, 0.04775438174281644, 0.047960301340837626],
            sd: 0.4780150092146023,
            hac: [4: [0.10528217950998933, 0.000919084729695955, 0.07551553345627944, 0.07599372978787117],
                  10: [0.04527791089073973, 0.0004247481524174913, 0.079636034439024, 0.0792268495400451],
                  0: [0.06575961836870357, 0.000574742019621636, 0.046760613446222475, 0.04768394083621752]]),
        Reference(
            params: [1.9373532879567088, 0.020400375986201834, 1.485730407354985, 0.291286257959884],
            bse: [0.06743859886044079, 0.0005862186173702184, 0.047770036524321026, 0.047976023626646463],
            sd: 0.47817171149514837,
            hac: [4: [0.10561483207521326, 0.0009256651065555684, 0.07114946053773008, 0.08051367412796616],
                  10: [0.045237834636289345, 0.00040367155616928985, 0.07648542733226767, 0.08207290614233784],
                  0: [0.06548366058367439, 0.000575565382109246, 0.04115978331491208, 0.05297489345959933]]),
        Reference(
            params: [2.9072154044551093, 0.03072024155359253, 2.516692303730561, 0.2760841362659502],
            bse: [0.06729271094812282, 0.0005849504680952454, 0.047666697027094695, 0.04787223852365681],
            sd: 0.4771372968735769,
            hac: [4: [0.10714898116500118, 0.0009233663012578045, 0.07611241263441673, 0.07610727049155767],
                  10: [0.048523042788738105, 0.00044365007333323653, 0.07847001473152018, 0.08071856921490571],
                  0: [0.0661447048864828, 0.0005698114452692747, 0.04885510861378274, 0.045937535217068115]]),
    ]

    /// Series 1's full HAC covariance at the automatic lag, row-major, from the same script.
    static let series1Covariance: [Double] = [
        0.011154492754275496, -8.404803290155929e-05, -0.0002537724952166087, -0.00010150871160752351,
        -8.404803290155928e-05, 8.568558894945318e-07, 2.046442490120734e-06, -3.155214148785457e-08,
        -0.0002537724952166089, 2.046442490120735e-06, 0.0050622457348100105, -0.0001404868762234021,
        -0.00010150871160752355, -3.155214148785622e-08, -0.0001404868762234021, 0.006482451721584328,
    ]

    static func expectClose(_ computed: Double, _ reference: Double, _ what: String, tolerance: Double = 1e-8) {
        #expect(Accuracy.relativeError(computed, reference) <= tolerance, "\(what): \(computed) vs \(reference)")
    }

    @Test(arguments: [nil, 4, 10, 0] as [Int?])
    func matchesStatsmodels(lags: Int?) throws {
        let regression = try BatchedRegression(design: Self.design)
        let fit = try regression.fit(Self.responses, hacLags: lags)
        #expect(fit.hacLags == (lags ?? 4))
        for (c, reference) in Self.references.enumerated() {
            Self.expectClose(fit.residualStandardDeviation[c], reference.sd, "sd[\(c)]")
            for j in 0..<4 {
                Self.expectClose(fit.coefficients[j, c], reference.params[j], "β[\(j), \(c)]")
                Self.expectClose(fit.standardErrors[j, c], reference.bse[j], "se[\(j), \(c)]")
                Self.expectClose(fit.hacStandardErrors[j, c], reference.hac[lags ?? 4]![j], "hac se[\(j), \(c)], L=\(lags ?? 4)")
            }
        }
    }

    /// The lag-product GEMMs, the other HAC method, against statsmodels directly.
    @Test(arguments: [4, 10, 0])
    func lagProductsMatchStatsmodels(lags: Int) throws {
        let regression = try BatchedRegression(design: Self.design)
        var profile = BatchedRegression.Profile()
        let tuning = BatchedRegression.Tuning(threading: .seriesParallel(workers: 1), hacMethod: .lagProducts,
                                              blockSize: 2)
        let fit = try regression.fit(Self.responses, hacLags: lags, tuning: tuning, profile: &profile)
        for (c, reference) in Self.references.enumerated() {
            for j in 0..<4 {
                Self.expectClose(fit.hacStandardErrors[j, c], reference.hac[lags]![j], "hac se[\(j), \(c)], L=\(lags)")
            }
        }
    }

    @Test func automaticLagsFollowStatsmodels() {
        // ⌊4·(n/100)^(2/9)⌋: 4 for n = 200, 7 for the benchmark's n = 2016.
        #expect(CovarianceType.automaticLag(observations: 200) == 4)
        #expect(CovarianceType.automaticLag(observations: 2016) == 7)
        #expect(CovarianceType.automaticLag(observations: 100) == 4)
        #expect(CovarianceType.automaticLag(observations: 10) == 2)
    }

    @Test func fullCovarianceMatchesStatsmodels() throws {
        let regression = try BatchedRegression(design: Self.design)
        let covariance = try regression.hacCovariance(Self.series(1))
        for i in 0..<4 {
            for j in 0..<4 {
                Self.expectClose(covariance[i, j], Self.series1Covariance[i * 4 + j], "cov[\(i), \(j)]")
            }
        }
    }

    /// Every split of the batch (block size, Swift workers, threaded BLAS) and both HAC methods
    /// (lag-product GEMMs, moving sums) give the same numbers, including a lag longer than the
    /// series and a partial last block.
    @Test(arguments: [
        BatchedRegression.Tuning(threading: .seriesParallel(workers: 2), hacMethod: .movingSums, blockSize: 1),
        BatchedRegression.Tuning(threading: .seriesParallel(workers: 3), hacMethod: .lagProducts, blockSize: 2),
        BatchedRegression.Tuning(threading: .blasThreads(2), hacMethod: .lagProducts, blockSize: 5),
        BatchedRegression.Tuning(threading: .blasThreads(1), hacMethod: .movingSums, blockSize: 3),
    ])
    func tuningDoesNotChangeResults(tuning: BatchedRegression.Tuning) throws {
        let responses = Matrix(columns: (0..<7).map(Self.series))
        let regression = try BatchedRegression(design: Self.design)
        for lags in [3, 250] {
            let reference = try regression.fit(responses, hacLags: lags)
            var profile = BatchedRegression.Profile()
            let tuned = try regression.fit(responses, hacLags: lags, tuning: tuning, profile: &profile)
            for c in 0..<7 {
                for j in 0..<4 {
                    Self.expectClose(tuned.coefficients[j, c], reference.coefficients[j, c], "β", tolerance: 1e-12)
                    Self.expectClose(tuned.hacStandardErrors[j, c], reference.hacStandardErrors[j, c], "hac",
                                     tolerance: 1e-12)
                }
            }
            #expect(profile.gemmFlops > 0 && profile.gemmSeconds > 0)
        }
    }

    /// The batched diagonal equals the diagonal of the separately computed full covariance
    /// and the single-series `LinearModel` HAC, and coefficients equal `LeastSquares`
    /// fitted one series at a time.
    @Test func agreesWithPerSeriesComputations() throws {
        let regression = try BatchedRegression(design: Self.design)
        let solver = try LeastSquares(design: Self.design)
        let fit = try regression.fit(Self.responses, hacLags: 6)
        for c in 0..<3 {
            let covariance = try regression.hacCovariance(Self.series(c), hacLags: 6)
            let single = try solver.solve(Self.series(c))
            let model = try LinearModel.ols(design: Self.design, response: Self.series(c),
                                            termNames: ["Intercept", "t", "sin", "cos"], hasIntercept: true,
                                            covariance: .hac(maxLags: 6))
            for j in 0..<4 {
                Self.expectClose(fit.hacStandardErrors[j, c], model.coefficientTable[j].standardError,
                                 "hac vs LinearModel", tolerance: 1e-12)
                Self.expectClose(fit.hacStandardErrors[j, c], covariance[j, j].squareRoot(), "hac", tolerance: 1e-12)
                Self.expectClose(fit.coefficients[j, c], single.coefficients[j, 0], "β", tolerance: 1e-12)
            }
        }
    }

    @Test func nonFiniteResponseIsNamed() throws {
        var responses = Self.responses
        responses[17, 2] = .nan
        responses[40, 2] = .infinity
        let regression = try BatchedRegression(design: Self.design)
        let error = #expect(throws: LeastSquaresError.self) { try regression.fit(responses) }
        #expect(error?.message == "response value is not finite at row 18, column 'y2'")
    }

    @Test func tooFewRowsForStandardErrorsAreRefused() {
        let design = Matrix(columns: [[1, 1, 1], [1, 2, 4], [1, 4, 16]])
        let error = #expect(throws: LeastSquaresError.self) { try BatchedRegression(design: design) }
        #expect(error?.message.hasPrefix("standard errors need more observations than terms") == true)
    }
}
