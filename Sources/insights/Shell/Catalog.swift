import Dispatch
import InsightsStorage

/// What the database holds, for completion and did-you-mean: metric names, label keys per
/// metric, label values per metric and key, event names. Read once per database.
struct Catalog {
    var metrics: [String] = []
    var labelKeys: [String: [String]] = [:]
    var labelValues: [String: [String: [String]]] = [:]
    var allLabelKeys: [String] = []
    var events: [String] = []

    init() {}

    init(store: Store) throws {
        var keys: [String: Set<String>] = [:]
        var values: [String: [String: Set<String>]] = [:]
        var all = Set<String>()
        for (_, key) in try store.seriesKeys() {
            keys[key.metric, default: []].formUnion(key.labels.map(\.key))
            for (label, value) in key.labels {
                values[key.metric, default: [:]][label, default: []].insert(value)
                all.insert(label)
            }
            if values[key.metric] == nil { values[key.metric] = [:] }
        }
        metrics = values.keys.sorted()
        labelKeys = keys.mapValues { $0.sorted() }
        labelValues = values.mapValues { $0.mapValues { $0.sorted() } }
        allLabelKeys = all.sorted()
        events = try store.eventNames().map(\.name).sorted()
    }

    /// Label keys of `metric`, or of every metric when it is nil or unknown.
    func keys(of metric: String?) -> [String] {
        metric.flatMap { labelKeys[$0] } ?? allLabelKeys
    }

    /// Values of `key` on `metric` (on every metric when nil).
    func values(of key: String, metric: String?) -> [String] {
        if let metric, let values = labelValues[metric]?[key] { return values }
        return Array(Set(labelValues.values.compactMap { $0[key] }.joined())).sorted()
    }
}

extension Catalog {
    /// The catalog of the database at `path`; empty when it cannot be read.
    static func read(path: String) -> Catalog {
        (try? Store(path: path, readOnly: true)).flatMap { try? Catalog(store: $0) } ?? Catalog()
    }
}

/// A catalog being read on a background thread (its own read-only connection).
final class CatalogLoad: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result = Catalog()

    init(path: String) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Catalog.read(path: path)
            group.leave()
        }
    }

    /// The catalog, once read (waits for the rest of the read).
    func wait() -> Catalog {
        group.wait()
        return result
    }
}
