import Foundation

/// The file formats the readers understand.
public enum IngestFormat: String, Sendable, CaseIterable {
    /// CSV with `timestamp`, `value`, `metric` columns; every other column is a label.
    case metricsLongCSV
    /// CSV with `timestamp` and one column per series (NAB's `timestamp,value` files).
    case metricsWideCSV
    /// One JSON object per line: `timestamp`, `value`, `metric`/`name`, labels.
    case metricsNDJSON
    /// A saved Prometheus HTTP API `query_range` response (`resultType: matrix`).
    case prometheusJSON
    /// CSV with a timestamp, an actor and an event column; other columns are properties.
    case eventsCSV
    /// One JSON object per line in PostHog's export shape.
    case eventsNDJSON
    /// NAB's `combined_windows.json`: relative data file path → list of `[start, end]`.
    case nabWindows
    /// A JSON array of `{kind, series, start, end, note}` windows, as `datasets generate`
    /// writes them (`series` is PromQL text or null, times ISO 8601).
    case annotationsJSON
}

/// Whether a file holds metrics or behavior events, for files where detection is ambiguous.
public enum RecordKind: String, Sendable {
    /// Metric samples (time series points).
    case metrics
    /// Behavior events (actor, event name, properties).
    case events
}

/// The unit of numeric (unix epoch) timestamps.
public enum TimestampUnit: String, Sendable {
    /// Seconds since the epoch (fractions allowed, kept to the nanosecond).
    case seconds
    /// Milliseconds since the epoch.
    case milliseconds
    /// Microseconds since the epoch.
    case microseconds
    /// Nanoseconds since the epoch.
    case nanoseconds

    /// Nanoseconds per unit.
    var nanoseconds: Int64 {
        switch self {
        case .seconds: 1_000_000_000
        case .milliseconds: 1_000_000
        case .microseconds: 1_000
        case .nanoseconds: 1
        }
    }

    /// The unit a number of this magnitude most plausibly has: below 1e11 seconds (up to
    /// year 5138), below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
    /// Each band starts at 1973-03-03 in the next finer unit, so any instant after 1973
    /// is read right in every unit.
    static func detect(magnitude: Int64) -> TimestampUnit {
        let m = magnitude.magnitude
        if m < 100_000_000_000 { return .seconds }
        if m < 100_000_000_000_000 { return .milliseconds }
        if m < 100_000_000_000_000_000 { return .microseconds }
        return .nanoseconds
    }
}

/// How to read one file: format, column mapping, time rules and bad-row policy.
public struct IngestOptions: Sendable {
    /// Forces a format instead of detecting it from the extension and content.
    public var format: IngestFormat?
    /// Metrics or events, when the columns would allow either.
    public var kind: RecordKind?
    /// The timestamp column; default the first of `timestamp`, `timestamp_utc`, `time`, `date`, `ts`.
    public var timestampColumn: String?
    /// The value column of a long CSV / NDJSON; default `value`.
    public var valueColumn: String?
    /// The metric name for a long CSV without a `metric` column, or for a wide CSV whose
    /// only value column is `value` (default: the file stem).
    public var metric: String?
    /// The actor column of an events file; default the first of `distinct_id`, `user_id`, `actor`, `person_id`.
    public var actorColumn: String?
    /// The event-name column; default the first of `event`, `event_name`.
    public var eventColumn: String?
    /// The unit of numeric timestamps; nil detects it per value by magnitude.
    public var timestampUnit: TimestampUnit?
    /// The zone in which timestamps without an offset are read; default UTC.
    public var timeZone: TimeZone
    /// The directory `source` labels are relative to; default the file's directory.
    public var root: String?
    /// When true, malformed rows are collected in the report and reading continues;
    /// when false (the default) the first one throws.
    public var skipBadRows: Bool
    /// Bytes read per `read(2)` call.
    public var chunkSize: Int
    /// Counts the bytes read from streamed (CSV, NDJSON) files, for a progress display.
    public var progress: IngestProgress?

    /// Options with every field defaulted: detect the format and columns, detect timestamp
    /// units, read unzoned times as UTC, throw on the first bad row, read 1 MiB chunks.
    /// `chunkSize` is raised to at least 16 bytes.
    public init(format: IngestFormat? = nil, kind: RecordKind? = nil, timestampColumn: String? = nil,
                valueColumn: String? = nil, metric: String? = nil, actorColumn: String? = nil,
                eventColumn: String? = nil, timestampUnit: TimestampUnit? = nil,
                timeZone: TimeZone = TimeZone(identifier: "UTC")!, root: String? = nil,
                skipBadRows: Bool = false, chunkSize: Int = 1 << 20) {
        self.format = format
        self.kind = kind
        self.timestampColumn = timestampColumn
        self.valueColumn = valueColumn
        self.metric = metric
        self.actorColumn = actorColumn
        self.eventColumn = eventColumn
        self.timestampUnit = timestampUnit
        self.timeZone = timeZone
        self.root = root
        self.skipBadRows = skipBadRows
        self.chunkSize = max(16, chunkSize)
    }

    static let timestampCandidates = ["timestamp", "timestamp_utc", "time", "date", "ts"]
    static let actorCandidates = ["distinct_id", "user_id", "actor", "person_id"]
    static let eventCandidates = ["event", "event_name"]
}

/// What reading one file produced.
public struct IngestReport: Sendable, Equatable {
    /// The format the file was read as.
    public var format: IngestFormat
    /// Metric samples handed to the sink.
    public var metrics = 0
    /// Behavior events handed to the sink.
    public var events = 0
    /// Annotations handed to the sink.
    public var annotations = 0
    /// Empty value cells (and Prometheus `NaN` points), skipped rather than stored.
    public var missingValues = 0
    /// Rows skipped because they were malformed (only with `skipBadRows`).
    public var badRows: [IngestError] = []

    /// An empty report for a file read as `format`.
    public init(format: IngestFormat) {
        self.format = format
    }
}
