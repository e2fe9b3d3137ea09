/// A service level objective: which series, what counts as a good bucket, and the share of good
/// buckets it asks for. From `[[slo]]` in the configuration file, or a default chosen from the
/// metric's name (``defaults(for:)``).
public struct ServiceLevelObjective: Sendable, Equatable {
    /// Good when the value is below (≤) or above (≥) the objective.
    public enum Direction: String, Sendable { case below, above }

    /// `label = "value"`: the series must carry the label with exactly this value.
    public struct Matcher: Sendable, Equatable {
        public let label: String
        public let value: String
        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    public var name: String
    /// The metric name, or a glob (`*`, `?`) over names.
    public var metric: String
    public var matchers: [Matcher]
    /// The bound a good bucket's value stays on the right side of, in the metric's unit.
    public var objective: Double
    public var direction: Direction
    /// The share of good buckets asked for, in (0, 1).
    public var target: Double
    /// The objective's weight in its service's score (default 1).
    public var weight: Double
    /// Whether this is a default rather than a configured objective.
    public var isDefault: Bool

    public init(name: String, metric: String, matchers: [Matcher] = [], objective: Double, direction: Direction,
                target: Double = 0.99, weight: Double = 1, isDefault: Bool = false) {
        self.name = name
        self.metric = metric
        self.matchers = matchers
        self.objective = objective
        self.direction = direction
        self.target = target
        self.weight = weight
        self.isDefault = isDefault
    }

    /// Whether the objective covers the series `metric{labels}`.
    public func covers(metric name: String, labels: [(key: String, value: String)]) -> Bool {
        Glob.matches(metric, name) && matchers.allSatisfy { m in labels.contains { $0.key == m.label && $0.value == m.value } }
    }

    /// Whether a bucket's value is good (a NaN value is no bucket, and never good).
    public func isGood(_ value: Double) -> Bool {
        direction == .below ? value <= objective : value >= objective
    }

    /// The default objectives of a metric, from its name (docs/CONFIG.md):
    ///
    /// | the name | objective | good when |
    /// |---|---|---|
    /// | contains `latency` or `duration`, a `p90`/`p95` quantile, unit `seconds` (`ms`, `milliseconds`) | 0.3 s (300 ms) | below |
    /// | the same with `p99` | 1 s (1000 ms) | below |
    /// | contains `error`, ends with `_ratio` (`_percent`, `_pct`) | 0.01 (1) | below |
    /// | contains `availability`, `success` or `uptime`, ends with `_ratio` (`_percent`, `_pct`) | 0.995 (99.5) | above |
    /// | is `up` | 1 | above |
    ///
    /// Each asks for 99 % good buckets. Other metrics have none.
    public static func defaults(for metric: String) -> [ServiceLevelObjective] {
        let name = metric.lowercased()
        let tokens = Set(name.split { !$0.isLetter && !$0.isNumber }.map(String.init))
        let percent = name.hasSuffix("_percent") || name.hasSuffix("_pct")
        let ratio = name.hasSuffix("_ratio")
        if name == "up" { return [.init(name: "up", metric: metric, objective: 1, direction: .above, isDefault: true)] }
        if name.contains("latency") || name.contains("duration") {
            let milliseconds = tokens.contains("ms") || tokens.contains("milliseconds")
            guard milliseconds || tokens.contains("seconds") else { return [] }
            let scale = milliseconds ? 1000.0 : 1
            let quantile = ["p90", "p95", "p99"].first { tokens.contains($0) }
            guard let quantile else { return [] }
            let bound = (quantile == "p99" ? 1.0 : 0.3) * scale
            return [.init(name: "latency \(quantile) ≤ \(RuleText.number(bound))\(milliseconds ? " ms" : " s")", metric: metric,
                          objective: bound, direction: .below, isDefault: true)]
        }
        guard ratio || percent else { return [] }
        let scale = percent ? 100.0 : 1
        if name.contains("error") {
            return [.init(name: "error ratio ≤ 1%", metric: metric, objective: 0.01 * scale, direction: .below, isDefault: true)]
        }
        if ["availability", "success", "uptime"].contains(where: name.contains) {
            return [.init(name: "availability ≥ 99.5%", metric: metric, objective: 0.995 * scale, direction: .above, isDefault: true)]
        }
        return []
    }

    /// The matchers of a selector string `{key="value", …}` (equality only).
    static func matchers(_ selector: String, at location: ConfigLocation) throws(ConfigError) -> [Matcher] {
        var text = Substring(selector).drop { $0 == " " }
        while text.last == " " { text = text.dropLast() }
        guard text.first == "{", text.last == "}" else {
            throw ConfigError("a selector string is written '{label=\"value\", …}'", at: location)
        }
        text = text.dropFirst().dropLast()
        var matchers: [Matcher] = []
        while !text.allSatisfy({ $0 == " " }) {
            text = text.drop { $0 == " " || $0 == "," }
            let label = text.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            text = text.dropFirst(label.count).drop { $0 == " " }
            guard !label.isEmpty, text.first == "=", text.dropFirst().first == "\"" else {
                throw ConfigError("expected label=\"value\" in the selector '\(selector)' (only = is supported)", at: location)
            }
            text = text.dropFirst(2)
            guard let close = text.firstIndex(of: "\"") else {
                throw ConfigError("unterminated value in the selector '\(selector)'", at: location)
            }
            matchers.append(Matcher(label: String(label), value: String(text[..<close])))
            text = text[text.index(after: close)...].drop { $0 == " " || $0 == "," }
        }
        return matchers
    }
}
