/// The default capacity limit of a metric, chosen from its name, and the configured limits that
/// replace it (`[capacity]` in the configuration file).
///
/// | the name contains | and ends with | limit |
/// |---|---|---|
/// | `disk`, `filesystem`, `volume`, `memory`, `mem_`, `heap`, `inode` | `_ratio`, `_utilization` | 0.9 |
/// | the same | `_percent`, `_pct` | 90 |
/// | `cpu` | `_ratio`, `_utilization` | 0.95 |
/// | `cpu` | `_percent`, `_pct` | 95 |
///
/// Every limit is reached from below (usage rising to it). Anything else has no capacity limit
/// unless a configured pattern matches it.
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

    /// A configured limit: metrics whose name matches the glob `pattern` (`*`, `?`) are
    /// forecast against `value`.
    public struct Override: Sendable, Equatable {
        public let pattern: String
        public let value: Double

        public init(pattern: String, value: Double) {
            self.pattern = pattern
            self.value = value
        }
    }

    /// The limit for `metric`: the first of `overrides` whose pattern matches its name, else the
    /// name-based default; nil when neither gives one.
    public static func limit(for metric: String, overrides: [Override]) -> Limit? {
        guard let override = overrides.first(where: { Glob.matches($0.pattern, metric) }) else { return limit(for: metric) }
        return Limit(value: override.value, resource: resource(of: metric) ?? "capacity")
    }

    /// The default limit for `metric`, nil when its name suggests none.
    public static func limit(for metric: String) -> Limit? {
        let name = metric.lowercased()
        let fraction = name.hasSuffix("_ratio") || name.hasSuffix("_utilization")
        let percent = name.hasSuffix("_percent") || name.hasSuffix("_pct")
        guard fraction || percent, let resource = resource(of: name) else { return nil }
        let scale = percent ? 100.0 : 1.0
        return Limit(value: (resource == "cpu" ? 0.95 : 0.9) * scale, resource: resource)
    }

    /// The resource a metric's name suggests: disk, memory or cpu.
    static func resource(of metric: String) -> String? {
        let name = metric.lowercased()
        if ["disk", "filesystem", "volume", "inode"].contains(where: name.contains) { return "disk" }
        if ["memory", "mem_", "heap"].contains(where: name.contains) { return "memory" }
        if name.contains("cpu") { return "cpu" }
        return nil
    }
}
