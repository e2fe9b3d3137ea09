import Foundation
import InsightsStorage
import Testing
import TestSupport

/// `insights trend` over a database written through the library: an exact hourly line and
/// a level shift, both with a ±0.1 wiggle in the pattern + − − + (orthogonal to a constant
/// and to time over whole groups of four, so the OLS slope is exactly the line's).
struct TrendCommandTests {
    static let start: Int64 = 1_767_571_200_000_000_000  // 2026-01-05T00:00:00Z
    static let hour: Int64 = 3_600_000_000_000

    static func fixture() throws -> String {
        let path = try TemporaryDatabase.path()
        let store = try Store(path: path)
        let here = SourceLocation(file: "fixture", line: 1)
        try store.write { writer in
            for i in 0..<48 {
                let wiggle = i % 4 == 0 || i % 4 == 3 ? 0.1 : -0.1
                let timestamp = start + Int64(i) * hour
                let line = SeriesKey(metric: "queue_depth", labels: ["host": "a"])
                try writer.metric(MetricSample(series: line, timestamp: timestamp, value: 10 + 0.5 * Double(i) + wiggle),
                                  at: here)
                let shift = SeriesKey(metric: "queue_depth", labels: ["host": "b"])
                try writer.metric(MetricSample(series: shift, timestamp: timestamp, value: (i < 24 ? 5 : 8) + wiggle),
                                  at: here)
            }
        }
        return path
    }

    @Test func jsonReportsTheSlopePerHourAndTheShift() throws {
        let result = try BinaryRunner.run(["trend", "--db", try Self.fixture(), "queue_depth", "--format", "json", "--robust"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["step"] as? String == "1h")
        let series = try #require(object["series"] as? [[String: Any]])
        #expect(series.count == 2)
        let line = series[0], shift = series[1]
        #expect(line["series"] as? String == #"queue_depth{host="a"}"#)
        let slope = try #require(line["slope_per_hour"] as? Double)
        #expect(abs(slope - 0.5) < 1e-9, "\(slope)")
        let perDay = try #require(line["slope_per_day"] as? Double)
        #expect(abs(perDay - 12) < 1e-8, "\(perDay)")
        // % change: 0.5·47/10 of the start value 10.
        let percent = try #require(line["percent_change"] as? Double)
        #expect(abs(percent - 235) < 1e-7, "\(percent)")
        #expect((line["mann_kendall"] as? [String: Any])?["s"] as? Int == 48 * 47 / 2)
        let changes = try #require(shift["change_points"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["time"] as? String == "2026-01-06T00:00:00Z")
        let size = try #require(changes.first?["size"] as? Double)
        #expect(abs(size - 3) < 1e-9, "\(size)")
    }

    /// The line 10 + 0.5·hour reaches 20 after 20 hours; its slope is significant, so
    /// Fieller's interval is bounded and holds the estimate.
    @Test func thresholdCrossingHasAnInterval() throws {
        let result = try BinaryRunner.run(["trend", "--db", try Self.fixture(), #"queue_depth{host="a"}"#,
                                           "--threshold", "20", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let series = try #require((object["series"] as? [[String: Any]])?.first)
        let crossing = try #require(series["crossing"] as? [String: Any])
        #expect(crossing["time"] as? String == "2026-01-05T20:00:00Z", "\(crossing)")
        let interval = try #require(crossing["interval"] as? [String])
        #expect(interval.count == 2 && interval[0] < "2026-01-05T20:00:00Z" && interval[1] > "2026-01-05T20:00:00Z",
                "\(interval)")
    }

    @Test func tableAndCSVNameEverySeries() throws {
        let path = try Self.fixture()
        let table = try BinaryRunner.run(["trend", "--db", path, #"queue_depth{host="b"}"#])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains(#"queue_depth{host="b"}"#), "\(table.stdout)")
        #expect(table.stdout.contains("1; largest 2026-01-06T00:00:00Z (+3, p="), "\(table.stdout)")
        let csv = try BinaryRunner.run(["trend", "--db", path, "queue_depth", "--format", "csv", "--step", "2h"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(csv.stdout)")
        #expect(lines[1].hasPrefix(#""queue_depth{host=""a""}",24,"#), "\(csv.stdout)")
    }

    @Test func unknownMetricSuggestsTheNearestName() throws {
        let result = try BinaryRunner.run(["trend", "--db", try Self.fixture(), "queue_dpeth"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("unknown metric 'queue_dpeth'; did you mean 'queue_depth'?"), "\(result.stderr)")
    }

    @Test func tooFewPointsIsReportedPerSeries() throws {
        let result = try BinaryRunner.run(["trend", "--db", try Self.fixture(), "queue_depth", "--since", "1h"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("needs at least 3 observed values, the series has 2"), "\(result.stdout)")
    }
}

/// The analyses read a long CSV with --csv instead of a database: series on one grid, a series
/// that starts later is missing (not zero) before its start.
struct GridCSVInputTests {
    @Test func trendOfTwoSeriesFromACSV() throws {
        var lines = ["unique_id,ds,y"]
        for i in 0..<24 {
            let time = "2026-01-05T\(String(format: "%02d", i)):00:00Z"
            lines.append("a,\(time),\(10 + 0.5 * Double(i))")
            if i >= 12 { lines.append("b,\(time),\(100 - 2 * Double(i))") }
        }
        let file = try TemporaryFiles.write(lines.joined(separator: "\n") + "\n", name: "series.csv")
        let result = try BinaryRunner.run(["trend", "--csv", file, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let series = try #require(object["series"] as? [[String: Any]])
        #expect(series.map { $0["series"] as? String } == ["a", "b"])
        #expect(series.map { $0["points"] as? Int } == [24, 12])
        let slopes = series.compactMap { $0["slope_per_hour"] as? Double }
        #expect(slopes.count == 2 && abs(slopes[0] - 0.5) < 1e-9 && abs(slopes[1] + 2) < 1e-9, "\(slopes)")
        let both = try BinaryRunner.run(["trend", "x", "--csv", file])
        #expect(both.status == 64 && both.stderr.contains("give a selector or --csv FILE"))
    }
}
