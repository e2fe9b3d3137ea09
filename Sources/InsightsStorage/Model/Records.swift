/// A point in time: nanoseconds since the Unix epoch, UTC.
///
/// Nanoseconds in an `Int64` cover 1677–2262 and hold every timestamp the input
/// formats can express (ISO 8601 fractions, unix s/ms/µs/ns) without rounding.
public typealias Timestamp = Int64

/// A metric series' identity in the Prometheus data model: a name plus a label set.
public struct SeriesKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The metric name, e.g. `http_request_duration_p95`.
    public let metric: String
    /// Label pairs sorted by key; keys are unique.
    public let labels: [(key: String, value: String)]

    /// Creates a key; labels are sorted by key (a later duplicate key replaces an earlier one).
    public init(metric: String, labels: [String: String] = [:]) {
        self.metric = metric
        self.labels = labels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public static func == (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        lhs.metric == rhs.metric && lhs.labels.elementsEqual(rhs.labels) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(metric)
        for label in labels {
            hasher.combine(label.key)
            hasher.combine(label.value)
        }
    }

    public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        lhs.description < rhs.description
    }

    /// The label set as a dictionary.
    public var labelDictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: labels.map { ($0.key, $0.value) })
    }

    /// PromQL notation: `name{k="v", …}` (no braces without labels), values escaped.
    public var description: String {
        guard !labels.isEmpty else { return metric }
        let pairs = labels.map { "\($0.key)=\"\(Self.escape($0.value))\"" }
        return metric + "{" + pairs.joined(separator: ", ") + "}"
    }

    static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// One observation of a metric series.
public struct MetricSample: Sendable, Equatable {
    public let series: SeriesKey
    public let timestamp: Timestamp
    public let value: Double

    public init(series: SeriesKey, timestamp: Timestamp, value: Double) {
        self.series = series
        self.timestamp = timestamp
        self.value = value
    }
}

/// One behavior event in PostHog's model.
public struct BehaviorEvent: Sendable, Equatable {
    public let timestamp: Timestamp
    /// The actor (user, device) the event belongs to.
    public let distinctID: String
    /// The event name, e.g. `$pageview`, `signed_up`.
    public let event: String
    /// Event properties as a JSON object text (canonical: keys sorted), `{}` when none.
    public let propertiesJSON: String
    /// A unique id from the source, used to deduplicate re-ingested events.
    public let uuid: String?

    public init(timestamp: Timestamp, distinctID: String, event: String, propertiesJSON: String = "{}",
                uuid: String? = nil) {
        self.timestamp = timestamp
        self.distinctID = distinctID
        self.event = event
        self.propertiesJSON = propertiesJSON
        self.uuid = uuid
    }
}

/// A labelled time window: a known incident, a deploy, a ground-truth anomaly window.
public struct Annotation: Sendable, Equatable {
    /// What the window marks, e.g. `anomaly`, `incident`, `deploy`.
    public let kind: String
    /// The series it belongs to; nil for a dataset-wide annotation.
    public let series: SeriesKey?
    /// The dataset (source path or name) it belongs to, when not bound to one series.
    public let dataset: String?
    /// Inclusive start and end.
    public let start: Timestamp
    public let end: Timestamp
    public let note: String?

    public init(kind: String, series: SeriesKey?, dataset: String? = nil, start: Timestamp, end: Timestamp,
                note: String? = nil) {
        self.kind = kind
        self.series = series
        self.dataset = dataset
        self.start = start
        self.end = end
        self.note = note
    }
}

/// Where a record came from, for error messages: `file:line:column`.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int?

    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
    }
}
