import Foundation
import Testing
import TestSupport

/// `insights changepoints` on the trend tests' fixture: host b steps from 5 to 8 at hour 24
/// with a ±0.1 wiggle (+ − − +, which sums to zero over every whole group of four); host a
/// is one straight line 10 + 0.5·hour with the same wiggle.
struct ChangePointsCommandTests {
    static func json(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try BinaryRunner.run(["changepoints", "--db", try TrendCommandTests.fixture()] + arguments
                                          + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["series"] as? [[String: Any]])
    }

    /// One shift, at hour 24, with the exact segment means on both sides (the wiggle sums to
    /// zero over 24 values: 6 whole groups), so before 5, after 8, change +3.
    @Test func theShiftWithTheLevelsAroundIt() throws {
        let series = try Self.json([#"queue_depth{host="b"}"#])
        let changes = try #require(series.first?["change_points"] as? [[String: Any]])
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change["time"] as? String == "2026-01-06T00:00:00Z")
        #expect(change["index"] as? Int == 24)
        for (field, expected) in [("before", 5.0), ("after", 8.0), ("change", 3.0)] {
            let value = try #require(change[field] as? Double)
            #expect(abs(value - expected) < 1e-12, "\(field) \(value)")
        }
    }

    /// A straight line has no change in slope; a level shift is a jump the slope model must
    /// split at (two flat lines), reported per hour.
    @Test func slopeKindOnALineAndOnAStep() throws {
        let series = try Self.json(["queue_depth", "--kind", "slope"])
        #expect((series[0]["change_points"] as? [[String: Any]])?.isEmpty == true)
        let step = try #require(series[1]["change_points"] as? [[String: Any]])
        #expect(step.map { $0["index"] as? Int } == [24])
    }

    @Test func aLargerPenaltyNeverFindsMore() throws {
        let loose = try Self.json(["queue_depth", "--penalty", "0.5"])
        let strict = try Self.json(["queue_depth", "--penalty", "20"])
        for (a, b) in zip(loose, strict) {
            #expect(((a["change_points"] as? [Any])?.count ?? 0) >= ((b["change_points"] as? [Any])?.count ?? 0))
        }
    }

    @Test func aTooShortMinimumSegmentForSlopesIsAUsageError() throws {
        let result = try BinaryRunner.run(["changepoints", "--db", try TrendCommandTests.fixture(), "queue_depth",
                                           "--kind", "slope", "--min-segment", "2"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--min-segment must be at least 3"))
    }
}
