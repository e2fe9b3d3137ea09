import InsightsNumerics
import Testing
import TestSupport

/// NIST StRD certified standard errors, residual SD and R² through `LinearModel`.
struct LinearModelNISTTests {
    static let problems: [(name: String, digits: Double)] = [
        ("Norris", 9), ("Pontius", 9), ("NoInt1", 9), ("NoInt2", 9), ("Longley", 9),
        ("Wampler1", 7), ("Wampler2", 7), ("Wampler3", 7), ("Wampler4", 7),
    ]

    @Test(arguments: problems)
    func matchesCertifiedValues(name: String, digits: Double) throws {
        let problem = try NISTRegression.load(name)
        let design = Matrix(columns: problem.designColumns)
        let names = (0..<design.columns).map { "b\($0)" }
        let result = try LinearModel.ols(design: design, response: problem.y, termNames: names,
                                         hasIntercept: problem.intercept)
        for (j, row) in result.coefficientTable.enumerated() {
            #expect(Accuracy.agrees(row.estimate, problem.certified.coefficients[j], digits: digits), "\(name) b\(j)")
            // Wampler1 fits exactly: certified SEs are 0 and the LRE is then −log10 of the absolute error.
            #expect(Accuracy.agrees(row.standardError, problem.certified.std_errors[j], digits: digits),
                    "\(name) SE b\(j): \(row.standardError) vs \(problem.certified.std_errors[j])")
        }
        #expect(Accuracy.agrees(result.residualStandardDeviation, problem.certified.residual_sd, digits: digits))
        #expect(Accuracy.agrees(result.rSquared, problem.certified.r_squared, digits: digits))
    }
}
