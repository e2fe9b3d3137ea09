import Foundation
import Testing
import TestSupport

/// Bad input to `insights regress`: what is wrong, where, and the exit code.
struct RegressErrorTests {
    static let csv = """
        y,x1,x2,region
        1.5,1,2,eu
        2.5,2,4.5,us
        3.1,3,abc,eu
        4.2,4,8.1,us
        5.9,5,9.7,eu
        """

    func run(_ csv: String, _ arguments: [String]) throws -> BinaryRunner.Result {
        let path = try TemporaryFiles.write(csv, name: "data.csv")
        return try BinaryRunner.run(["regress", "--csv", path] + arguments)
    }

    @Test func nonNumericCellIsNamedByLineAndColumn() throws {
        let result = try run(Self.csv, ["--formula", "y ~ x1 + x2"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("data.csv:4:3: non-numeric value 'abc' in numeric column 'x2'"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func junkInAnUnusedColumnDoesNotBlockTheFit() throws {
        let result = try run(Self.csv, ["--formula", "y ~ x1", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"term\": \"x1\""))
    }

    @Test func unknownColumnSuggestsTheNearestName() throws {
        let result = try run(Self.csv, ["--formula", "y ~ x3"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("unknown column 'x3'; did you mean 'x1'?"), "\(result.stderr)")
        // The caret line points under the offending name.
        #expect(result.stderr.contains("y ~ x3\n      ^~"), "\(result.stderr)")
    }

    /// A transform that fails on one value names the CSV line of that value.
    @Test func transformDomainErrorNamesTheFileLine() throws {
        let csv = "y,x\n1,2\n2,3\n3,-1\n4,5\n"
        let result = try run(csv, ["--formula", "y ~ log(x)"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("data.csv:4: 'log' of non-positive value -1.0\n  y ~ log(x)\n      ^~~~~~"),
                "\(result.stderr)")
    }

    @Test func formulaWithoutTermsIsAUsageError() throws {
        let result = try run(Self.csv, ["--formula", "y ~ 0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("formula 'y ~ 0' has no terms to fit"), "\(result.stderr)")
    }

    @Test func formulaSyntaxErrorIsAUsageError() throws {
        let result = try run(Self.csv, ["--formula", "y ~ x1 +"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unexpected end of formula; expected a term\n  y ~ x1 +\n          ^"), "\(result.stderr)")
        #expect(result.stderr.hasPrefix("insights: error: "))
    }

    @Test func collinearDesignNamesTheAliasedTerm() throws {
        let csv = "y,a,b\n1,1,2\n2,2,4\n3,3,6\n5,4,8\n"
        let result = try run(csv, ["--formula", "y ~ a + b"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("design is exactly collinear"), "\(result.stderr)")
        #expect(result.stderr.contains("'b' = 2·a") || result.stderr.contains("'a' = 0.5·b"), "\(result.stderr)")
    }

    @Test func fewerRowsThanTermsIsRefused() throws {
        let csv = "y,a,b\n1,1,2\n2,2,5\n"
        let result = try run(csv, ["--formula", "y ~ a + b"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("need at least as many observations as terms: 2 rows for 3 terms"), "\(result.stderr)")
    }

    /// As many rows as terms: the fit interpolates and has no residual degrees of freedom.
    @Test func noResidualDegreesOfFreedomIsRefused() throws {
        let csv = "y,a,b\n1,1,2\n2,2,5\n4,3,1\n"
        let result = try run(csv, ["--formula", "y ~ a + b"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("standard errors need more observations than terms: 3 rows for 3 terms"),
                "\(result.stderr)")
    }

    @Test(arguments: [
        ["--formula", "y ~ x1", "--cov", "robust"],
        ["--formula", "y ~ x1", "--level", "150"],
        ["--formula", "y ~ x1", "--maxlags", "3"],
        ["--formula", "y ~ x1", "--format", "xml"],
    ])
    func usageErrorsExit64(arguments: [String]) throws {
        let result = try run(Self.csv, arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("Error:"), "\(result.stderr)")
    }

    @Test func missingFileIsAUsageError() throws {
        let result = try BinaryRunner.run(["regress", "--csv", "/nonexistent/data.csv", "--formula", "y ~ x"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("/nonexistent/data.csv: cannot read file"), "\(result.stderr)")
    }

    @Test func raggedRowIsNamedByLine() throws {
        let result = try run("y,x\n1,2\n3\n", ["--formula", "y ~ x"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("data.csv:3: row has 1 fields, the header has 2"), "\(result.stderr)")
    }

    /// Missing cells drop their row (statsmodels' missing='drop') and the report says so.
    @Test func missingValuesDropRowsAndAreReported() throws {
        let csv = "y,x\n1,1\n2,NA\n3,3.2\n4,\n5.5,5\n6,6.1\n"
        let result = try run(csv, ["--formula", "y ~ x", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["n"] as? Int == 4)
        #expect(object["dropped_rows"] as? Int == 2)
    }

    /// An exact fit has zero residuals: t is infinite and JSON says null, never "inf".
    @Test func nonFiniteStatisticsAreJSONNull() throws {
        let csv = "y,x\n1,0\n3,1\n5,2\n7,3\n"
        let result = try run(csv, ["--formula", "y ~ x", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"t\": null"), "\(result.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["r_squared"] as? Double == 1)
    }
}
