import Foundation
import Testing
import TestSupport

/// `insights eval m4` on the M4 Hourly developer split (276 series) and on small files built here.
struct EvalM4Tests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func run(_ model: String, format: String = "json") throws -> BinaryRunner.Result {
        try BinaryRunner.run(["eval", "m4", "--train", M4Reference.trainPath, "--test", M4Reference.testPath,
                              "--horizon", "48", "--season", "24", "--model", model, "--format", format])
    }

    /// The command's naive2, snaive and naive scores equal M4's official scores on these 276 series
    /// (`benchmark_metrics_subset.csv`, three decimals; the issue asks for 0.01, they agree to
    /// the rounding). OWA is relative to the Naive2 the command computes in the same run.
    @Test(arguments: [("naive2", "Naive2"), ("snaive", "sNaive"), ("naive", "Naive")])
    func reproducesOfficialM4Scores(model: String, method: String) throws {
        let result = try Self.run(model)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try Self.json(result.stdout)
        let reference = try #require(try M4Reference.officialScores()[method])
        #expect(Array(output.keys).sorted() == ["coverage_80", "coverage_95", "mase", "msis", "owa", "seconds", "series", "smape"])
        #expect(output["series"] as? Int == 276)
        let smape = try #require(output["smape"] as? Double)
        let mase = try #require(output["mase"] as? Double)
        let owa = try #require(output["owa"] as? Double)
        #expect(abs(smape - reference.smape) <= 0.0006, "sMAPE \(smape) vs \(reference.smape)")
        #expect(abs(mase - reference.mase) <= 0.0006, "MASE \(mase) vs \(reference.mase)")
        #expect(abs(owa - reference.owa) <= 0.0006, "OWA \(owa) vs \(reference.owa)")
        // Every baseline has intervals: coverage fractions, the 95 % band covering more, MSIS positive.
        let c80 = try #require(output["coverage_80"] as? Double)
        let c95 = try #require(output["coverage_95"] as? Double)
        #expect(0 < c80 && c80 < c95 && c95 <= 1)
        #expect(try #require(output["msis"] as? Double) > 0)
        #expect(try #require(output["seconds"] as? Double) > 0)
    }

    /// The default model on this split meets the forecasting issue's targets: OWA below 0.55
    /// (statsforecast's best here, AutoARIMA, scores 0.577) and test-horizon coverage of 76–84 %
    /// at 80 and 93–97 % at 95. Measured values (0.515, 0.808, 0.939) are in docs/STATISTICS.md.
    @Test func defaultModelBeatsTheTargets() throws {
        let result = try Self.run("auto")
        #expect(result.status == 0, "\(result.stderr)")
        let output = try Self.json(result.stdout)
        let owa = try #require(output["owa"] as? Double)
        let c80 = try #require(output["coverage_80"] as? Double)
        let c95 = try #require(output["coverage_95"] as? Double)
        #expect(owa < 0.55, "OWA \(owa)")
        #expect(0.76 <= c80 && c80 <= 0.84, "80% coverage \(c80)")
        #expect(0.93 <= c95 && c95 <= 0.97, "95% coverage \(c95)")
    }

    /// The table shows the same figures rounded, one coverage row per --level.
    @Test func tableShowsTheMetricsAndRequestedLevels() throws {
        let result = try BinaryRunner.run(["eval", "m4", "--train", M4Reference.trainPath, "--test", M4Reference.testPath,
                                           "--model", "snaive", "--level", "80,90,95"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.first?.hasPrefix("M4 evaluation: 276 series, model snaive, horizon 48, season 24,") == true)
        #expect(lines.contains("sMAPE 14.022"))
        #expect(lines.contains("MASE 1.239"))
        #expect(lines.contains("OWA 0.657"))
        #expect(lines.contains { $0.hasPrefix("coverage 90 0.") })
        #expect(lines.contains { $0.hasPrefix("MSIS ") })
    }

    static let smallTrain = """
        "V1","V2","V3","V4","V5","V6","V7"
        "A","1","2","3","4","5","6"
        "B","2","4","6","8",,

        """
    static let smallTest = """
        "V1","V2","V3"
        "A","7","8"
        "B","10","12"

        """

    /// Padded rows are read to their padding: B's naive forecast is 8 (errors 2, 4; scale
    /// with m = 1 is 2; MASE 1.5), A's is 6 (errors 1, 2; scale 1; MASE 1.5).
    @Test func readsPaddedRows() throws {
        let train = try TemporaryFiles.write(Self.smallTrain, name: "train.csv")
        let test = try TemporaryFiles.write(Self.smallTest, name: "test.csv")
        let result = try BinaryRunner.run(["eval", "m4", "--train", train, "--test", test, "--horizon", "2",
                                           "--season", "1", "--model", "naive", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try Self.json(result.stdout)
        #expect(output["series"] as? Int == 2)
        #expect(abs(try #require(output["mase"] as? Double) - 1.5) < 1e-12)
    }

    /// A value after the padding is an error at file:line:column, exit 65.
    @Test func malformedRowNamesFileAndLine() throws {
        let train = try TemporaryFiles.write(Self.smallTrain.replacingOccurrences(of: #""8",,"#, with: #""8",,"9""#),
                                             name: "train.csv")
        let test = try TemporaryFiles.write(Self.smallTest, name: "test.csv")
        let result = try BinaryRunner.run(["eval", "m4", "--train", train, "--test", test, "--horizon", "2", "--season", "1"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(train):3:7: series 'B' has a value after the empty field in column 6"), "\(result.stderr)")
    }

    @Test func nonNumericValueNamesTheCell() throws {
        let train = try TemporaryFiles.write(Self.smallTrain.replacingOccurrences(of: #""3""#, with: #""x3""#), name: "train.csv")
        let test = try TemporaryFiles.write(Self.smallTest, name: "test.csv")
        let result = try BinaryRunner.run(["eval", "m4", "--train", train, "--test", test, "--horizon", "2", "--season", "1"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(train):2:4: non-numeric value 'x3'"), "\(result.stderr)")
    }

    /// A series in one file only, or too few test values for the horizon, is a data error.
    @Test func unmatchedSeriesAndShortTestsAreDataErrors() throws {
        let train = try TemporaryFiles.write(Self.smallTrain, name: "train.csv")
        let test = try TemporaryFiles.write(Self.smallTest.replacingOccurrences(of: #""B""#, with: #""C""#), name: "test.csv")
        let missing = try BinaryRunner.run(["eval", "m4", "--train", train, "--test", test, "--horizon", "2", "--season", "1"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("\(test):3: series 'C' is not in \(train)"), "\(missing.stderr)")
        let goodTest = try TemporaryFiles.write(Self.smallTest, name: "test.csv")
        let short = try BinaryRunner.run(["eval", "m4", "--train", train, "--test", goodTest, "--horizon", "3", "--season", "1"])
        #expect(short.status == 65)
        #expect(short.stderr.contains("series 'A' has 2 test values, --horizon is 3"), "\(short.stderr)")
    }

    /// A series the model cannot fit names the series; unknown models and bad levels are usage errors.
    @Test func modelAndUsageErrors() throws {
        let train = try TemporaryFiles.write(Self.smallTrain, name: "train.csv")
        let test = try TemporaryFiles.write(Self.smallTest, name: "test.csv")
        let tooShort = try BinaryRunner.run(["eval", "m4", "--train", train, "--test", test, "--horizon", "2",
                                             "--season", "5", "--model", "snaive"])
        #expect(tooShort.status == 65)
        #expect(tooShort.stderr.contains("series 'B': MASE needs more than 5 training values, got 4"), "\(tooShort.stderr)")
        let unknown = try BinaryRunner.run(["eval", "m4", "--train", train, "--test", test, "--model", "snaiv"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown model 'snaiv'; did you mean 'snaive'?"), "\(unknown.stderr)")
        let level = try BinaryRunner.run(["eval", "m4", "--train", train, "--test", test, "--level", "80,120"])
        #expect(level.status == 64)
        #expect(level.stderr.contains("--level '120' is not a percentage"), "\(level.stderr)")
        let unreadable = try BinaryRunner.run(["eval", "m4", "--train", train + ".missing", "--test", test])
        #expect(unreadable.status == 64)
    }
}
