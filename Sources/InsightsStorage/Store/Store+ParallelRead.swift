import Dispatch
import Synchronization

extension Store {
    /// A series' identity without its extent: the cheap listing for bulk reads.
    public func seriesKeys() throws(StorageError) -> [(id: Int64, key: SeriesKey)] {
        let statement = try connection.prepare("""
            SELECT s.id, m.name FROM series s JOIN metric m ON m.id = s.metric_id ORDER BY m.name, s.labels
            """)
        let labels = try labelsBySeries()
        var result: [(Int64, SeriesKey)] = []
        while try statement.step() {
            let id = statement.int64(0)
            result.append((id, SeriesKey(metric: statement.string(1) ?? "", labels: labels[id] ?? [:])))
        }
        return result
    }

    /// The points of many series, read on `workers` threads, each with its own read-only
    /// connection to this store's file (WAL lets them share one consistent snapshot per
    /// connection). The store itself is not used from the workers.
    ///
    /// - Returns: One `(timestamps, values)` pair per id, in the order given.
    /// - Throws: The first `StorageError` any worker met.
    public static func points(ofSeries ids: [Int64], in path: String,
                              workers: Int) throws(StorageError) -> [(timestamps: [Timestamp], values: [Double])] {
        let slots = Mutex([(timestamps: [Timestamp], values: [Double])?](repeating: nil, count: ids.count))
        let failure = Mutex<StorageError?>(nil)
        let count = max(1, min(workers, ids.count))
        DispatchQueue.concurrentPerform(iterations: count) { worker in
            do throws(StorageError) {
                let store = try Store(path: path, readOnly: true)
                // Interleaved shares balance series of unequal length.
                for index in stride(from: worker, to: ids.count, by: count) {
                    let points = try store.points(seriesID: ids[index])
                    slots.withLock { $0[index] = points }
                }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return slots.withLock { $0.map { $0 ?? ([], []) } }
    }
}
