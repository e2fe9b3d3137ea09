import InsightsNumerics

/// The settings of `insights.toml` (docs/CONFIG.md): capacity limits by metric-name glob and
/// service level objectives for the health score. Every part is optional; what is not given
/// keeps its documented default.
public struct InsightsConfiguration: Sendable, Equatable {
    /// Capacity limits from `[capacity]`, in file order; the first matching pattern wins and
    /// replaces the name-based default (``CapacityThresholds``).
    public var capacity: [CapacityThresholds.Override] = []
    /// Objectives from `[[slo]]`, in file order.
    public var objectives: [ServiceLevelObjective] = []
    /// `[health] default_slos`: whether series no configured objective covers get the default
    /// objectives of their metric kind (default true).
    public var defaultObjectives = true

    public init() {}

    /// No file: every default.
    public static let defaults = InsightsConfiguration()

    static let sections = ["capacity", "slo", "health"]
    static let objectiveKeys = ["name", "metric", "matchers", "objective", "direction", "target", "weight"]
    static let healthKeys = ["default_slos"]

    /// Reads a configuration from its text.
    /// - Throws: ``ConfigError`` with the line and column of the first problem: a syntax error,
    ///   an unknown table or key (with the nearest known one), a missing or mistyped value.
    public static func parse(_ text: String) throws(ConfigError) -> InsightsConfiguration {
        let root = try ConfigParser.parse(text)
        var configuration = InsightsConfiguration()
        for entry in root.entries {
            switch (entry.key, entry.value) {
            case ("capacity", .table(let table)):
                for limit in table.entries {
                    guard let value = limit.value.number, value.isFinite else {
                        throw ConfigError("capacity limit '\(limit.key)' must be a number, not \(limit.value.kindName)",
                                          at: limit.valueLocation)
                    }
                    configuration.capacity.append(.init(pattern: limit.key, value: value))
                }
            case ("slo", .array(let tables)):
                for case .table(let table) in tables { configuration.objectives.append(try objective(table)) }
            case ("slo", .table):
                throw ConfigError("'slo' is an array of tables: write [[slo]], one per objective", at: entry.location)
            case ("health", .table(let table)):
                for setting in table.entries {
                    guard setting.key == "default_slos" else { throw unknown(setting, among: healthKeys, in: "[health]") }
                    guard case .boolean(let flag) = setting.value else {
                        throw ConfigError("'default_slos' must be true or false, not \(setting.value.kindName)", at: setting.valueLocation)
                    }
                    configuration.defaultObjectives = flag
                }
            case (let key, _) where sections.contains(key):
                throw ConfigError("'\(key)' must be a table: write [\(key == "slo" ? "[slo]" : key)]", at: entry.location)
            default:
                throw unknown(entry, among: sections, in: "the file")
            }
        }
        return configuration
    }

    private static func unknown(_ entry: ConfigTable.Entry, among keys: [String], in place: String) -> ConfigError {
        let hint = nearestName(to: entry.key, among: keys).map { "; did you mean '\($0)'?" } ?? " (known: \(keys.joined(separator: ", ")))"
        return ConfigError("unknown key '\(entry.key)' in \(place)\(hint)", at: entry.location)
    }

    private static func objective(_ table: ConfigTable) throws(ConfigError) -> ServiceLevelObjective {
        for entry in table.entries where !objectiveKeys.contains(entry.key) {
            throw unknown(entry, among: objectiveKeys, in: "[[slo]]")
        }
        func string(_ key: String) throws(ConfigError) -> String? {
            guard let entry = table[key] else { return nil }
            guard case .string(let text) = entry.value else {
                throw ConfigError("'\(key)' must be a string, not \(entry.value.kindName)", at: entry.valueLocation)
            }
            return text
        }
        func number(_ key: String, _ valid: (Double) -> Bool, _ rule: String) throws(ConfigError) -> Double? {
            guard let entry = table[key] else { return nil }
            guard let value = entry.value.number, valid(value) else {
                throw ConfigError("'\(key)' must be \(rule)", at: entry.valueLocation)
            }
            return value
        }
        guard let name = try string("name") else { throw ConfigError("[[slo]] needs a name = \"…\"", at: table.location) }
        guard let metric = try string("metric") else { throw ConfigError("[[slo]] '\(name)' needs a metric = \"…\"", at: table.location) }
        guard let objective = try number("objective", { $0.isFinite }, "a finite number in the metric's unit") else {
            throw ConfigError("[[slo]] '\(name)' needs an objective = NUMBER (in the metric's unit)", at: table.location)
        }
        var direction = ServiceLevelObjective.Direction.below
        if let text = try string("direction") {
            guard let chosen = ServiceLevelObjective.Direction(rawValue: text) else {
                let hint = nearestName(to: text, among: ["below", "above"]).map { "; did you mean '\($0)'?" } ?? ""
                throw ConfigError("'direction' is \"below\" or \"above\", not '\(text)'\(hint)", at: table["direction"]!.valueLocation)
            }
            direction = chosen
        }
        let target = try number("target", { $0 > 0 && $0 < 1 }, "a share between 0 and 1 (exclusive), e.g. 0.99") ?? 0.99
        let weight = try number("weight", { $0 > 0 && $0.isFinite }, "a positive number") ?? 1
        var matchers: [ServiceLevelObjective.Matcher] = []
        if let entry = table["matchers"] {
            switch entry.value {
            case .table(let pairs):
                for pair in pairs.entries {
                    guard case .string(let value) = pair.value else {
                        throw ConfigError("matcher '\(pair.key)' must be a string, not \(pair.value.kindName)", at: pair.valueLocation)
                    }
                    matchers.append(.init(label: pair.key, value: value))
                }
            case .string(let selector):
                matchers = try ServiceLevelObjective.matchers(selector, at: entry.valueLocation)
            default:
                throw ConfigError("'matchers' is an inline table { service = \"checkout\" } or a selector string "
                                  + "'{service=\"checkout\"}', not \(entry.value.kindName)", at: entry.valueLocation)
            }
        }
        return ServiceLevelObjective(name: name, metric: metric, matchers: matchers, objective: objective, direction: direction,
                                     target: target, weight: weight)
    }
}

/// `*` (any run of characters) and `?` (one character) globs over metric names.
public enum Glob {
    /// Whether `name` matches `pattern` whole.
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern.unicodeScalars), s = Array(name.unicodeScalars)
        var i = 0, j = 0, star = -1, mark = 0
        while j < s.count {
            if i < p.count && (p[i] == "?" || p[i] == s[j]) {
                i += 1
                j += 1
            } else if i < p.count && p[i] == "*" {
                star = i
                mark = j
                i += 1
            } else if star >= 0 {
                i = star + 1
                mark += 1
                j = mark
            } else {
                return false
            }
        }
        while i < p.count && p[i] == "*" { i += 1 }
        return i == p.count
    }
}
