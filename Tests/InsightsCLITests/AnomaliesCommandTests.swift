import Foundation
import InsightsStorage
import Testing
import TestSupport

/// `insights anomalies` and `insights eval incidents` on generated data with known incidents.
struct AnomaliesCommandTests {
    static func database() throws -> (path: String, generator: DatasetGenerator) {
        let path = try TemporaryDatabase.path()
        let generator = DatasetGenerator(options: .init(seed: 77, days: 7, services: 2, users: 10))
        try Store(path: path).write { writer in try generator.generate(into: &writer) }
        return (path, generator)
    }

    @Test func theInjectedSpikeIsReportedWithItsExpectedRange() throws {
        let (path, generator) = try Self.database()
        let spike = try #require(generator.truths.first { $0.kind == .spike })
        let metric = try #require(spike.series.first?.metric)
        let result = try BinaryRunner.run(["anomalies", "--db", path, metric, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let anomalies = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let start = TimestampFormat.iso8601(spike.start), end = TimestampFormat.iso8601(spike.end)
        let hit = anomalies.first { ($0["start"] as? String ?? "") >= start && ($0["start"] as? String ?? "") <= end }
        #expect(hit != nil, "\(result.stdout)")
        #expect(hit?["direction"] as? String == "up")
        if let hit, let observed = hit["observed"] as? Double, let upper = hit["upper"] as? Double {
            #expect(observed > upper)
        }
    }

    @Test func anUnknownMetricGetsASuggestion() throws {
        let (path, _) = try Self.database()
        let result = try BinaryRunner.run(["anomalies", "--db", path, "http_requests_per_secnd"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("did you mean 'http_requests_per_second'"), "\(result.stderr)")
    }

    @Test func incidentEvaluationReportsEveryShapeAndCalibration() throws {
        let result = try BinaryRunner.run(["eval", "incidents", "--seed", "5", "--days", "7", "--services", "2",
                                           "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let shapes = (report["shapes"] as? [[String: Any]] ?? []).compactMap { $0["shape"] as? String }
        #expect(Set(shapes) == ["spike", "level_shift", "variance_burst", "drop_to_zero", "gradual_degradation",
                                "new_error_burst"])
        let spike = (report["shapes"] as? [[String: Any]])?.first { $0["shape"] as? String == "spike" }
        #expect(spike?["detected"] as? Double == 1)
        let bins = report["reliability"] as? [[String: Any]] ?? []
        #expect(bins.count == 10)
        #expect((report["expected_calibration_error"] as? Double).map { $0 >= 0 && $0 < 0.05 } == true)
    }
}
