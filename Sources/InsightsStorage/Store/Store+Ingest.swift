import Dispatch
import Synchronization

extension Store {
    /// Ingests one file in one transaction, parsing on a second thread while this one
    /// writes: the reader fills batches of records into a bounded queue and the store's
    /// writer drains it, so parsing and SQLite inserts overlap on two cores.
    ///
    /// All of the file is stored, or none of it: a bad row (unless `options.skipBadRows`)
    /// or a write error rolls the transaction back and stops the reader.
    /// - Returns: The reader's report.
    /// - Throws: `IngestError` from the reader or the writer, or `StorageError`.
    /// - Parameter afterBatch: Called on this thread after each batch is written, with the
    ///   number of records written so far (for a progress display).
    public func ingest(_ path: String, options: IngestOptions, duplicates: DuplicatePolicy = .last,
                       afterBatch: ((Int) -> Void)? = nil) throws -> IngestReport {
        let channel = RecordChannel(capacity: 8)
        let finished = DispatchGroup()
        finished.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            var sink = BatchingSink(channel: channel)
            do {
                let report = try FileReader.read(path, options: options, into: &sink)
                try sink.flush()
                channel.finish(.success(report))
            } catch let error as IngestError {
                channel.finish(.failure(.ingest(error)))
            } catch is RecordChannel.Cancelled {
                channel.finish(.failure(.cancelled))
            } catch {
                channel.finish(.failure(.other(String(describing: error))))
            }
            finished.leave()
        }
        defer {
            channel.cancel()
            finished.wait()
        }
        return try write(duplicates: duplicates) { writer in
            var written = 0
            // Database ids of the series the reader numbered, by its index.
            var seriesIDs: [Int64] = []
            while true {
                switch channel.next() {
                case .batch(let batch):
                    for key in batch.newSeries { seriesIDs.append(try writer.seriesID(for: key)) }
                    for point in batch.points {
                        try writer.point(seriesID: seriesIDs[point.series], timestamp: point.timestamp,
                                         value: point.value, at: { SourceLocation(file: path, line: point.line) })
                    }
                    for record in batch.records {
                        switch record.content {
                        case .event(let event): try writer.event(event, at: record.location)
                        case .annotation(let annotation): try writer.annotation(annotation, at: record.location)
                        }
                    }
                    written += batch.count
                    afterBatch?(written)
                case .end(.success(let report)):
                    return report
                case .end(.failure(let failure)):
                    throw failure.error
                }
            }
        }
    }
}

/// What crosses from the reader's thread to the writer's: a slice of the file's records.
///
/// Points travel packed (plain integers and doubles, nothing reference-counted) because
/// they are nearly all of a metrics file; the series they belong to cross once each, as
/// `newSeries`, before any of their points. Point order is file order, which is what the
/// duplicate policies need; events and annotations keep their own order.
struct RecordBatch: Sendable {
    /// Series seen for the first time, in order: they take the next indexes.
    var newSeries: [SeriesKey] = []
    var points: [PackedPoint] = []
    var records: [ParsedRecord] = []

    /// Points, events and annotations in the batch.
    var count: Int { points.count + records.count }
}

/// A point of the series with index `series` (numbered by the reader), read on `line`.
struct PackedPoint: Sendable {
    let series: Int
    let line: Int
    let timestamp: Timestamp
    let value: Double
}

/// An event or annotation with where it came from.
struct ParsedRecord: Sendable {
    enum Content: Sendable {
        case event(BehaviorEvent)
        case annotation(Annotation)
    }

    let content: Content
    let location: SourceLocation
}

/// Why the reader's side ended without a report.
enum ReaderFailure: Error, Sendable {
    case ingest(IngestError)
    case cancelled
    case other(String)

    var error: any Error {
        switch self {
        case .ingest(let error): error
        case .cancelled: IngestError(.format, at: SourceLocation(file: "", line: 0), "ingest was cancelled")
        case .other(let message): IngestError(.format, at: SourceLocation(file: "", line: 0), message)
        }
    }
}

/// A bounded single-producer, single-consumer queue of record batches.
///
/// Two semaphores count free slots and ready batches; a mutex guards the queue itself.
/// `cancel` makes the producer's next `send` throw, so a failed write stops the reader.
final class RecordChannel: Sendable {
    struct Cancelled: Error {}

    enum Item: Sendable {
        case batch(RecordBatch)
        case end(Result<IngestReport, ReaderFailure>)
    }

    private let state = Mutex<(queue: [Item], head: Int, cancelled: Bool)>(([], 0, false))
    private let free: DispatchSemaphore
    private let ready = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        free = DispatchSemaphore(value: capacity)
    }

    /// Queues a batch, waiting for a free slot; throws once the consumer has cancelled.
    func send(_ batch: RecordBatch) throws {
        free.wait()
        let cancelled = state.withLock { state -> Bool in
            if state.cancelled { return true }
            state.queue.append(.batch(batch))
            return false
        }
        if cancelled { throw Cancelled() }
        ready.signal()
    }

    /// Queues the end of the stream (no slot needed: it is the last item).
    func finish(_ result: Result<IngestReport, ReaderFailure>) {
        state.withLock { $0.queue.append(.end(result)) }
        ready.signal()
    }

    /// The next item, waiting until one is ready.
    func next() -> Item {
        ready.wait()
        let item = state.withLock { state -> Item in
            let item = state.queue[state.head]
            state.head += 1
            if state.head > 64 {
                state.queue.removeFirst(state.head)
                state.head = 0
            }
            return item
        }
        if case .batch = item { free.signal() }
        return item
    }

    /// Stops the producer: its waiting or next `send` throws.
    func cancel() {
        state.withLock { $0.cancelled = true }
        free.signal()
    }
}

/// A sink that groups records into batches for the channel.
struct BatchingSink: RecordSink {
    let channel: RecordChannel
    private var batch = RecordBatch()
    private static let size = 4096

    init(channel: RecordChannel) {
        self.channel = channel
        batch.points.reserveCapacity(Self.size)
    }

    /// Series numbered in order of first appearance, on the reader's thread, so the
    /// writer's thread gets small integers instead of keys to hash or compare.
    private var seriesIndexes: [SeriesKey: Int] = [:]
    private var lastSeries: (key: SeriesKey, index: Int)?

    mutating func metric(_ sample: MetricSample, at location: SourceLocation) throws {
        let index: Int
        if let last = lastSeries, last.key == sample.series {
            index = last.index
        } else {
            if let known = seriesIndexes[sample.series] {
                index = known
            } else {
                index = seriesIndexes.count
                seriesIndexes[sample.series] = index
                batch.newSeries.append(sample.series)
            }
            lastSeries = (sample.series, index)
        }
        batch.points.append(PackedPoint(series: index, line: location.line, timestamp: sample.timestamp,
                                        value: sample.value))
        if batch.count >= Self.size { try flush() }
    }

    mutating func event(_ event: BehaviorEvent, at location: SourceLocation) throws {
        try append(.init(content: .event(event), location: location))
    }

    mutating func annotation(_ annotation: Annotation, at location: SourceLocation) throws {
        try append(.init(content: .annotation(annotation), location: location))
    }

    private mutating func append(_ record: ParsedRecord) throws {
        batch.records.append(record)
        if batch.count >= Self.size { try flush() }
    }

    /// Sends what is buffered.
    mutating func flush() throws {
        guard batch.count > 0 || !batch.newSeries.isEmpty else { return }
        try channel.send(batch)
        batch.newSeries.removeAll()
        batch.points.removeAll(keepingCapacity: true)
        batch.records.removeAll(keepingCapacity: true)
    }
}
