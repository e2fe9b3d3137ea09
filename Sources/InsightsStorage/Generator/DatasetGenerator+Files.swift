import Foundation

extension DatasetGenerator {
    /// The three files of the dataset, as text: `metrics.csv`, `events.ndjson`, `labels.json`.
    public struct Files: Sendable, Equatable {
        /// Long-format metrics: `timestamp,metric,value,` then one column per label key, sorted.
        public var metricsCSV: String
        /// One PostHog export object per line: `distinct_id, event, properties, timestamp, uuid`.
        public var eventsNDJSON: String
        /// A JSON array of `{kind, series, start, end, note}`, one object per line.
        public var labelsJSON: String
    }

    /// The dataset rendered as file texts; the bytes depend on ``options`` only.
    public func files() -> Files {
        var sink = CollectingSink()
        // CollectingSink never throws.
        try! generate(into: &sink)
        return Files(metricsCSV: Self.metricsCSV(sink.metrics), eventsNDJSON: Self.eventsNDJSON(sink.events),
                     labelsJSON: Self.labelsJSON(sink.annotations))
    }

    /// Writes `metrics.csv`, `events.ndjson` and `labels.json` into `directory`, creating it
    /// when missing and replacing files of those names.
    /// - Throws: the file system's error when the directory or a file cannot be written.
    public func writeFiles(to directory: URL) throws {
        let files = files()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(files.metricsCSV.utf8).write(to: directory.appendingPathComponent("metrics.csv"), options: .atomic)
        try Data(files.eventsNDJSON.utf8).write(to: directory.appendingPathComponent("events.ndjson"), options: .atomic)
        try Data(files.labelsJSON.utf8).write(to: directory.appendingPathComponent("labels.json"), options: .atomic)
    }

    static func metricsCSV(_ samples: [MetricSample]) -> String {
        let labelKeys = Set(samples.lazy.flatMap { $0.series.labels.map(\.key) }).sorted()
        let decimals = Dictionary(uniqueKeysWithValues: Metric.allCases.map { ($0.rawValue, $0.decimals) })
        var text = (["timestamp", "metric", "value"] + labelKeys).map(GeneratorText.csvField).joined(separator: ",") + "\n"
        var previous: SeriesKey?
        var labelCells = ""
        var metricDecimals = 6
        for sample in samples {
            if sample.series != previous {
                previous = sample.series
                let labels = sample.series.labelDictionary
                labelCells = labelKeys.map { "," + GeneratorText.csvField(labels[$0] ?? "") }.joined()
                metricDecimals = decimals[sample.series.metric] ?? 6
            }
            text += GeneratorText.iso8601(sample.timestamp) + "," + GeneratorText.csvField(sample.series.metric) + ","
            text += GeneratorText.fixed(sample.value, decimals: metricDecimals) + labelCells + "\n"
        }
        return text
    }

    static func eventsNDJSON(_ events: [BehaviorEvent]) -> String {
        var text = ""
        for event in events {
            var object = CanonicalJSONObject()
            object.set("distinct_id", string: event.distinctID)
            object.set("event", string: event.event)
            object.set("properties", raw: event.propertiesJSON)
            object.set("timestamp", string: GeneratorText.iso8601(event.timestamp))
            object.set("uuid", raw: event.uuid.map(GeneratorText.jsonString) ?? "null")
            text += object.text + "\n"
        }
        return text
    }

    static func labelsJSON(_ annotations: [Annotation]) -> String {
        let objects = annotations.map { annotation in
            let fields = [
                "\"kind\":" + GeneratorText.jsonString(annotation.kind),
                "\"series\":" + (annotation.series.map { GeneratorText.jsonString($0.description) } ?? "null"),
                "\"start\":" + GeneratorText.jsonString(GeneratorText.iso8601(annotation.start)),
                "\"end\":" + GeneratorText.jsonString(GeneratorText.iso8601(annotation.end)),
                "\"note\":" + (annotation.note.map(GeneratorText.jsonString) ?? "null"),
            ]
            return "  {" + fields.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }
}
