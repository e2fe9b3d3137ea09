import Foundation
import InsightsNumerics
import InsightsStorage
import Testing
import TestSupport

/// One small synthetic file per format, checked record by record.
struct IngestFormatTests {
    static let second: Int64 = 1_000_000_000
    /// 2024-01-01T00:00:00Z, from `int(datetime.datetime(2024,1,1,tzinfo=timezone.utc).timestamp())`.
    static let newYear: Int64 = 1_704_067_200 * second

    func read(_ contents: String, name: String,
              options: IngestOptions = IngestOptions()) throws -> (CollectingSink, IngestReport) {
        let path = try TemporaryFiles.write(contents, name: name)
        var sink = CollectingSink()
        let report = try FileReader.read(path, options: options, into: &sink)
        return (sink, report)
    }

    @Test func longCSVWithLabelsAndQuotedCells() throws {
        let csv = "timestamp,metric,service,region,value\r\n"
            + "2024-01-01T00:00:00Z,latency_p95,checkout,\"eu, west\",0.25\r\n"
            + "2024-01-01T00:01:00Z,latency_p95,\"check\"\"out\",,1e3\r\n"
            + "2024-01-01T00:02:00Z,errors,checkout,eu,\r\n"
        let (sink, report) = try read(csv, name: "long.csv")
        #expect(report.format == .metricsLongCSV)
        #expect(report.metrics == 2 && report.missingValues == 1)
        #expect(sink.metrics == [
            MetricSample(series: SeriesKey(metric: "latency_p95", labels: ["service": "checkout", "region": "eu, west"]),
                         timestamp: Self.newYear, value: 0.25),
            MetricSample(series: SeriesKey(metric: "latency_p95", labels: ["service": "check\"out"]),
                         timestamp: Self.newYear + 60 * Self.second, value: 1000),
        ])
    }

    /// Short decimals take a fast exact path; every value must be the double the C
    /// library's correctly rounded `strtod` (behind `Double(String)`) gives for the text.
    @Test func decimalValuesAreCorrectlyRounded() throws {
        var random = SplitMix64(seed: 42)
        var texts: [String] = ["0", "-0", "+7", "0.1", "0.3", "-2.5", "1.0000000000000002", "9007199254740993",
                               "123456789012345", "1234567890123456", "0.000000000000000000000001",
                               "1e-5", "12.5E+3", "00012.500", "999999999999999.9"]
        for _ in 0..<5000 {
            let digits = String(random.next() % 10_000_000_000_000_000)
            let cut = Int(random.next() % UInt64(digits.count + 1))
            let sign = ["", "-", "+"][Int(random.next() % 3)]
            let text = cut == digits.count ? digits
                : String(digits.prefix(cut)) + "." + String(digits.dropFirst(cut))
            texts.append(sign + text)
        }
        let csv = "timestamp,value\n" + texts.indices.map { "\($0),\(texts[$0])\n" }.joined()
        let (sink, _) = try read(csv, name: "decimals.csv", options: IngestOptions(metric: "x"))
        #expect(sink.metrics.count == texts.count)
        for (sample, text) in zip(sink.metrics, texts) {
            let reference = try #require(Double(text))
            #expect(sample.value.bitPattern == reference.bitPattern, "\(text)")
        }
    }

    @Test func longCSVWithMetricOption() throws {
        let (sink, report) = try read("timestamp,host,value\n2024-01-01,a,1\n2024-01-01,b,2\n", name: "cpu.csv",
                                      options: IngestOptions(metric: "cpu"))
        #expect(report.format == .metricsLongCSV)
        #expect(sink.metrics.map(\.series) == [SeriesKey(metric: "cpu", labels: ["host": "a"]),
                                               SeriesKey(metric: "cpu", labels: ["host": "b"])])
    }

    @Test func wideCSVNamesSeriesAfterColumns() throws {
        let csv = "time,cpu,memory\n1704067200,0.5,\n1704067260,0.75,1024\n"
        let (sink, report) = try read(csv, name: "host.csv")
        #expect(report.format == .metricsWideCSV)
        #expect(report.metrics == 3 && report.missingValues == 1)
        let cpu = SeriesKey(metric: "cpu", labels: ["source": "host.csv"])
        let memory = SeriesKey(metric: "memory", labels: ["source": "host.csv"])
        #expect(sink.metrics == [
            MetricSample(series: cpu, timestamp: Self.newYear, value: 0.5),
            MetricSample(series: cpu, timestamp: Self.newYear + 60 * Self.second, value: 0.75),
            MetricSample(series: memory, timestamp: Self.newYear + 60 * Self.second, value: 1024),
        ])
    }

    @Test func wideCSVSourceIsRelativeToRoot() throws {
        let path = try TemporaryFiles.write("timestamp,value\n2024-01-01,1\n", name: "series.csv")
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        var sink = CollectingSink()
        try FileReader.read(path, options: IngestOptions(root: directory.deletingLastPathComponent().path), into: &sink)
        #expect(sink.metrics.first?.series
            == SeriesKey(metric: "series", labels: ["source": directory.lastPathComponent + "/series.csv"]))
    }

    @Test func unzonedTimesUseTheZoneOption() throws {
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let (sink, _) = try read("timestamp,value\n2024-01-01 09:00:00,1\n", name: "t.csv",
                                 options: IngestOptions(timeZone: tokyo))
        #expect(sink.metrics.first?.timestamp == Self.newYear)
    }

    @Test func timestampUnitOption() throws {
        let (sink, _) = try read("timestamp,value\n1704067200000,1\n", name: "t.csv",
                                 options: IngestOptions(timestampUnit: .microseconds))
        #expect(sink.metrics.first?.timestamp == 1_704_067_200_000_000)
    }

    @Test func metricsNDJSON() throws {
        let lines = """
            {"timestamp": "2024-01-01T00:00:00Z", "metric": "up", "value": 1, "labels": {"job": "api", "port": 8080}}
            {"ts": 1704067260, "name": "up", "value": "0.5", "job": "api"}

            {"timestamp": 1704067320000, "metric": "up", "value": null}
            """
        let (sink, report) = try read(lines, name: "m.ndjson")
        #expect(report.format == .metricsNDJSON)
        #expect(report.metrics == 2 && report.missingValues == 1)
        #expect(sink.metrics == [
            MetricSample(series: SeriesKey(metric: "up", labels: ["job": "api", "port": "8080"]),
                         timestamp: Self.newYear, value: 1),
            MetricSample(series: SeriesKey(metric: "up", labels: ["job": "api"]),
                         timestamp: Self.newYear + 60 * Self.second, value: 0.5),
        ])
    }

    @Test func postHogEventsNDJSON() throws {
        let lines = """
            {"uuid": "0190-a", "event": "$pageview", "distinct_id": "u1", "timestamp": "2024-01-01T01:00:00+01:00", "properties": {"path": "/", "$browser": "Firefox", "n": 2}}
            {"event": "signed_up", "distinct_id": 42, "time": "2024-01-01 00:00:01", "plan": "pro"}
            """
        let (sink, report) = try read(lines, name: "events.jsonl")
        #expect(report.format == .eventsNDJSON)
        #expect(sink.events == [
            BehaviorEvent(timestamp: Self.newYear, distinctID: "u1", event: "$pageview",
                          propertiesJSON: #"{"$browser":"Firefox","n":2,"path":"/"}"#, uuid: "0190-a"),
            BehaviorEvent(timestamp: Self.newYear + Self.second, distinctID: "42", event: "signed_up",
                          propertiesJSON: #"{"plan":"pro"}"#),
        ])
    }

    @Test func eventsCSVProperties() throws {
        let csv = "timestamp,distinct_id,event,price,coupon,note\n"
            + "2024-01-01,u1,purchase,9.50,007,\"said \"\"hi\"\"\nthen left\"\n"
            + "2024-01-01,u2,purchase,-1e2,,\n"
        let (sink, report) = try read(csv, name: "e.csv")
        #expect(report.format == .eventsCSV)
        #expect(sink.events.map(\.propertiesJSON) == [
            #"{"coupon":"007","note":"said \"hi\"\nthen left","price":9.50}"#,
            #"{"price":-1e2}"#,
        ])
    }

    @Test func eventColumnsByOption() throws {
        let csv = "when,who,what\n2024-01-01,u1,login\n"
        let (sink, _) = try read(csv, name: "e.csv", options: IngestOptions(
            kind: .events, timestampColumn: "when", actorColumn: "who", eventColumn: "what"))
        #expect(sink.events == [BehaviorEvent(timestamp: Self.newYear, distinctID: "u1", event: "login")])
    }

    @Test func prometheusMatrix() throws {
        let json = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"__name__":"up","job":"api","instance":"a:9090"},
               "values":[[1704067200,"1"],[1704067215.5,"0"],[1704067230,"NaN"]]},
              {"metric":{"job":"db"},"values":[[1704067200.001,"2.5e-3"]]}
            ]}}
            """
        let (sink, report) = try read(json, name: "rate.json")
        #expect(report.format == .prometheusJSON)
        #expect(report.metrics == 3 && report.missingValues == 1)
        let up = SeriesKey(metric: "up", labels: ["job": "api", "instance": "a:9090"])
        #expect(sink.metrics == [
            MetricSample(series: up, timestamp: Self.newYear, value: 1),
            MetricSample(series: up, timestamp: Self.newYear + 15_500_000_000, value: 0),
            MetricSample(series: SeriesKey(metric: "rate", labels: ["job": "db"]),
                         timestamp: Self.newYear + 1_000_000, value: 0.0025),
        ])
    }

    @Test func nabWindowsOnOneLine() throws {
        let json = #"{"a/x.csv": [["2024-01-01 00:00:00.000000", "2024-01-01 01:00:00.000000"]], "b.csv": []}"#
        let (sink, report) = try read(json, name: "windows.json")
        #expect(report.format == .nabWindows)
        #expect(sink.annotations == [Annotation(kind: "anomaly", series: nil, dataset: "a/x.csv",
                                                start: Self.newYear, end: Self.newYear + 3600 * Self.second)])
    }

    @Test func detectionWithoutExtension() throws {
        let csv = try TemporaryFiles.write("timestamp,value\n2024-01-01,1\n", name: "export")
        #expect(try FileReader.detectFormat(csv) == .metricsWideCSV)
        let ndjson = try TemporaryFiles.write(#"{"timestamp":"2024-01-01","event":"a","user_id":"u"}"#, name: "dump")
        #expect(try FileReader.detectFormat(ndjson) == .eventsNDJSON)
        #expect(try FileReader.detectFormat(ndjson, options: IngestOptions(format: .metricsNDJSON)) == .metricsNDJSON)
    }

    @Test func quotedFieldsAcrossTinyChunks() throws {
        var csv = "timestamp,metric,host,value\n"
        for index in 0..<50 {
            csv += "2024-01-01T00:00:\(String(format: "%02d", index))Z,m,\"h,\"\"\(index)\"\"\nx\",\(index)\r\n"
        }
        let (sink, report) = try read(csv, name: "q.csv", options: IngestOptions(chunkSize: 16))
        #expect(report.metrics == 50)
        #expect(sink.metrics.map(\.value) == (0..<50).map(Double.init))
        #expect(sink.metrics.last?.series.labelDictionary["host"] == "h,\"49\"\nx")
        #expect(sink.metrics.last?.timestamp == Self.newYear + 49 * Self.second)
    }

    @Test func loneCarriageReturnsAndPaddedValues() throws {
        let (sink, report) = try read("timestamp,value\r2024-01-01, 1.5 \r2024-01-02,\t-2\r", name: "cr.csv")
        #expect(report.metrics == 2)
        #expect(sink.metrics.map(\.value) == [1.5, -2])
        #expect(sink.metrics.map(\.timestamp) == [Self.newYear, Self.newYear + 86_400 * Self.second])
    }

    struct Refusal: Error, Equatable {}

    /// A sink that refuses the second record: the reader stops and rethrows its error as is.
    struct RefusingSink: RecordSink {
        var accepted = 0
        mutating func metric(_ sample: MetricSample, at location: InsightsStorage.SourceLocation) throws {
            guard accepted == 0 else { throw Refusal() }
            accepted += 1
        }
        mutating func event(_ event: BehaviorEvent, at location: InsightsStorage.SourceLocation) {}
        mutating func annotation(_ annotation: Annotation, at location: InsightsStorage.SourceLocation) {}
    }

    @Test func sinkErrorsStopTheReader() throws {
        let path = try TemporaryFiles.write("timestamp,value\n2024-01-01,1\n2024-01-02,2\n2024-01-03,3\n")
        var sink = RefusingSink()
        #expect(throws: Refusal()) { try FileReader.read(path, into: &sink) }
        #expect(sink.accepted == 1)
    }

    /// Escapes, surrogate pairs, nesting and exact big integers survive the JSON parser and
    /// come out canonical (sorted keys).
    @Test func jsonPropertiesAreParsedAndCanonical() throws {
        let line = #"{"uuid":"x","timestamp":1538405774195002000,"event":"e","distinct_id":"u","#
            + #""properties":{"s":"a\"b\\c\u00e9\ud83d\ude00\n\/","x":[1,-2.5e1,true,null,{}],"big":9007199254740993}}"#
        let (sink, report) = try read(line + "\n", name: "p.ndjson")
        #expect(report.events == 1)
        #expect(sink.events.first?.timestamp == 1_538_405_774_195_002_000)
        #expect(sink.events.first?.propertiesJSON
            == #"{"big":9007199254740993,"s":"a\"b\\cé😀\n/","x":[1,-25,true,null,{}]}"#)
    }
}
