import Foundation
import InsightsStorage
import Testing
import TestSupport

/// Every malformed input gives one located error of the right kind with a message that
/// quotes what was wrong.
struct IngestMalformedInputTests {
    struct BadInput: Sendable, CustomTestStringConvertible {
        let name: String
        let contents: String
        var file = "data.csv"
        var options = IngestOptions()
        let kind: IngestError.Kind
        let line: Int
        var column: Int? = nil
        let message: String
        var testDescription: String { name }
    }

    /// A valid first NDJSON line, so detection succeeds and line 2 is the bad one.
    static let good = #"{"timestamp":"2024-01-01","value":1,"metric":"a"}"# + "\n"

    static let cases: [BadInput] = [
        BadInput(name: "bad timestamp", contents: "timestamp,value\n2024-01-01,1\nyesterday,2\n",
                 kind: .badRow, line: 3, column: 1, message: "invalid timestamp 'yesterday'"),
        BadInput(name: "impossible date", contents: "timestamp,value\n2024-02-30,1\n",
                 kind: .badRow, line: 2, column: 1, message: "impossible date '2024-02-30'"),
        BadInput(name: "impossible leap day", contents: "timestamp,value\n2023-02-29 00:00:00,1\n",
                 kind: .badRow, line: 2, column: 1, message: "impossible date '2023-02-29 00:00:00'"),
        BadInput(name: "impossible hour", contents: "timestamp,value\n2024-02-01 25:00:00,1\n",
                 kind: .badRow, line: 2, column: 1, message: "impossible time of day '2024-02-01 25:00:00'"),
        BadInput(name: "impossible offset", contents: "timestamp,value\n2024-02-01T10:00:00+25:00,1\n",
                 kind: .badRow, line: 2, column: 1, message: "impossible utc offset in '2024-02-01T10:00:00+25:00'"),
        BadInput(name: "timestamp out of range", contents: "timestamp,value\n2300-01-01,1\n",
                 kind: .badRow, line: 2, column: 1,
                 message: "timestamp '2300-01-01' is outside 1677-09-21...2262-04-11"),
        BadInput(name: "wrong column count", contents: "timestamp,value\n2024-01-01,1,2\n",
                 kind: .badRow, line: 2, message: "expected 2 fields, found 3"),
        BadInput(name: "too few columns", contents: "timestamp,a,b\n2024-01-01,1\n",
                 kind: .badRow, line: 2, message: "expected 3 fields, found 2"),
        BadInput(name: "unclosed quote", contents: "timestamp,value\n2024-01-01,\"1\n2024-01-02,2\n",
                 kind: .badRow, line: 2, column: 12, message: "unclosed quote"),
        BadInput(name: "text after closing quote", contents: "timestamp,value\n2024-01-01,\"1\"x\n",
                 kind: .badRow, line: 2, column: 15, message: "unexpected character 'x' after closing quote"),
        BadInput(name: "line numbers after a quoted newline",
                 contents: "timestamp,metric,host,value\n2024-01-01,cpu,\"a\nb\",1\n2024-01-02,cpu,x,zz\n",
                 kind: .badRow, line: 4, column: 18, message: "value 'zz' is not a number"),
        BadInput(name: "column after a quoted newline",
                 contents: "timestamp,metric,host,value\n2024-01-01,cpu,\"a\nb\",q\n",
                 kind: .badRow, line: 3, column: 4, message: "value 'q' is not a number"),
        BadInput(name: "byte order mark", contents: "\u{FEFF}timestamp,value\n2024-01-01,abc\n",
                 kind: .badRow, line: 2, column: 12, message: "value 'abc' is not a number"),
        BadInput(name: "crlf line ends", contents: "timestamp,value\r\n2024-01-01,1\r\n2024-01-02,x\r\n",
                 kind: .badRow, line: 3, column: 12, message: "value 'x' is not a number"),
        BadInput(name: "blank lines keep their numbers", contents: "timestamp,value\n\n2024-01-01,1\n\n2024-01-02,x\n",
                 kind: .badRow, line: 5, column: 12, message: "value 'x' is not a number"),
        BadInput(name: "nan value", contents: "timestamp,value\n2024-01-01,NaN\n",
                 kind: .badRow, line: 2, column: 12, message: "non-finite value 'NaN' is not allowed"),
        BadInput(name: "inf value", contents: "timestamp,value\n2024-01-01,-inf\n",
                 kind: .badRow, line: 2, column: 12, message: "non-finite value '-inf' is not allowed"),
        BadInput(name: "nan timestamp", contents: "timestamp,value\nnan,1\n",
                 kind: .badRow, line: 2, column: 1, message: "non-finite timestamp 'nan'"),
        BadInput(name: "non-numeric value", contents: "timestamp,value\n2024-01-01,12abc\n",
                 kind: .badRow, line: 2, column: 12, message: "value '12abc' is not a number"),
        BadInput(name: "hexadecimal value", contents: "timestamp,value\n2024-01-01,0x1p3\n",
                 kind: .badRow, line: 2, column: 12, message: "value '0x1p3' is not a number"),
        BadInput(name: "empty file", contents: "", kind: .format, line: 0, message: "file is empty"),
        BadInput(name: "header only", contents: "timestamp,value\n",
                 kind: .format, line: 0, message: "no data rows after the header"),
        BadInput(name: "duplicate header", contents: "timestamp,value,value\n2024-01-01,1,2\n",
                 kind: .format, line: 1, column: 17, message: "duplicate column 'value' in header"),
        BadInput(name: "empty header name", contents: "timestamp,,value\n2024-01-01,1,2\n",
                 kind: .format, line: 1, column: 11, message: "empty column name in header (column 2)"),
        BadInput(name: "missing timestamp column", contents: "when,value\n1,2\n",
                 kind: .format, line: 1, message: "no timestamp column in header (columns: when, value)"),
        BadInput(name: "missing named column", contents: "timestamp,value\n2024-01-01,1\n",
                 options: IngestOptions(timestampColumn: "ts2"), kind: .format, line: 1,
                 message: "no timestamp column 'ts2' in header (columns: timestamp, value)"),
        BadInput(name: "long csv without a metric", contents: "timestamp,value\n2024-01-01,1\n",
                 options: IngestOptions(format: .metricsLongCSV), kind: .format, line: 1,
                 message: "a long metrics CSV needs a 'metric' column or the metric option"),
        BadInput(name: "missing metric name", contents: "timestamp,metric,value\n2024-01-01,,1\n",
                 kind: .badRow, line: 2, column: 12, message: "missing metric name"),
        BadInput(name: "events without an actor cell", contents: "timestamp,distinct_id,event\n2024-01-01,,signup\n",
                 kind: .badRow, line: 2, column: 12, message: "missing actor ('distinct_id')"),
        BadInput(name: "events without an event column", contents: "timestamp,user_id,what\n2024-01-01,u,x\n",
                 options: IngestOptions(kind: .events), kind: .format, line: 1,
                 message: "no event column in header (columns: timestamp, user_id, what)"),
        BadInput(name: "unknown format", contents: "hello world\n", file: "data.bin", kind: .format, line: 0,
                 message: "cannot detect the format (extension '.bin', first line 'hello world'); set the format option"),
        BadInput(name: "unrecognised json", contents: #"{"a": 1}"#, file: "x.json", kind: .format, line: 0,
                 message: "unrecognised json document (an object starting '{\"a\": 1}'); expected a prometheus response, nab windows, an annotations array or ndjson"),
        BadInput(name: "prometheus instant vector",
                 contents: #"{"status":"success","data":{"resultType":"vector","result":[]}}"#, file: "q.json",
                 kind: .format, line: 0,
                 message: "prometheus resultType 'vector' is not supported; save a query_range (matrix) response"),
        BadInput(name: "prometheus error response",
                 contents: #"{"status":"error","errorType":"bad_data","error":"parse error"}"#, file: "q.json",
                 kind: .format, line: 0, message: "prometheus response has status 'error': parse error"),
        BadInput(name: "prometheus non-numeric point",
                 contents: #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up"},"values":[[1700000000,"1"],[1700000015,"abc"]]}]}}"#,
                 file: "q.json", kind: .badRow, line: 0, message: "result[0].values[1]: value 'abc' is not a number"),
        BadInput(name: "prometheus point shape",
                 contents: #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1700000000]]}]}}"#,
                 file: "q.json", kind: .badRow, line: 0, message: "result[0].values[0]: expected [seconds, \"value\"]"),
        BadInput(name: "nab window shape", contents: #"{"a.csv": [["2014-01-01 00:00:00"]]}"#, file: "w.json",
                 kind: .badRow, line: 0, message: "\"a.csv\"[0]: expected [\"start\", \"end\"]"),
        BadInput(name: "nab window impossible date", contents: #"{"a.csv": [["2014-02-30 00:00:00", "2014-03-01"]]}"#,
                 file: "w.json", kind: .badRow, line: 0,
                 message: "\"a.csv\"[0]: impossible date '2014-02-30 00:00:00'"),
        BadInput(name: "nab window reversed", contents: #"{"a.csv": [["2014-03-01", "2014-02-01"]]}"#,
                 file: "w.json", kind: .badRow, line: 0, message: "\"a.csv\"[0]: window ends before it starts"),
        BadInput(name: "ndjson not an object",
                 contents: "{\"timestamp\":\"2024-01-01\",\"value\":1,\"metric\":\"a\"}\n[1,2]\n", file: "m.ndjson",
                 kind: .badRow, line: 2, message: "expected a json object, found an array"),
        BadInput(name: "json text after the document",
                 contents: good + #"{"timestamp":"2024-01-01","value":1,"metric":"a"} x"#, file: "m.ndjson",
                 kind: .badRow, line: 2, message: "invalid json at byte 51: unexpected text after the document"),
        BadInput(name: "json number with a leading zero",
                 contents: good + #"{"timestamp":"2024-01-01","value":01}"#, file: "m.ndjson",
                 kind: .badRow, line: 2, message: "invalid json at byte 36: expected ',' or '}'"),
        BadInput(name: "json bad escape",
                 contents: good + #"{"timestamp":"2024-01-01","value":1,"metric":"a\q"}"#, file: "m.ndjson",
                 kind: .badRow, line: 2, message: "invalid json at byte 48: invalid escape '\\q'"),
        BadInput(name: "json missing comma",
                 contents: good + #"{"timestamp":"2024-01-01" "value":1}"#, file: "m.ndjson",
                 kind: .badRow, line: 2, message: "invalid json at byte 27: expected ',' or '}'"),
        BadInput(name: "json truncated line",
                 contents: good + #"{"timestamp":"#, file: "m.ndjson",
                 kind: .badRow, line: 2, message: "invalid json at byte 14: unexpected end of input"),
        BadInput(name: "ndjson string value",
                 contents: "{\"timestamp\":\"2024-01-01\",\"value\":\"Infinity\",\"metric\":\"a\"}\n", file: "m.ndjson",
                 kind: .badRow, line: 1, message: "non-finite value 'Infinity' is not allowed"),
        BadInput(name: "ndjson without a metric name",
                 contents: "{\"timestamp\":\"2024-01-01\",\"value\":1}\n", file: "m.ndjson", kind: .badRow, line: 1,
                 message: "no metric name ('metric' or 'name' key, or the metric option)"),
        BadInput(name: "ndjson event without an actor",
                 contents: "{\"event\":\"a\",\"distinct_id\":\"u\",\"timestamp\":\"2024-01-01\"}\n\n{\"event\":\"b\",\"timestamp\":\"2024-01-01\"}\n",
                 file: "e.ndjson", kind: .badRow, line: 3, message: "no actor (distinct_id, user_id, actor, person_id)"),
        BadInput(name: "ndjson first line not an object", contents: "[1]\n", file: "e.ndjson", kind: .format, line: 1,
                 message: "first line is not a json object with a timestamp: '[1]'"),
        BadInput(name: "ndjson first object after blank lines", contents: "\n\n{\"a\":1}\n", file: "e.ndjson",
                 kind: .format, line: 3, message: "first line is not a json object with a timestamp: '{\"a\":1}'"),
        BadInput(name: "forced format that does not fit", contents: "timestamp,value\n2024-01-01,1\n",
                 options: IngestOptions(format: .nabWindows), kind: .format, line: 0,
                 message: "invalid json"),
    ]

