/// Reads newline-delimited JSON, one object per line, metrics or events.
///
/// Metrics objects: a timestamp (string or unix number), `value` (number, numeric string
/// or null for missing), `metric` or `name`, and labels from a `labels` object or else
/// from every other key. Event objects (PostHog export shape): `event`, `distinct_id`,
/// a timestamp, `properties` (object; when absent, the other keys), optional `uuid`.
/// Blank lines are skipped; each line is decoded on its own, so memory stays constant.
struct NDJSONReader {
    private var lines: LineReader
    private var line: [UInt8] = []

    init(file: ChunkedFile) {
        self.lines = LineReader(file: file)
    }

    /// Whether an object (the file's first) is an event rather than a metric sample: the
    /// `kind` option, else the presence of an event key and an actor key.
    static func isEvents(_ object: JSONValue, options: IngestOptions) -> Bool {
        if let kind = options.kind { return kind == .events }
        let event = object[options.eventColumn ?? "event"] != nil
        let actor = (options.actorColumn.map { [$0] } ?? IngestOptions.actorCandidates).contains { object[$0] != nil }
        return event && actor
    }

    mutating func read(events: Bool, context: inout IngestContext, sink: inout some RecordSink) throws {
        var objects = 0
        while try lines.next(into: &line) {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            objects += 1
            let number = lines.lineNumber
            let object: JSONValue
            switch JSONValue.parse(line) {
            case .success(let value): object = value
            case .failure(let error):
                try context.badRow(error.message, line: number)
                continue
            }
            guard case .object = object else {
                try context.badRow("expected a json object, found \(object.typeName)", line: number)
                continue
            }
            let timestamp: Timestamp
            switch Self.timestamp(object, explicit: context.options.timestampColumn, context: context) {
            case .success(let value): timestamp = value
            case .failure(let error):
                try context.badRow(error.message, line: number)
                continue
            }
            if events {
                try readEvent(object, at: timestamp, line: number, context: &context, sink: &sink)
            } else {
                try readMetric(object, at: timestamp, line: number, context: &context, sink: &sink)
            }
        }
        guard objects > 0 else { throw context.formatError("file is empty") }
    }

    /// The object's timestamp: the `explicit` key or the first candidate key present, as an
    /// ISO string or a unix number.
    static func timestamp(_ object: JSONValue, explicit: String?,
                          context: IngestContext) -> Result<Timestamp, FieldError> {
        let keys = explicit.map { [$0] } ?? IngestOptions.timestampCandidates
        guard let key = keys.first(where: { object[$0] != nil }), let value = object[key] else {
            return .failure(FieldError(message: "no timestamp key (\(keys.joined(separator: ", ")))"))
        }
        do throws(FieldError) {
            switch value {
            case .string(let text): return .success(try context.timestamps.parse(text))
            case .integer(let number): return .success(try context.timestamps.parse(String(number)))
            case .number(let number) where number.isFinite: return .success(try context.timestamps.parse("\(number)"))
            default: return .failure(FieldError(message: "timestamp '\(key)' is \(value.typeName)"))
            }
        } catch {
            return .failure(error)
        }
    }

    private func readMetric(_ object: JSONValue, at timestamp: Timestamp, line: Int, context: inout IngestContext,
                            sink: inout some RecordSink) throws {
        let options = context.options
        let valueKey = options.valueColumn ?? "value"
        let value: Double?
        switch object[valueKey] {
        case .integer(let number)?: value = Double(number)
        case .number(let number)?: value = number
        case .null?: value = nil
        case .string(let text)?:
            do { value = try ValueParser.parse(text) } catch {
                try context.badRow(error.message, line: line)
                return
            }
        case let other?:
            try context.badRow("value '\(valueKey)' is \(other.typeName)", line: line)
            return
        case nil:
            try context.badRow("no '\(valueKey)' key", line: line)
            return
        }
        let metric = object["metric"]?.labelText ?? object["name"]?.labelText ?? options.metric
        guard let metric, !metric.isEmpty else {
            try context.badRow("no metric name ('metric' or 'name' key, or the metric option)", line: line)
            return
        }
        guard let value else {
            context.report.missingValues += 1
            return
        }
        var labels: [String: String] = [:]
        if case .object(let members)? = object["labels"] {
            for (key, label) in members { labels[key] = label.labelText }
        } else if case .object(let members) = object {
            let timeKeys = options.timestampColumn.map { [$0] } ?? IngestOptions.timestampCandidates
            for (key, label) in members
            where key != valueKey && key != "metric" && key != "name" && !timeKeys.contains(key) {
                labels[key] = label.labelText
            }
        }
        try sink.metric(MetricSample(series: SeriesKey(metric: metric, labels: labels), timestamp: timestamp,
                                     value: value), at: context.location(line))
        context.report.metrics += 1
    }

    private func readEvent(_ object: JSONValue, at timestamp: Timestamp, line: Int, context: inout IngestContext,
                           sink: inout some RecordSink) throws {
        let options = context.options
        let eventKey = options.eventColumn ?? "event"
        guard let event = object[eventKey]?.labelText, !event.isEmpty else {
            try context.badRow("no event name ('\(eventKey)' key)", line: line)
            return
        }
        let actorKeys = options.actorColumn.map { [$0] } ?? IngestOptions.actorCandidates
        guard let actorKey = actorKeys.first(where: { object[$0] != nil }),
              let actor = object[actorKey]?.labelText, !actor.isEmpty else {
            try context.badRow("no actor (\(actorKeys.joined(separator: ", ")))", line: line)
            return
        }
        let properties: String
        switch object["properties"] {
        case .object(let members)?:
            properties = JSONValue.object(members).canonicalText
        case nil, .null?:
            guard case .object(var members) = object else { return }
            let timeKeys = options.timestampColumn.map { [$0] } ?? IngestOptions.timestampCandidates
            let timeKey = timeKeys.first { members[$0] != nil } ?? ""
            for key in [eventKey, actorKey, "uuid", timeKey] {
                members[key] = nil
            }
            properties = JSONValue.object(members).canonicalText
        case let other?:
            try context.badRow("'properties' is \(other.typeName), expected an object", line: line)
            return
        }
        try sink.event(BehaviorEvent(timestamp: timestamp, distinctID: actor, event: event, propertiesJSON: properties,
                                     uuid: object["uuid"]?.labelText), at: context.location(line))
        context.report.events += 1
    }
}
