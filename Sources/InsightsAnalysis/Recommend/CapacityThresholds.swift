/// The default capacity limit of a metric, chosen from its name (no configuration file yet).
///
/// | the name contains | and ends with | limit |
/// |---|---|---|
/// | `disk`, `filesystem`, `volume`, `memory`, `mem_`, `heap`, `inode` | `_ratio`, `_utilization` | 0.9 |
/// | the same | `_percent`, `_pct` | 90 |
/// | `cpu` | `_ratio`, `_utilization` | 0.95 |
/// | `cpu` | `_percent`, `_pct` | 95 |
///
/// Every limit is reached from below (usage rising to it). Anything else has no capacity limit.
public enum CapacityThresholds {
    /// A limit and the resource it guards (`disk`, `memory`, `cpu`), for titles.
    public struct Limit: Sendable, Equatable {
        public let value: Double
        public let resource: String

        public init(value: Double, resource: String) {
            self.value = value
            self.resource = resource
        }
    }

    /// The limit for `metric`, nil when its name suggests none.
    public static func limit(for metric: String) -> Limit? {
        let name = metric.lowercased()
        let fraction = name.hasSuffix("_ratio") || name.hasSuffix("_utilization")
        let percent = name.hasSuffix("_percent") || name.hasSuffix("_pct")
        guard fraction || percent else { return nil }
        let scale = percent ? 100.0 : 1.0
        if ["disk", "filesystem", "volume", "inode"].contains(where: name.contains) {
            return Limit(value: 0.9 * scale, resource: "disk")
        }
        if ["memory", "mem_", "heap"].contains(where: name.contains) {
            return Limit(value: 0.9 * scale, resource: "memory")
        }
        if name.contains("cpu") { return Limit(value: 0.95 * scale, resource: "cpu") }
        return nil
    }
}
