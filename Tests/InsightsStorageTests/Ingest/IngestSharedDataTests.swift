import Foundation
import InsightsStorage
import Testing
import TestSupport

/// Round trips over the real files in ../shared/data. Expected numbers come from Python's
/// csv/json modules, independently of our parsers:
///
/// ```python
/// rows = list(csv.DictReader(open(f)))
/// d = datetime.datetime.strptime(rows[0]['timestamp'], fmt).replace(tzinfo=datetime.timezone.utc)
/// len(rows), sum(r['value'] == '' for r in rows), int(d.timestamp()) * 10**9, rows[0]['value'], ...
/// ```
struct IngestSharedDataTests {
    static let second: Int64 = 1_000_000_000

    func read(_ relative: String, options: IngestOptions = IngestOptions()) throws -> (CollectingSink, IngestReport) {
        var sink = CollectingSink()
        let report = try FileReader.read(SharedData.url(relative).path, options: options, into: &sink)
        return (sink, report)
    }

    struct WideCase: Sendable, CustomTestStringConvertible {
        let file: String
        let rows: Int
        let missing: Int
        let first: (Int64, Double)
        let last: (Int64, Double)
        var testDescription: String { file }
    }

    @Test(arguments: [
        WideCase(file: "nab/realKnownCause/nyc_taxi.csv", rows: 10320, missing: 0,
                 first: (1_404_172_800 * second, 10844), last: (1_422_747_000 * second, 26288)),
        WideCase(file: "nab/artificialWithAnomaly/art_daily_jumpsup.csv", rows: 4032, missing: 0,
                 first: (1_396_310_400 * second, 19.761251902999998), last: (1_397_519_700 * second, 21.8631471547)),
        WideCase(file: "classic/airpassengers_monthly.csv", rows: 144, missing: 0,
                 first: (-662_688_000 * second, 112), last: (-286_675_200 * second, 432)),
        WideCase(file: "classic/sunspots_monthly.csv", rows: 2820, missing: 0,
                 first: (-6_974_035_200 * second, 58), last: (439_084_800 * second, 33.4)),
        WideCase(file: "classic/co2_weekly_maunaloa.csv", rows: 2284, missing: 59,
                 first: (-371_174_400 * second, 316.1), last: (1_009_584_000 * second, 371.5)),
    ])
    func wideCSV(_ expected: WideCase) throws {
        let (sink, report) = try read(expected.file, options: IngestOptions(root: SharedData.root.path))
        #expect(report.format == .metricsWideCSV)
        #expect(report.metrics == expected.rows - expected.missing)
        #expect(report.missingValues == expected.missing)
        #expect(report.badRows.isEmpty)
        let stem = URL(fileURLWithPath: expected.file).deletingPathExtension().lastPathComponent
        let key = SeriesKey(metric: stem, labels: ["source": expected.file])
        #expect(sink.metrics.allSatisfy { $0.series == key })
        let first = try #require(sink.metrics.first), last = try #require(sink.metrics.last)
        #expect(first.timestamp == expected.first.0)
        #expect(Accuracy.relativeError(first.value, expected.first.1) < 1e-15)
        #expect(last.timestamp == expected.last.0)
        #expect(Accuracy.relativeError(last.value, expected.last.1) < 1e-15)
    }

    @Test func tinyChunksGiveTheSameSamples() throws {
        let (whole, _) = try read("nab/realKnownCause/nyc_taxi.csv")
        let (chunked, _) = try read("nab/realKnownCause/nyc_taxi.csv", options: IngestOptions(chunkSize: 17))
        #expect(whole.metrics == chunked.metrics)
        #expect(whole.metrics.count == 10320)
    }

    @Test func metricOptionNamesTheSeries() throws {
        let (sink, _) = try read("nab/realKnownCause/nyc_taxi.csv", options: IngestOptions(metric: "taxi_rides"))
        #expect(sink.metrics.first?.series == SeriesKey(metric: "taxi_rides", labels: ["source": "nyc_taxi.csv"]))
    }

    /// `json.load`: 25 windows over 18 files; nyc_taxi's first is
    /// 2014-10-30 15:30 → 1414683000, 2014-11-03 22:30 → 1415053800.
    @Test func nabWindows() throws {
        let (sink, report) = try read("nab/labels/combined_windows.json")
        #expect(report.format == .nabWindows)
        #expect(report.annotations == 25)
        #expect(Set(sink.annotations.compactMap(\.dataset)).count == 13)
        let taxi = sink.annotations.filter { $0.dataset == "realKnownCause/nyc_taxi.csv" }
        let first = try #require(taxi.first)
        #expect(first.kind == "anomaly" && first.series == nil)
        #expect(first.start == 1_414_683_000 * Self.second)
        #expect(first.end == 1_415_053_800 * Self.second)
        // The dataset names match the `source` label of the series read with the NAB root.
        let (series, _) = try read("nab/realKnownCause/nyc_taxi.csv",
                                   options: IngestOptions(root: SharedData.url("nab").path))
        #expect(series.metrics.first?.series.labelDictionary["source"] == first.dataset)
    }

    /// 69,659 rows; first `00001,purchase,1997-01-01,1,11.77` (852076800),
    /// last `23570,purchase,1997-03-26,2,42.96` (859334400).
    @Test func cdnowPurchases() throws {
        let (sink, report) = try read("behavior/cdnow_purchases.csv")
        #expect(report.format == .eventsCSV)
        #expect(report.events == 69659)
        let first = try #require(sink.events.first), last = try #require(sink.events.last)
        #expect(first == BehaviorEvent(timestamp: 852_076_800 * Self.second, distinctID: "00001", event: "purchase",
                                       propertiesJSON: #"{"amount_usd":11.77,"quantity":1}"#))
        #expect(last == BehaviorEvent(timestamp: 859_334_400 * Self.second, distinctID: "23570", event: "purchase",
                                      propertiesJSON: #"{"amount_usd":42.96,"quantity":2}"#))
        #expect(Set(sink.events.map(\.distinctID)).count == 23570)
    }

    /// Every row's ISO `timestamp_utc` must equal its own `timestamp_ns` column, which is
    /// the source's original unix-nanosecond value: 30,943 independent checks.
    @Test func mobileOnboardingTimestampsAgreeWithTheirNanosecondColumn() throws {
        let (sink, report) = try read("behavior/mobile_app_onboarding_events.csv")
        #expect(report.events == 30943)
        #expect(sink.events.first?.timestamp == 1_538_405_774_195_002_000)
        #expect(sink.events.first?.event == "onboarding_welcome_screen")
        #expect(sink.events.last?.timestamp == 1_538_359_978_649_063_000)
        #expect(sink.events.last?.distinctID == "c4bf8b24a9233594694b333fe1e3fef3")
        let mismatches = sink.events.filter { $0.propertiesJSON != #"{"timestamp_ns":\#($0.timestamp)}"# }
        #expect(mismatches.isEmpty)
        // Read instead from the nanosecond column: the same instants.
        let (byNanos, _) = try read("behavior/mobile_app_onboarding_events.csv",
                                    options: IngestOptions(timestampColumn: "timestamp_ns"))
        #expect(byNanos.events.map(\.timestamp) == sink.events.map(\.timestamp))
    }
}
