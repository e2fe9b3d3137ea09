import Foundation
import InsightsStorage
import Testing
import TestSupport

/// `insights backtest` on long CSVs whose backtest errors are known in closed form.
struct BacktestCommandTests {
    /// y_t = t: the naive forecast from origin o is o's last value, so the error k steps
    /// ahead is exactly k and the MAE over a 4-step horizon is (1 + 2 + 3 + 4) / 4 = 2.5 at
    /// every origin; RMSE is √((1 + 4 + 9 + 16) / 4) = √7.5.
    @Test func naiveOnALineHasTheClosedFormErrors() throws {
        let csv = "unique_id,ds,y\n" + (1...200).map { "line,\($0),\($0)" }.joined(separator: "\n") + "\n"
        let path = try TemporaryFiles.write(csv, name: "line.csv")
        let result = try BinaryRunner.run(["backtest", "--csv", path, "--horizon", "4", "--model", "naive",
                                           "--origins", "3", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let row = try #require(rows.first)
        #expect(row["origins"] as? Double == 3)
        #expect(abs((row["mae"] as? Double ?? .nan) - 2.5) < 1e-12)
        #expect(abs((row["rmse"] as? Double ?? .nan) - 7.5.squareRoot()) < 1e-12)
        let perStep = try #require(row["per_step"] as? [[String: Any]])
        #expect(perStep.compactMap { $0["mae"] as? Double } == [1, 2, 3, 4])
    }

    @Test func aSeasonalPatternIsForecastExactlyBySeasonalNaive() throws {
        let pattern = [5.0, 9, 2, 7]
        let csv = "unique_id,ds,y\n" + (0..<120).map { "s,\($0 + 1),\(pattern[$0 % 4])" }.joined(separator: "\n") + "\n"
        let path = try TemporaryFiles.write(csv, name: "season.csv")
        let result = try BinaryRunner.run(["backtest", "--csv", path, "--horizon", "8", "--season", "4", "--model", "snaive",
                                           "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["mae"] as? Double == 0)
    }

    /// The same closed form through a database selector: two hourly series y = t and y = 2t
    /// ingested from a metrics CSV; naive's errors k steps ahead are k and 2k.
    @Test func selectorOverTheDatabaseHasTheClosedFormErrors() throws {
        var csv = "timestamp,metric,value,host\n"
        for t in 0..<100 {
            let stamp = TimestampFormat.iso8601(1_767_571_200_000_000_000 + Int64(t) * 3_600_000_000_000)
            csv += "\(stamp),queue_depth,\(t),a\n\(stamp),queue_depth,\(2 * t),b\n"
        }
        let file = try TemporaryFiles.write(csv, name: "metrics.csv")
        let db = try TemporaryDatabase.path()
        let ingest = try BinaryRunner.run(["ingest", "--db", db, file])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let result = try BinaryRunner.run(["backtest", "--db", db, "queue_depth", "--horizon", "4h", "--model", "naive",
                                           "--origins", "3", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.compactMap { $0["series"] as? String } == [#"queue_depth{host="a"}"#, #"queue_depth{host="b"}"#])
        #expect(rows.compactMap { $0["mae"] as? Double } == [2.5, 5])
    }

    @Test func originsMustBePositive() throws {
        let path = try TemporaryFiles.write("unique_id,ds,y\na,1,1\n", name: "one.csv")
        let result = try BinaryRunner.run(["backtest", "--csv", path, "--horizon", "2", "--origins", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--origins must be at least 1"), "\(result.stderr)")
    }
}
