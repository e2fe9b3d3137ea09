import Dispatch
import InsightsStorage

/// What the database holds, for completion and did-you-mean: metric and event names read at
/// once, label keys and values and event property keys asked of the database the first time
/// they are needed and kept. Each lookup reads names only (no points, no series listing),
/// so the first Tab costs one small index read even with 100,000 series.
///
/// Not thread-safe: built on one thread, then used by the session's thread only.
final class Catalog {
    private let store: Store?
    let metrics: [String]
    let events: [String]
    private let metricSet: Set<String>
    private var keysByMetric: [String: [String]] = [:]
    private var valuesByMetricKey: [String: [String]] = [:]
    private var propertiesByEvent: [String: [String]] = [:]

    /// An empty catalog, for a database that does not exist yet.
    init() {
        store = nil
        metrics = []
        events = []
        metricSet = []
    }

    /// The catalog of the database at `path`; empty when it cannot be read.
    init(path: String) {
        let store = try? Store(path: path, readOnly: true)
        self.store = store
        metrics = (try? store?.metricNames()) ?? []
        events = (try? store?.eventNameList()) ?? []
        metricSet = Set(metrics)
    }

    /// Whether the database has a metric named `name` (a set lookup, not a scan of the names).
    func hasMetric(_ name: String) -> Bool { metricSet.contains(name) }

    /// Label keys of `metric`, or of every metric when it is nil or unknown.
    func keys(of metric: String?) -> [String] {
        let known = metric.flatMap { metricSet.contains($0) ? $0 : nil }
        return cached(&keysByMetric, known ?? "") { store, _ throws(StorageError) in try store.labelKeys(metric: known) }
    }

    /// Values of `key` on `metric` (on every metric when it is nil or unknown).
    func values(of key: String, metric: String?) -> [String] {
        let known = metric.flatMap { metricSet.contains($0) ? $0 : nil }
        return cached(&valuesByMetricKey, "\(known ?? "")\u{0}\(key)") { store, _ throws(StorageError) in
            try store.labelValues(key: key, metric: known)
        }
    }

    /// Top-level property keys of recent events named `event` (of any event when nil).
    func properties(of event: String?) -> [String] {
        cached(&propertiesByEvent, event ?? "") { store, _ throws(StorageError) in
            try store.eventPropertyKeys(named: event)
        }
    }

    /// Fingerprints of the recorded recommendations, read anew each time (a run may have added some).
    func fingerprints() -> [String] {
        guard let store, ((try? store.schemaVersion()) ?? 0) >= 2 else { return [] }
        return ((try? store.recommendations()) ?? []).map(\.finding.fingerprint)
    }

    private func cached(_ cache: inout [String: [String]], _ key: String,
                        read: (Store, String) throws(StorageError) -> [String]) -> [String] {
        if let hit = cache[key] { return hit }
        guard let store else { return [] }
        let names = (try? read(store, key)) ?? []
        cache[key] = names
        return names
    }
}

/// A catalog being read on a background thread (its own read-only connection), handed to
/// the session's thread when it asks.
final class CatalogLoad: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result = Catalog()

    init(path: String) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Catalog(path: path)
            group.leave()
        }
    }

    /// The catalog, once read (waits for the rest of the read).
    func wait() -> Catalog {
        group.wait()
        return result
    }
}
