import InsightsNumerics
import Testing
import TestSupport

/// Coefficients of the NIST StRD linear-regression problems through the solver alone.
struct LeastSquaresNISTTests {
    @Test(arguments: NISTRegression.problemsWithRequiredDigits)
    func coefficientsMatchCertifiedValues(name: String, digits: Double) throws {
        let problem = try NISTRegression.load(name)
        let design = Matrix(columns: problem.designColumns)
        let solver = try LeastSquares(design: design)
        let solution = try solver.solve(problem.y)
        for (j, certified) in problem.certified.coefficients.enumerated() {
            let computed = solution.coefficients[j, 0]
            let lre = Accuracy.lre(computed, certified)
            print("\(name) b\(j) lre \(lre)")
            #expect(Accuracy.agrees(computed, certified, digits: digits), "\(name) coefficient \(j): \(computed) vs certified \(certified)")
        }
    }
}
