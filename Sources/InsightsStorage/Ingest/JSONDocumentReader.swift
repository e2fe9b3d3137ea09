/// Reads the formats that are one JSON document, parsed whole: Prometheus `query_range`
/// responses and NAB label windows. Both are small next to the data they describe.
///
/// These documents carry no line numbers after decoding, so problems inside them are
/// located at line 0 with a JSON path in the message (`result[2].values[7]`).
enum JSONDocumentReader {
    /// A Prometheus HTTP API response: `{"status":"success","data":{"resultType":"matrix",
    /// "result":[{"metric":{...},"values":[[seconds, "value"], ...]}]}}`.
    ///
    /// The series name is `__name__`, else `unnamed` (for a file: the `metric` option, else
    /// the file stem); with `unnamed` nil a series without `__name__` is a format error. The
    /// value `NaN` is Prometheus's spelling of "no value" and counts as missing; `±Inf` and
    /// other non-numbers are bad points.
    /// - Returns: The series that had at least one point stored.
    @discardableResult
    static func readPrometheus(_ document: JSONValue, context: inout IngestContext, unnamed: String?,
                               sink: inout some RecordSink) throws -> Set<SeriesKey> {
        var seen: Set<SeriesKey> = []
        guard case .string(let status)? = document["status"] else {
            throw context.formatError("not a prometheus response: no 'status' string")
        }
        guard status == "success" else {
            let reason = document["error"]?.labelText.map { ": \($0)" } ?? ""
            throw context.formatError("prometheus response has status '\(status)'\(reason)")
        }
        guard case .string(let resultType)? = document["data"]?["resultType"] else {
            throw context.formatError("not a prometheus response: no 'data.resultType'")
        }
        guard resultType == "matrix" else {
            throw context.formatError("prometheus resultType '\(resultType)' is not supported; save a query_range (matrix) response")
        }
        guard case .array(let results)? = document["data"]?["result"] else {
            throw context.formatError("not a prometheus response: 'data.result' is not an array")
        }
        for (seriesIndex, result) in results.enumerated() {
            guard case .object(let labelValues)? = result["metric"], case .array(let points)? = result["values"] else {
                try context.badRow("result[\(seriesIndex)] needs a 'metric' object and a 'values' array", line: 0)
                continue
            }
            var labels: [String: String] = [:]
            for (key, value) in labelValues where key != "__name__" { labels[key] = value.labelText }
            guard let name = labelValues["__name__"]?.labelText ?? unnamed else {
                let shown = SeriesKey(metric: "", labels: labels).description
                throw context.formatError("result[\(seriesIndex)] \(shown.isEmpty ? "{}" : shown) has no '__name__' label "
                                          + "(queries that compute new series, such as rate(), drop it); "
                                          + "name the series with the metric option (--metric NAME)")
            }
            let key = SeriesKey(metric: name, labels: labels)
            for (pointIndex, point) in points.enumerated() {
                let path = "result[\(seriesIndex)].values[\(pointIndex)]"
                guard case .array(let pair) = point, pair.count == 2, case .string(let text) = pair[1] else {
                    try context.badRow("\(path): expected [seconds, \"value\"]", line: 0)
                    continue
                }
                let seconds: Double
                switch pair[0] {
                case .integer(let whole): seconds = Double(whole)
                case .number(let real): seconds = real
                default:
                    try context.badRow("\(path): timestamp is \(pair[0].typeName)", line: 0)
                    continue
                }
                // Prometheus timestamps have millisecond resolution.
                let milliseconds = (seconds * 1000).rounded()
                guard milliseconds.magnitude < 9.2e15 else {
                    try context.badRow("\(path): timestamp \(seconds) is out of range", line: 0)
                    continue
                }
                if text == "NaN" {
                    context.report.missingValues += 1
                    continue
                }
                let value: Double?
                do { value = try ValueParser.parse(text) } catch {
                    try context.badRow("\(path): \(error.message)", line: 0)
                    continue
                }
                guard let value else {
                    context.report.missingValues += 1
                    continue
                }
                try sink.metric(MetricSample(series: key, timestamp: Int64(milliseconds) * 1_000_000, value: value),
                                at: context.location(0))
                context.report.metrics += 1
                seen.insert(key)
            }
        }
        return seen
    }

