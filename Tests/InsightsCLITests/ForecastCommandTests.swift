import Foundation
import InsightsStorage
import Testing
import TestSupport

/// `insights forecast` over a long CSV (step numbers and timestamps) and over the database.
struct ForecastCommandTests {
    /// The `seasonal12` series of `ThetaTests` (statsmodels' reference forecast from
    /// `bench/reference/theta_statsmodels.py`), twice under two ids.
    static func seasonalCSV(ids: [String] = ["a", "b"], timestamps: Bool = false) -> String {
        var text = "unique_id,ds,y\n"
        for id in ids {
            for i in 0..<120 {
                let t = Double(i)
                let y = 100 + 0.5 * t + 15 * sin(2 * Double.pi * t / 12) + 3 * sin(1.3 * t * t)
                let ds = timestamps ? TimestampFormat.iso8601(1_767_571_200_000_000_000 + Int64(i) * 3_600_000_000_000) : String(i + 1)
                text += "\(id),\(ds),\(y)\n"
            }
        }
        return text
    }

    static let statsmodelsTheta: [Double] = [
        159.47491193356262, 169.56550895775948, 177.42318226505455, 179.27509559089236, 178.89103460915896,
        169.6672901965714]

    /// Long CSV out: the statsforecast columns, then the backtest coverage per level; the mean is
    /// statsmodels' Theta forecast to a relative 1e-3 (α estimated separately on each side).
    @Test func csvInCSVOutMatchesTheReferenceTheta() throws {
        let path = try TemporaryFiles.write(Self.seasonalCSV(), name: "long.csv")
        let result = try BinaryRunner.run(["forecast", "--csv", path, "--horizon", "6", "--season", "12",
                                           "--model", "theta", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "unique_id,ds,model,mean,lo-80,hi-80,lo-95,hi-95,coverage-80,coverage-95")
        #expect(lines.count == 1 + 12)
        for (index, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",").map(String.init)
            #expect(cells[0] == (index < 6 ? "a" : "b") && cells[1] == String(index % 6 + 1) && cells[2] == "theta")
            let numbers = cells[3...].compactMap(Double.init)
            #expect(numbers.count == 7)
            guard numbers.count == 7 else { continue }
            let (mean, lo80, hi80, lo95, hi95) = (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4])
            #expect(abs(mean - Self.statsmodelsTheta[index % 6]) / Self.statsmodelsTheta[index % 6] < 1e-3)
            #expect(lo95 <= lo80 && lo80 < mean && mean < hi80 && hi80 <= hi95)
            #expect((0...1).contains(numbers[5]) && (0...1).contains(numbers[6]))
        }
    }

    /// `--threshold`: the sample paths are the point forecast plus each backtest's error path.
    /// For seasonal naive both are known in closed form (forecast from origin o at step h is
    /// y[o − 12 + h]), so the test recomputes the crossing probabilities from the series itself.
    @Test func thresholdCrossingFromBacktestPaths() throws {
        let path = try TemporaryFiles.write(Self.seasonalCSV(ids: ["x"]), name: "long.csv")
        let y = (0..<120).map { i -> Double in
            let t = Double(i)
            return 100 + 0.5 * t + 15 * sin(2 * Double.pi * t / 12) + 3 * sin(1.3 * t * t)
        }
        let point = (0..<6).map { y[108 + $0] }
        let threshold = point.max()! - 2
        var crossedBy = [Double](repeating: 0, count: 6)
        for k in 0..<5 {
            let origin = 120 - 6 - k
            let sample = (0..<6).map { point[$0] + y[origin + $0] - y[origin - 12 + $0] }
            if let first = sample.firstIndex(where: { $0 >= threshold }) { for h in first..<6 { crossedBy[h] += 0.2 } }
        }
        let result = try BinaryRunner.run(["forecast", "--csv", path, "--horizon", "6", "--season", "12", "--model", "snaive",
                                           "--windows", "5", "--threshold", "\(threshold)", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let series = try #require((json["series"] as? [[String: Any]])?.first)
        let crossing = try #require(series["threshold"] as? [String: Any])
        #expect(crossing["direction"] as? String == "above" && crossing["paths"] as? Int == 5)
        #expect(abs(try #require(crossing["probability"] as? Double) - crossedBy[5]) < 1e-12)
        let steps = try #require(series["forecast"] as? [[String: Any]])
        for (h, step) in steps.enumerated() {
            #expect(abs(try #require(step["p_cross"] as? Double) - crossedBy[h]) < 1e-12, "step \(h + 1)")
        }
        #expect(crossing["point_crossing"] as? Int == point.firstIndex { $0 >= threshold }! + 1)
        let table = try BinaryRunner.run(["forecast", "--csv", path, "--horizon", "6", "--season", "12", "--model", "snaive",
                                          "--windows", "5", "--threshold", "\(threshold)"])
        #expect(table.stdout.contains("threshold \(String(format: "%.6g", threshold)) (above): P(cross within 6 steps) = "))
        // 5 windows: the 80% band is the 5th of 5 errors (⌈6 · 0.8⌉ = 5), the 95% band would need
        // the 6th, so it is the largest error and the table says so; with 19 windows it would not.
        let levels = try BinaryRunner.run(["forecast", "--csv", path, "--horizon", "6", "--season", "12", "--model", "snaive",
                                           "--windows", "5", "--level", "80,95"])
        #expect(levels.stdout.contains("note: with 5 windows the 95% band is the largest backtest error, not a calibrated quantile (95% needs 19 windows"),
                "\(levels.stdout)")
        let enough = try BinaryRunner.run(["forecast", "--csv", path, "--horizon", "6", "--season", "12", "--model", "snaive",
                                           "--windows", "19", "--spacing", "1", "--level", "80,95"])
        #expect(enough.status == 0 && enough.stdout.contains("backtest over 19 windows") && !enough.stdout.contains("note:"), "\(enough.stdout.prefix(300))")
        let bad = try BinaryRunner.run(["forecast", "--csv", path, "--horizon", "6", "--below"])
        #expect(bad.status == 64 && bad.stderr.contains("--below needs --threshold"), "\(bad.stderr)")
    }

    /// Timestamped CSV: `--horizon 6h` on hourly data is 6 steps, stamped one hour apart after
    /// the last observation.
    @Test func durationHorizonOnTimestampedCSV() throws {
        let path = try TemporaryFiles.write(Self.seasonalCSV(ids: ["x"], timestamps: true), name: "stamped.csv")
        let result = try BinaryRunner.run(["forecast", "--csv", path, "--horizon", "6h", "--season", "12",
                                           "--model", "snaive", "--level", "90", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "unique_id,ds,model,mean,lo-90,hi-90,coverage-90")
        let stamps = lines.dropFirst().map { $0.split(separator: ",").map(String.init)[1] }
        let expected = (120..<126).map { TimestampFormat.iso8601(1_767_571_200_000_000_000 + Int64($0) * 3_600_000_000_000) }
        #expect(stamps == expected)
        // Seasonal naive repeats the last cycle: step 1 is the value 12 hours before it.
        let t = 108.0
        let lastCycle = 100 + 0.5 * t + 15 * sin(2 * Double.pi * t / 12) + 3 * sin(1.3 * t * t)
        let mean = try #require(Double(lines[1].split(separator: ",").map(String.init)[3]))
        #expect(abs(mean - lastCycle) < 1e-9 * abs(lastCycle))
    }

    /// Generated traffic with a daily cycle peaking at 15:00 UTC: the day-ahead forecast of
    /// every series is higher at 15:00 than at 03:00, each has 96 steps of 15 minutes, and the
    /// JSON states the levels and the backtest coverage of each.
    @Test func databaseForecastFollowsTheDailyCycle() throws {
        let path = try TemporaryDatabase.path()
        let generator = DatasetGenerator(options: .init(seed: 77, days: 7, services: 2, users: 10))
        try Store(path: path).write { writer in try generator.generate(into: &writer) }
        let result = try BinaryRunner.run(["forecast", "--db", path, "http_requests_per_second", "--horizon", "1d",
                                           "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["levels"] as? [Double] == [0.8, 0.95])
        let series = try #require(report["series"] as? [[String: Any]])
        #expect(!series.isEmpty)
        for entry in series {
            let coverage = try #require(entry["backtest_coverage"] as? [String: Any])
            #expect(coverage["80"] is Double && coverage["95"] is Double)
            let steps = try #require(entry["forecast"] as? [[String: Any]])
            #expect(steps.count == 96)
            func mean(atHour hour: String) -> Double? {
                steps.first { ($0["ds"] as? String)?.contains("T\(hour):00:00") == true }?["mean"] as? Double
            }
            let peak = try #require(mean(atHour: "15")), trough = try #require(mean(atHour: "03"))
            #expect(peak > trough, "\(entry["unique_id"] ?? "")")
        }
    }

    @Test(arguments: [
        (["forecast", "--csv", "x.csv", "cpu", "--horizon", "4"], "not both"),
        (["forecast", "--csv", "x.csv", "--horizon", "soon"], "--horizon 'soon'"),
        (["forecast", "--csv", "x.csv", "--horizon", "4", "--level", "120"], "--level '120'"),
        (["forecast", "--csv", "x.csv", "--horizon", "4", "--history", "0"], "--history '0'"),
        (["forecast", "--csv", "x.csv", "--horizon", "4", "--history", "lots"], "--history 'lots'"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// `--history N` cuts the ensemble's fits to the last N values only when the series is longer:
    /// on 120 values, 120 and the default (4,032) give exactly what `all` gives, 60 does not.
    @Test func historyLimitCutsOnlyLongerSeries() throws {
        let path = try TemporaryFiles.write(Self.seasonalCSV(ids: ["x"]), name: "history.csv")
        func forecast(_ extra: [String]) throws -> String {
            let result = try BinaryRunner.run(["forecast", "--csv", path, "--horizon", "6", "--season", "12", "--model", "ensemble",
                                               "--format", "csv"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }
        let all = try forecast(["--history", "all"])
        #expect(try forecast([]) == all)
        #expect(try forecast(["--history", "120"]) == all)
        #expect(try forecast(["--history", "60"]) != all)
    }

    @Test func durationHorizonNeedsTimestamps() throws {
        let path = try TemporaryFiles.write(Self.seasonalCSV(ids: ["x"]), name: "steps.csv")
        let result = try BinaryRunner.run(["forecast", "--csv", path, "--horizon", "2d"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("give a number of steps"), "\(result.stderr)")
    }
}
