import InsightsStorage
import Testing
import TestSupport

/// The `pull_source` watermark is written in the pull's transaction: with its points, or not at all.
struct PullWatermarkTests {
    struct Interrupted: Error {}

    static let url = "http://prometheus.test:9090"
    static let key = SeriesKey(metric: "up", labels: ["job": "node"])

    @Test func storedWithThePointsAndReplacedByTheNextPull() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        #expect(try store.pullWatermark(url: Self.url, query: "up", step: 1_000) == nil)
        try store.write { writer in
            #expect(try writer.pullWatermark(url: Self.url, query: "up", step: 1_000) == nil)
            try writer.metric(MetricSample(series: Self.key, timestamp: 5_000, value: 1), at: SourceLocation(file: Self.url, line: 0))
            try writer.recordPull(url: Self.url, query: "up", step: 1_000, end: 5_000, at: 9_000)
        }
        try store.write { writer in
            #expect(try writer.pullWatermark(url: Self.url, query: "up", step: 1_000) == 5_000)
            try writer.recordPull(url: Self.url, query: "up", step: 1_000, end: 8_000, at: 9_500)
        }
        #expect(try store.pullWatermark(url: Self.url, query: "up", step: 1_000) == 8_000)
        // The key is (url, query, step): another step or query has its own watermark.
        #expect(try store.pullWatermark(url: Self.url, query: "up", step: 2_000) == nil)
        #expect(try store.pullWatermark(url: Self.url, query: "up == 1", step: 1_000) == nil)
    }

    @Test func aFailedPullLeavesNeitherPointsNorWatermark() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        #expect(throws: Interrupted.self) {
            try store.write { writer in
                try writer.metric(MetricSample(series: Self.key, timestamp: 5_000, value: 1), at: SourceLocation(file: Self.url, line: 0))
                try writer.recordPull(url: Self.url, query: "up", step: 1_000, end: 5_000, at: 9_000)
                throw Interrupted()
            }
        }
        #expect(try store.pullWatermark(url: Self.url, query: "up", step: 1_000) == nil)
        #expect(try store.series().isEmpty)
    }
}
