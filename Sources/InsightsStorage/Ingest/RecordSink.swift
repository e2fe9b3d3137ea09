/// Receives the records a reader parses, in file order.
///
/// Readers never touch SQLite: they hand records to a sink, which is the store's
/// ingest transaction in production and an array in tests. A sink that throws stops
/// the reader, which rethrows.
public protocol RecordSink {
    /// A metric observation parsed at `location`.
    mutating func metric(_ sample: MetricSample, at location: SourceLocation) throws
    /// A behavior event parsed at `location`.
    mutating func event(_ event: BehaviorEvent, at location: SourceLocation) throws
    /// A labelled window parsed at `location`.
    mutating func annotation(_ annotation: Annotation, at location: SourceLocation) throws
}

/// A sink that keeps everything in memory, for tests and small files.
public struct CollectingSink: RecordSink, Sendable {
    public private(set) var metrics: [MetricSample] = []
    public private(set) var events: [BehaviorEvent] = []
    public private(set) var annotations: [Annotation] = []

    public init() {}

    public mutating func metric(_ sample: MetricSample, at location: SourceLocation) { metrics.append(sample) }
    public mutating func event(_ event: BehaviorEvent, at location: SourceLocation) { events.append(event) }
    public mutating func annotation(_ annotation: Annotation, at location: SourceLocation) {
        annotations.append(annotation)
    }
}
