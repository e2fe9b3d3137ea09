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
                case .batch(let records):
                    for record in records {
                        switch record.content {
                        case .series(let key):
                            seriesIDs.append(try writer.seriesID(for: key))
                            continue
                        case .point(let series, let timestamp, let value):
                            try writer.point(seriesID: seriesIDs[series], timestamp: timestamp, value: value,
                                             at: record.location)
                        case .metric(let sample): try writer.metric(sample, at: record.location)
                        case .event(let event): try writer.event(event, at: record.location)
                        case .annotation(let annotation): try writer.annotation(annotation, at: record.location)
                        }
                    }
                    written += records.count - records.lazy.filter { if case .series = $0.content { true } else { false } }.count
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

/// One parsed record with where it came from, as it crosses from the reader's thread.
struct ParsedRecord: Sendable {
    enum Content: Sendable {
        /// A series seen for the first time; it gets the next index.
        case series(SeriesKey)
        /// A point of the series with that index: no key crosses the queue per row.
        case point(series: Int, timestamp: Timestamp, value: Double)
        case metric(MetricSample)
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
        case batch([ParsedRecord])
        case end(Result<IngestReport, ReaderFailure>)
    }

    private let state = Mutex<(queue: [Item], head: Int, cancelled: Bool)>(([], 0, false))
    private let free: DispatchSemaphore
    private let ready = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        free = DispatchSemaphore(value: capacity)
    }

    /// Queues a batch, waiting for a free slot; throws once the consumer has cancelled.
    func send(_ batch: [ParsedRecord]) throws {
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
    private var batch: [ParsedRecord] = []
    private static let size = 4096

    init(channel: RecordChannel) {
        self.channel = channel
        batch.reserveCapacity(Self.size)
    }

    /// Series numbered in order of first appearance, on the reader's thread, so the
    /// writer's thread gets small integers instead of keys to hash or compare.
    private var seriesIndexes: [SeriesKey: Int] = [:]
    private var lastSeries: (key: SeriesKey, index: Int)?

    mutating func metric(_ sample: MetricSample, at location: SourceLocation) throws {
        let index: Int
        if let last = lastSeries, last.key == sample.series {
            index = last.index
        } else if let known = seriesIndexes[sample.series] {
            index = known
        } else {
            index = seriesIndexes.count
            seriesIndexes[sample.series] = index
            try append(.init(content: .series(sample.series), location: location))
        }
        lastSeries = (sample.series, index)
        try append(.init(content: .point(series: index, timestamp: sample.timestamp, value: sample.value),
                         location: location))
    }

    mutating func event(_ event: BehaviorEvent, at location: SourceLocation) throws {
        try append(.init(content: .event(event), location: location))
    }

    mutating func annotation(_ annotation: Annotation, at location: SourceLocation) throws {
        try append(.init(content: .annotation(annotation), location: location))
    }

    private mutating func append(_ record: ParsedRecord) throws {
        batch.append(record)
        if batch.count >= Self.size { try flush() }
    }

    /// Sends what is buffered.
    mutating func flush() throws {
        guard !batch.isEmpty else { return }
        try channel.send(batch)
        batch.removeAll(keepingCapacity: true)
    }
}
