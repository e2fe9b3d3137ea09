import Foundation
import InsightsStorage
import Testing
import TestSupport

/// Real files from ../shared/data through the store: what the readers parse is exactly
/// what reads back (points per series in time order, events, annotations).
struct StoreSharedDataRoundTripTests {
    /// Reads `path` once into memory and once into a fresh store, and compares.
    static func roundTrip(_ paths: [String], options: IngestOptions = IngestOptions()) throws {
        var parsed = CollectingSink()
        for path in paths { try FileReader.read(path, options: options, into: &parsed) }
        let store = try Store(path: try TemporaryDatabase.path())
        for path in paths {
            _ = try store.write { writer in try FileReader.read(path, options: options, into: &writer) }
        }
        // Points: the last value per (series, timestamp) wins, then time order per series.
        var expected: [SeriesKey: [Timestamp: Double]] = [:]
        for sample in parsed.metrics { expected[sample.series, default: [:]][sample.timestamp] = sample.value }
        let stored = try store.series()
        #expect(Set(stored.map(\.key)) == Set(expected.keys))
        for info in stored {
            let points = try store.points(seriesID: info.id)
            let want = (expected[info.key] ?? [:]).sorted { $0.key < $1.key }
            #expect(points.timestamps == want.map(\.key), "\(info.key)")
            #expect(points.values == want.map(\.value), "\(info.key)")
        }
        // Events: all of them (these files carry no uuid), ordered by time then arrival.
        let events = try store.events()
        let wantEvents = parsed.events.enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
            .map(\.element)
        #expect(events == wantEvents)
        #expect(try store.annotations().count == Set(parsed.annotations.map { "\($0)" }).count)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func nabFilesAndTheirLabelWindows() throws {
        let root = SharedData.url("nab").path
        let files = ["realKnownCause/nyc_taxi.csv", "realKnownCause/ec2_request_latency_system_failure.csv",
                     "artificialWithAnomaly/art_daily_jumpsup.csv", "labels/combined_windows.json"]
        try Self.roundTrip(files.map { "\(root)/\($0)" }, options: IngestOptions(root: root))
        // The windows bind to their series through the source label.
        let store = try Store(path: try TemporaryDatabase.path())
        for file in files {
            _ = try store.write { writer in
                try FileReader.read("\(root)/\(file)", options: IngestOptions(root: root), into: &writer)
            }
        }
        let taxi = try #require(try store.series().first { $0.key.metric == "nyc_taxi" })
        // combined_windows.json lists 5 windows for realKnownCause/nyc_taxi.csv.
        #expect(try store.annotations(seriesID: taxi.id).count == 5)
    }

    @Test func behaviorEventLogs() throws {
        try Self.roundTrip([SharedData.url("behavior/mobile_app_onboarding_events.csv").path])
        try Self.roundTrip([SharedData.url("behavior/cdnow_purchases.csv").path])
    }

    @Test func classicSeries() throws {
        try Self.roundTrip(["airpassengers_monthly.csv", "co2_weekly_maunaloa.csv", "taylor_halfhourly_electricity.csv"]
            .map { SharedData.url("classic/\($0)").path })
    }
}

/// Synthetic files in the formats the shared data lacks, through the store.
struct StoreSyntheticRoundTripTests {
    @Test func prometheusQueryRangeResponse() throws {
        let json = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"__name__":"up","job":"api","instance":"a:9090"},"values":[[1700000000,"1"],[1700000015.5,"0"]]},
              {"metric":{"__name__":"up","job":"api","instance":"b:9090"},"values":[[1700000000,"1"],[1700000015.5,"NaN"]]}
            ]}}
            """
        try StoreSharedDataRoundTripTests.roundTrip([try TemporaryFiles.write(json, name: "up.json")])
        let store = try Store(path: try TemporaryDatabase.path())
        _ = try store.ingest(try TemporaryFiles.write(json, name: "up.json"), options: IngestOptions())
        let a = try #require(try store.series().first { $0.key.labelDictionary["instance"] == "a:9090" })
        let points = try store.points(seriesID: a.id)
        #expect(points.timestamps == [1_700_000_000_000_000_000, 1_700_000_015_500_000_000])
        #expect(points.values == [1, 0])
    }

    @Test func metricsNDJSONAndPostHogEvents() throws {
        let metrics = """
            {"timestamp":"2024-01-01T00:00:00Z","metric":"cpu","value":0.5,"host":"db-1"}
            {"timestamp":"2024-01-01T00:01:00Z","metric":"cpu","value":0.75,"host":"db-1"}
            {"timestamp":1704067320,"metric":"cpu","value":1e-3,"host":"db-2"}
            """
        try StoreSharedDataRoundTripTests.roundTrip([try TemporaryFiles.write(metrics, name: "m.ndjson")])
        let events = """
            {"event":"$pageview","distinct_id":"u1","timestamp":"2024-01-01T00:00:00.123456Z","properties":{"$current_url":"/","n":3},"uuid":"e1"}
            {"event":"signed_up","distinct_id":"u1","timestamp":"2024-01-01T00:05:00Z","properties":{"plan":"pro"},"uuid":"e2"}
            """
        try StoreSharedDataRoundTripTests.roundTrip([try TemporaryFiles.write(events, name: "e.ndjson")])
    }
}
