import InsightsNumerics
import InsightsStorage
import Testing
import TestSupport

/// Selection, grids, deletion and retention on the store.
struct StoreSelectTests {
    static let here = SourceLocation(file: "test", line: 1)
    static let second: Int64 = 1_000_000_000

    static func store() throws -> Store {
        let store = try Store(path: try TemporaryDatabase.path())
        try store.write { writer in
            for (service, region, base) in [("checkout", "eu", 10.0), ("checkout", "us", 20.0), ("search", "eu", 30.0)] {
                let key = SeriesKey(metric: "latency_p95", labels: ["service": service, "region": region])
                for t in 0..<6 {
                    try writer.metric(MetricSample(series: key, timestamp: Int64(t) * 10 * second,
                                                   value: base + Double(t)), at: here)
                }
            }
            try writer.event(BehaviorEvent(timestamp: 5 * second, distinctID: "u", event: "e"), at: here)
        }
        return store
    }

    @Test(arguments: [
        (#"latency_p95{service="checkout"}"#, [#"latency_p95{region="eu", service="checkout"}"#,
                                               #"latency_p95{region="us", service="checkout"}"#]),
        (#"latency_p95{region=~"e.*", service!="search"}"#, [#"latency_p95{region="eu", service="checkout"}"#]),
        (#"{__name__="latency_p95", region!~"eu"}"#, [#"latency_p95{region="us", service="checkout"}"#]),
        ("nothing_here", []),
    ])
    func selectorsPickTheRightSeries(text: String, expected: [String]) throws {
        let selected = try Self.store().series(matching: try SeriesSelector(parsing: text))
        #expect(selected.map(\.key.description) == expected)
    }

    /// Points every 10 s averaged onto a 20 s grid: buckets [0,20) [20,40) [40,60).
    @Test func gridAveragesIntoColumns() throws {
        let (grid, keys, matrix) = try Self.store().grid(
            matching: try SeriesSelector(parsing: #"latency_p95{service="checkout"}"#), range: nil,
            step: 20 * Self.second, aggregation: .avg, gapFill: .missing)
        #expect(grid.count == 3 && grid.start == 0)
        #expect(keys.count == 2)
        #expect(matrix.column(0) == [10.5, 12.5, 14.5])
        #expect(matrix.column(1) == [20.5, 22.5, 24.5])
    }

    @Test func dropDeletesOnlyTheSelectedSeries() throws {
        let store = try Self.store()
        let (series, points) = try store.drop(matching: try SeriesSelector(parsing: #"latency_p95{region="us"}"#))
        #expect(series == 1 && points == 6)
        #expect(try store.series().count == 2)
        #expect(try store.summary().points == 12)
    }

    @Test func compactKeepsTheRecentPast() throws {
        let store = try Self.store()
        let (points, events) = try store.compact(before: 30 * Self.second)
        #expect(points == 9 && events == 1)
        #expect(try store.series().allSatisfy { $0.first == 30 * Self.second })
    }

    @Test(arguments: [
        ("90d", Int64(90 * 86_400) * 1_000_000_000), ("1h30m", Int64(5_400) * 1_000_000_000),
        ("500ms", 500_000_000), ("2w", Int64(1_209_600) * 1_000_000_000), ("15s", 15_000_000_000), ("1y", Int64(31_536_000) * 1_000_000_000),
    ])
    func durationsParse(text: String, nanoseconds: Int64) {
        #expect(DurationText.nanoseconds(text) == nanoseconds)
    }

    @Test(arguments: [(Int64(0), "0s"), (5_400_000_000_000, "1h30m"), (500_000_000, "500ms"),
                      (Int64(7 * 86_400) * 1_000_000_000, "7d"), (-15_000_000_000, "-15s"), (90_061_001_000_001, "1d1h1m1s1ms1ns")])
    func durationsFormatAndParseBack(nanoseconds: Int64, text: String) {
        #expect(DurationText.format(nanoseconds) == text)
        if nanoseconds >= 0 { #expect(DurationText.nanoseconds(text) == nanoseconds) }
    }

    /// The step estimate is the median spacing: one long gap does not move it.
    @Test func stepEstimateIgnoresAGap() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        let key = SeriesKey(metric: "gappy", labels: [:])
        try store.write { writer in
            for t in [0, 60, 120, 720, 780, 840] as [Int64] {
                try writer.metric(MetricSample(series: key, timestamp: t * Self.second, value: 1),
                                  at: SourceLocation(file: "t", line: 1))
            }
        }
        let extent = try #require(try store.extents(of: try store.series()).first)
        #expect(extent.step == 60 * Self.second && extent.pointCount == 6)
        let window = try #require(try store.extents(of: try store.series(), from: 700 * Self.second).first)
        #expect(window.pointCount == 3 && window.first == 720 * Self.second && window.last == 840 * Self.second)
    }

    @Test(arguments: ["", "90", "d", "5x", "-5m", "1.5h", "999999999999y"])
    func badDurationsAreRefused(text: String) {
        #expect(DurationText.nanoseconds(text) == nil)
    }
}

/// Bulk reads on several connections return exactly what one connection reads.
struct StoreParallelReadTests {
    @Test(arguments: [1, 2, 3, 8])
    func parallelReadsMatchSerialReads(workers: Int) throws {
        let path = try TemporaryDatabase.path()
        let store = try Store(path: path)
        let here = SourceLocation(file: "test", line: 1)
        try store.write { writer in
            for s in 0..<7 {
                let key = SeriesKey(metric: "m", labels: ["s": String(s)])
                for t in 0..<(50 * (s + 1)) {
                    try writer.metric(MetricSample(series: key, timestamp: Int64(t), value: Double(s * 1000 + t)), at: here)
                }
            }
        }
        let keys = try store.seriesKeys()
        #expect(keys.map(\.key) == (try store.series()).map(\.key))
        let ids = keys.map(\.id).reversed().map { $0 }
        let parallel = try Store.points(ofSeries: ids, in: path, workers: workers)
        for (id, read) in zip(ids, parallel) {
            let serial = try store.points(seriesID: id)
            #expect(read.timestamps == serial.timestamps)
            #expect(read.values == serial.values)
        }
    }
}
