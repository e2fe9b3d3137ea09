import InsightsNumerics
import Testing
import TestSupport

/// NIST StRD certified standard errors, residual SD and R² through `LinearModel`.
struct LinearModelNISTTests {
    @Test(arguments: NISTRegression.problemsWithRequiredDigits)
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