    /// NAB's `combined_windows.json`: `{"dir/file.csv": [["start", "end"], ...], ...}`.
    ///
    /// Each window becomes `Annotation(kind: "anomaly", series: nil, dataset: "dir/file.csv")`;
    /// the store binds it to the series ingested from that relative path. Files are
    /// visited in sorted order so the output is deterministic.
    static func readNABWindows(_ document: JSONValue, context: inout IngestContext,
                               sink: inout some RecordSink) throws {
        guard case .object(let files) = document else {
            throw context.formatError("expected an object of file → windows, found \(document.typeName)")
        }
        for dataset in files.keys.sorted() {
            guard case .array(let windows) = files[dataset]! else {
                try context.badRow("\"\(dataset)\": expected an array of windows, found \(files[dataset]!.typeName)",
                                   line: 0)
                continue
            }
            for (index, window) in windows.enumerated() {
                let path = "\"\(dataset)\"[\(index)]"
                guard case .array(let bounds) = window, bounds.count == 2,
                      case .string(let startText) = bounds[0], case .string(let endText) = bounds[1] else {
                    try context.badRow("\(path): expected [\"start\", \"end\"]", line: 0)
                    continue
                }
                guard let (start, end) = try windowBounds(startText, endText, path: path, context: &context) else { continue }
                try sink.annotation(Annotation(kind: "anomaly", series: nil, dataset: dataset, start: start, end: end),
                                    at: context.location(0))
                context.report.annotations += 1
            }
        }
    }
}

extension JSONDocumentReader {
    /// An array of windows as `insights datasets generate --out` writes them:
    /// `[{"kind": "incident", "series": "name{k=\"v\"}" | null, "start": "…", "end": "…",
    /// "note": "…", "dataset": "…"?}, …]`. `series` is parsed as a PromQL selector whose
    /// equality matchers name the series.
    static func readAnnotations(_ document: JSONValue, context: inout IngestContext,
                                sink: inout some RecordSink) throws {
        guard case .array(let items) = document else {
            throw context.formatError("expected an array of windows, found \(document.typeName)")
        }
        for (index, item) in items.enumerated() {
            let path = "[\(index)]"
            guard case .string(let kind)? = item["kind"], case .string(let startText)? = item["start"],
                  case .string(let endText)? = item["end"] else {
                try context.badRow("\(path): expected an object with string kind, start and end", line: 0)
                continue
            }
            var series: SeriesKey? = nil
            if case .string(let text)? = item["series"] {
                guard let selector = try? SeriesSelector(parsing: text), let name = selector.metricName else {
                    try context.badRow("\(path).series: '\(text)' is not a series name{labels}", line: 0)
                    continue
                }
                let labels = selector.equalityMatchers.filter { $0.key != "__name__" }
                series = SeriesKey(metric: name, labels: Dictionary(labels.map { ($0.key, $0.value) },
                                                                    uniquingKeysWith: { first, _ in first }))
            }
            guard let (start, end) = try windowBounds(startText, endText, path: path, context: &context) else { continue }
            var note: String? = nil
            if case .string(let text)? = item["note"] { note = text }
            var dataset: String? = nil
            if case .string(let text)? = item["dataset"] { dataset = text }
            try sink.annotation(Annotation(kind: kind, series: series, dataset: dataset, start: start, end: end, note: note),
                                at: context.location(0))
            context.report.annotations += 1
        }
    }

    /// A window's bounds parsed and checked (start ≤ end); nil after reporting a bad row.
    private static func windowBounds(_ startText: String, _ endText: String, path: String,
                               context: inout IngestContext) throws -> (Timestamp, Timestamp)? {
        let start: Timestamp, end: Timestamp
        do throws(FieldError) {
            start = try context.timestamps.parse(startText)
            end = try context.timestamps.parse(endText)
        } catch {
            try context.badRow("\(path): \(error.message)", line: 0)
            return nil
        }
        guard start <= end else {
            try context.badRow("\(path): window ends before it starts", line: 0)
            return nil
        }
        return (start, end)
    }
}
