import Foundation
import Testing
import TestSupport

/// NIST StRD linear regression through `insights regress --format json`: the CSV
/// and formula a user would write, compared with the certified values.
struct RegressNISTTests {
    /// The CSV (`y` then the raw predictors) and the formula for a problem.
    static func input(_ problem: NISTRegression) -> (csv: String, formula: String) {
        var csv = (["y"] + problem.predictors).joined(separator: ",") + "\n"
        for (y, xs) in zip(problem.y, problem.x) {
            // Swift's description is the shortest round-trip form, so the CLI reads back the same doubles.
            csv += ([y] + xs).map(\.description).joined(separator: ",") + "\n"
        }
        let terms: [String]
        if let degree = problem.degree {
            terms = ["x"] + (degree >= 2 ? (2...degree).map { "I(x^\($0))" } : [])
        } else {
            terms = problem.predictors
        }
        return (csv, "y ~ " + (problem.intercept ? "" : "0 + ") + terms.joined(separator: " + "))
    }

    @Test(arguments: NISTRegression.problemsWithRequiredDigits)
    func matchesCertifiedValues(name: String, digits: Double) throws {
        let problem = try NISTRegression.load(name)
        let (csv, formula) = Self.input(problem)
        let path = try TemporaryFiles.write(csv, name: "\(name).csv")
        let run = try BinaryRunner.run(["regress", "--csv", path, "--formula", formula, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefficients.count == problem.certified.coefficients.count)
        for (j, row) in coefficients.enumerated() {
            let estimate = try #require(row["estimate"] as? Double)
            let standardError = try #require(row["std_error"] as? Double)
            #expect(Accuracy.agrees(estimate, problem.certified.coefficients[j], digits: digits),
                    "\(name) \(row["term"] ?? j) estimate \(estimate) vs \(problem.certified.coefficients[j])")
            #expect(Accuracy.agrees(standardError, problem.certified.std_errors[j], digits: digits),
                    "\(name) \(row["term"] ?? j) SE \(standardError) vs \(problem.certified.std_errors[j])")
        }
        let residualSD = try #require(object["residual_sd"] as? Double)
        let rSquared = try #require(object["r_squared"] as? Double)
        #expect(Accuracy.agrees(residualSD, problem.certified.residual_sd, digits: digits), "\(name) residual SD \(residualSD)")
        #expect(Accuracy.agrees(rSquared, problem.certified.r_squared, digits: digits), "\(name) R² \(rSquared)")
    }
}
