import Foundation
import InsightsNumerics
import Testing
import TestSupport

/// OLS and WLS with nonrobust, HC3 and HAC covariances against statsmodels 0.15 on
/// four datasets (values in StatsmodelsReference.swift, produced by
/// bench/reference/regression_statsmodels.py).
struct LinearModelStatsmodelsTests {
    /// A design rebuilt by hand in statsmodels' column order.
    struct Problem {
        let design: Matrix
        let response: [Double]
        var weights: [Double]? = nil
    }

    static func problem(_ dataset: String) throws -> Problem {
        switch dataset {
        case "longley":
            let nist = try NISTRegression.load("Longley")
            return Problem(design: Matrix(columns: nist.designColumns), response: nist.y)
        case "airpassengers":
            let rows = try csvRows(SharedData.url("classic/airpassengers_monthly.csv"))
            let months = rows.map { String($0[0].dropFirst(5).prefix(2)) }
            var columns = [[Double](repeating: 1, count: rows.count)]
            for level in 2...12 {
                let name = level < 10 ? "0\(level)" : "\(level)"
                columns.append(months.map { $0 == name ? 1 : 0 })
            }
            columns.append(rows.indices.map(Double.init))
            return Problem(design: Matrix(columns: columns), response: rows.map { log(Double($0[1])!) })
        case "checkout", "checkout_wls":
            let rows = try csvRows(SharedData.projectRoot.appendingPathComponent("datasets/checkout_latency_daily.csv"))
            var columns = [[Double](repeating: 1, count: rows.count)]
            for level in ["Mon", "Sat", "Sun", "Thu", "Tue", "Wed"] {
                columns.append(rows.map { $0[2] == level ? 1 : 0 })
            }
            columns.append(rows.map { Double($0[1])! })
            columns.append(rows.map { Double($0[3])! })
            let weights = dataset == "checkout_wls" ? rows.map { Double($0[4])! } : nil
            return Problem(design: Matrix(columns: columns), response: rows.map { Double($0[5])! }, weights: weights)
        case "nile":
            let rows = try csvRows(SharedData.url("classic/nile_yearly.csv"))
            let columns = [[Double](repeating: 1, count: rows.count), rows.indices.map(Double.init)]
            return Problem(design: Matrix(columns: columns), response: rows.map { Double($0[1])! })
        default:
            throw CocoaError(.fileNoSuchFile)
        }
    }

    /// Data rows of a simple CSV (no quoting), header dropped.
    static func csvRows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func covariance(_ fit: StatsmodelsFit) -> CovarianceType {
        switch fit.covariance {
        case "HC3": .hc3
        case "HAC": .hac(maxLags: fit.maxLags)
        default: .nonrobust
        }
    }

    /// Relative agreement required: 1e-8 for standard errors (the bar);
    /// coefficients and goodness of fit agree far better and are held to 1e-10.
    /// Longley with robust covariances is left out: its design is so ill-conditioned that
    /// statsmodels' own HC3/HAC errors are off by up to 1.4e-8 from the exact values
    /// (see `longleyRobustStandardErrorsAreExact`, which holds us to the exact ones).
    static let comparableFits = statsmodelsFits.filter { !($0.dataset == "longley" && $0.covariance != "nonrobust") }

    /// First-order propagation of a 1e-8 relative error in a statistic s into its
    /// two-sided p-value: |Δp/p| ≲ |d log p / d log s|·1e-8 ≤ (1 + s²)·1e-8 for normal
    /// and Student t tails; a factor 10 on top.
    static func pValueTolerance(statistic: Double) -> Double {
        1e-7 * (1 + statistic * statistic)
    }

    @Test(arguments: comparableFits)
    func matchesStatsmodels(_ reference: StatsmodelsFit) throws {
        let problem = try Self.problem(reference.dataset)
        let result = try LinearModel.wls(design: problem.design, response: problem.response,
                                         weights: problem.weights, termNames: reference.terms, hasIntercept: true,
                                         covariance: Self.covariance(reference), level: 0.95)
        let table = result.coefficientTable
        for (j, row) in table.enumerated() {
            #expect(Accuracy.relativeError(row.estimate, reference.estimates[j]) < 1e-10, "\(row.term) estimate")
            #expect(Accuracy.relativeError(row.standardError, reference.standardErrors[j]) < 1e-8, "\(row.term) SE")
            #expect(Accuracy.relativeError(row.confidenceLow, reference.ciLow[j]) < 1e-8, "\(row.term) CI low")
            #expect(Accuracy.relativeError(row.confidenceHigh, reference.ciHigh[j]) < 1e-8, "\(row.term) CI high")
            if reference.pValues[j] == 0 {
                // statsmodels underflows to 0 below ~1e-308; ours must be at least that small.
                #expect(row.pValue < 1e-300, "\(row.term) p")
            } else {
                #expect(Accuracy.relativeError(row.pValue, reference.pValues[j])
                        < Self.pValueTolerance(statistic: row.statistic), "\(row.term) p")
            }
        }
        let (f, fP) = result.fTest
        #expect(Accuracy.relativeError(f, reference.fStatistic) < 1e-8)
        #expect(Accuracy.relativeError(fP, reference.fPValue) < Self.pValueTolerance(statistic: f.squareRoot()))
        #expect(Accuracy.relativeError(result.rSquared, reference.rSquared) < 1e-12)
        #expect(Accuracy.relativeError(result.logLikelihood, reference.logLikelihood) < 1e-12)
        #expect(Accuracy.relativeError(result.aic, reference.aic) < 1e-12)
        #expect(Accuracy.relativeError(result.bic, reference.bic) < 1e-12)
    }

    /// Longley HC3 and HAC(2) standard errors against their exact values, computed in
    /// rational arithmetic by bench/reference/longley_sandwich_exact.py.
    @Test(arguments: [
        (CovarianceType.hc3, [1799477.230661815, 91.11938660113931, 0.05562398838839349, 0.8221335020165788,
                              0.2987892575905412, 0.3249058211360162, 922.8078417154035]),
        (CovarianceType.hac(maxLags: 2), [725219.8914939901, 48.44914973567848, 0.017794750009232908,
                                          0.29053583207603495, 0.12164790461558005, 0.12431158965217826,
                                          375.4771940904894]),
    ])
    func longleyRobustStandardErrorsAreExact(covariance: CovarianceType, exact: [Double]) throws {
        let problem = try Self.problem("longley")
        let result = try LinearModel.ols(design: problem.design, response: problem.response,
                                         termNames: (0..<7).map { "b\($0)" }, hasIntercept: true,
                                         covariance: covariance)
        for (j, row) in result.coefficientTable.enumerated() {
            #expect(Accuracy.relativeError(row.standardError, exact[j]) < 1e-10, "b\(j): \(row.standardError)")
        }
    }
}