    @Test(arguments: cases)
    func malformedInput(_ input: BadInput) throws {
        let path = try TemporaryFiles.write(input.contents, name: input.file)
        var sink = CollectingSink()
        do {
            try FileReader.read(path, options: input.options, into: &sink)
            Issue.record("no error for \(input.name)")
        } catch let error as IngestError {
            #expect(error.kind == input.kind)
            #expect(error.location == SourceLocation(file: path, line: input.line, column: input.column))
            if input.message == "invalid json" {
                #expect(error.message.hasPrefix("invalid json"))
            } else {
                #expect(error.message == input.message)
            }
        }
    }

    @Test func missingFileIsUnreadable() {
        var sink = CollectingSink()
        #expect(throws: IngestError(.unreadable, at: SourceLocation(file: "/nonexistent/x.csv", line: 0),
                                    "cannot open: no such file or directory")) {
            try FileReader.read("/nonexistent/x.csv", into: &sink)
        }
    }

    @Test func skipBadRowsCollectsEveryBadRowAndKeepsTheRest() throws {
        let csv = """
            timestamp,metric,value
            2024-01-01,cpu,1
            2024-02-30,cpu,2
            2024-01-03,cpu,NaN
            2024-01-04,cpu,
            2024-01-05,cpu,5,extra
            "2024-01-06",cpu,6
            2024-01-07,"cpu
            """
        let path = try TemporaryFiles.write(csv + "\n")
        var sink = CollectingSink()
        let report = try FileReader.read(path, options: IngestOptions(skipBadRows: true), into: &sink)
        #expect(report.format == .metricsLongCSV)
        #expect(sink.metrics.map(\.value) == [1, 6])
        #expect(report.metrics == 2)
        #expect(report.missingValues == 1)
        #expect(report.badRows.map(\.location.description) == [
            "\(path):3:1", "\(path):4:16", "\(path):6", "\(path):8:12",
        ])
        #expect(report.badRows.map(\.message) == [
            "impossible date '2024-02-30'", "non-finite value 'NaN' is not allowed", "expected 3 fields, found 4",
            "unclosed quote",
        ])
        #expect(report.badRows.allSatisfy { $0.kind == .badRow })
        // Without the option the first one throws.
        var strict = CollectingSink()
        #expect(throws: report.badRows[0]) { try FileReader.read(path, into: &strict) }
        #expect(strict.metrics.count == 1)
    }
}
