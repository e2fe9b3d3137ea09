import Foundation
import Testing
import TestSupport

/// The CSV reader behind `--csv`: RFC 4180 quoting, line ends, BOM, blank lines.
struct CSVInputTests {
    func fit(_ csv: String, formula: String) throws -> (BinaryRunner.Result, [String: Any]?) {
        let path = try TemporaryFiles.write(csv, name: "data.csv")
        let result = try BinaryRunner.run(["regress", "--csv", path, "--formula", formula, "--format", "json"])
        let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result, object)
    }

    @Test func quotedFieldsCRLFAndByteOrderMark() throws {
        let csv = "\u{FEFF}\"y\",x,\"region\"\r\n"
            + "1.5,1,\"eu, west\"\r\n"
            + "2.5,2,\"us \"\"east\"\"\"\r\n"
            + "\r\n"
            + "3.0,3,\"eu, west\"\r\n"
            + "4.5,4,\"us \"\"east\"\"\"\r\n"
            + "5.5,5,\"eu, west\"\r\n"
        let (result, object) = try fit(csv, formula: "y ~ x + C(region)")
        #expect(result.status == 0, "\(result.stderr)")
        let terms = (object?["coefficients"] as? [[String: Any]])?.compactMap { $0["term"] as? String }
        #expect(terms == ["Intercept", "x", "C(region)[T.us \"east\"]"])
        #expect(object?["n"] as? Int == 5)
    }

    /// A quoted field may span lines; rows after it keep their true line numbers in errors.
    @Test func multiLineFieldKeepsLineNumbersRight() throws {
        let csv = "y,x,note\n1,1,\"two\nlines\"\n2,oops,x\n"
        let (result, _) = try fit(csv, formula: "y ~ x")
        #expect(result.status == 65)
        #expect(result.stderr.contains("data.csv:4:2: non-numeric value 'oops' in numeric column 'x'"), "\(result.stderr)")
    }

    @Test func unclosedQuoteIsNamed() throws {
        let (result, _) = try fit("y,x\n1,2\n\"3,4\n5,6\n", formula: "y ~ x")
        #expect(result.status == 65)
        #expect(result.stderr.contains("data.csv:3: quoted field is never closed"), "\(result.stderr)")
    }

    @Test func blanksAroundNumbersAndMissingMarkers() throws {
        let csv = "y,x\n 1 , 1\n2,NA\n3, 3 \n4,null\n5.5,5\n6,6.5\n"
        let (result, object) = try fit(csv, formula: "y ~ x")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(object?["n"] as? Int == 4)
    }
}
