import Foundation

/// How a label matcher compares a label's value with its operand.
public enum MatchOp: Sendable, Hashable, CaseIterable {
    /// `=`: the value equals the operand.
    case equal
    /// `!=`: the value differs from the operand.
    case notEqual
    /// `=~`: the whole value matches the regular expression.
    case regex
    /// `!~`: the whole value does not match the regular expression.
    case notRegex

    /// The PromQL spelling: `=`, `!=`, `=~` or `!~`.
    public var symbol: String {
        switch self {
        case .equal: "="
        case .notEqual: "!="
        case .regex: "=~"
        case .notRegex: "!~"
        }
    }
}

/// One `label op "value"` condition of a series selector.
///
/// A series without the label is matched as if the label's value were the empty string,
/// as in Prometheus: `k=""` selects series without `k`, `k!=""` requires it.
public struct LabelMatcher: Sendable, Equatable, CustomStringConvertible {
    /// The label name; `__name__` stands for the metric name.
    public let name: String
    /// The comparison.
    public let op: MatchOp
    /// The operand: a literal value, or the regular expression's source for `=~` and `!~`.
    public let value: String
    /// The compiled, fully anchored pattern for `=~` and `!~`.
    private let regex: NSRegularExpression?

    /// Creates a matcher, compiling `value` when `op` is a regex operator.
    ///
    /// The pattern is anchored at both ends, `\A(?:value)\z`, and `.` matches a newline, as
    /// in Prometheus 3 (release notes of 3.0.0: "regexp `.` now matches all characters";
    /// Prometheus 2 did not). `\z` rather than `$`, which in ICU's syntax also matches
    /// before a final newline where Go's `$` does not. The syntax is ICU's, a superset of
    /// RE2's: look-arounds and back-references, which Prometheus refuses, are accepted.
    ///
    /// - Returns: nil when `value` is not a valid regular expression.
    public init?(name: String, op: MatchOp, value: String) {
        self.name = name
        self.op = op
        self.value = value
        switch op {
        case .equal, .notEqual:
            regex = nil
        case .regex, .notRegex:
            guard let compiled = try? NSRegularExpression(pattern: "\\A(?:" + value + ")\\z",
                                                          options: [.dotMatchesLineSeparators])
            else { return nil }
            regex = compiled
        }
    }

    /// Whether `labelValue` (the empty string when the series lacks the label) satisfies the matcher.
    public func matches(_ labelValue: String) -> Bool {
        switch op {
        case .equal: return labelValue == value
        case .notEqual: return labelValue != value
        case .regex: return wholeMatch(labelValue)
        case .notRegex: return !wholeMatch(labelValue)
        }
    }

    private func wholeMatch(_ string: String) -> Bool {
        guard let regex else { return false }
        let length = (string as NSString).length
        return regex.firstMatch(in: string, options: [.anchored], range: NSRange(location: 0, length: length)) != nil
    }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.name == rhs.name && lhs.op == rhs.op && lhs.value == rhs.value
    }

    /// PromQL notation: `name="value"`, with `\\`, `\"`, `\n`, `\r` and `\t` escaped; a name
    /// outside `[a-zA-Z_][a-zA-Z0-9_]*` is quoted, as Prometheus 3 writes it.
    public var description: String {
        let label = SelectorLexer.isLabelName(name) ? name : "\"" + SeriesSelector.escape(name) + "\""
        return label + op.symbol + "\"" + SeriesSelector.escape(value) + "\""
    }
}

/// A PromQL instant-vector selector such as `http_requests_total{job="api", code=~"5.."}`.
///
/// The metric name is kept as a `__name__` matcher, as Prometheus does, so `up` and
/// `{__name__="up"}` parse to equal selectors.
public struct SeriesSelector: Sendable, Equatable, CustomStringConvertible {
    /// The matchers, in text order, except that the metric name, when it is given once as a
    /// name or as `__name__="…"`, comes first as `__name__="name"`. Every matcher must hold
    /// for a series to be selected.
    public let matchers: [LabelMatcher]

    /// The label that holds the metric name.
    public static let nameLabel = "__name__"

    /// Creates a selector from matchers already checked by the caller, moving a sole
    /// `__name__="…"` matcher to the front so that `{job="a", __name__="up"}` equals `up{job="a"}`.
    init(matchers: [LabelMatcher]) {
        var matchers = matchers
        if let index = Self.soleNameIndex(in: matchers) {
            matchers.insert(matchers.remove(at: index), at: 0)
        }
        self.matchers = matchers
    }

    /// The index of the `__name__="…"` matcher when it is the only `__name__` matcher.
    private static func soleNameIndex(in matchers: [LabelMatcher]) -> Int? {
        let nameIndices = matchers.indices.filter { matchers[$0].name == nameLabel }
        guard nameIndices.count == 1, matchers[nameIndices[0]].op == .equal else { return nil }
        return nameIndices[0]
    }

    /// Parses PromQL selector text.
    ///
    /// Accepted: `name`, `name{k="v", k!="v", k=~"re", k!~"re"}`, `{__name__="x", …}`, a
    /// trailing comma, values in double or single quotes with escapes, raw values in
    /// backticks, and Prometheus 3's quoted names: `{"http.server.duration", "service.name"="api"}`.
    /// As in Prometheus, the selector must have a metric name or at least one matcher that
    /// does not match the empty string, and the name may be given only once.
    ///
    /// - Throws: ``SelectorError`` locating the first problem in `text`.
    public init(parsing text: String) throws(SelectorError) {
        var parser = SelectorParser(text)
        self = try parser.parse()
    }

    /// The metric name when a `__name__="…"` matcher fixes it; a store can filter on it in SQL.
    public var metricName: String? {
        matchers.first { $0.name == Self.nameLabel && $0.op == .equal }?.value
    }

    /// The `label="value"` matchers other than the metric name, in text order, for a store to
    /// push into SQL with bound parameters before applying ``matches(_:)`` to what comes back.
    ///
    /// A matcher with an empty value is left out: `k=""` selects series *without* `k`, which
    /// is not an equality a join on the label table can express.
    public var equalityMatchers: [(key: String, value: String)] {
        matchers.filter { $0.name != Self.nameLabel && $0.op == .equal && !$0.value.isEmpty }
            .map { (key: $0.name, value: $0.value) }
    }

    /// Whether the series satisfies every matcher.
    ///
    /// A label the series lacks counts as the empty string (Prometheus semantics).
    ///
    /// - Complexity: O(*m* log *l*) label look-ups plus the regex matches, for *m* matchers
    ///   and *l* labels.
    public func matches(_ key: SeriesKey) -> Bool {
        matchers.allSatisfy { matcher in
            matcher.matches(Self.value(of: matcher.name, in: key))
        }
    }

    private static func value(of label: String, in key: SeriesKey) -> String {
        if label == nameLabel { return key.metric }
        // Labels are sorted by key: binary search.
        var low = 0, high = key.labels.count
        while low < high {
            let middle = (low + high) / 2
            if key.labels[middle].key < label { low = middle + 1 } else { high = middle }
        }
        return low < key.labels.count && key.labels[low].key == label ? key.labels[low].value : ""
    }

    /// Canonical PromQL: the metric name before the braces when the only `__name__` matcher
    /// is `__name__="…"` with a valid metric name, then the other matchers in order as
    /// `k="v"`, joined by `, `. Parsing the description gives back an equal selector.
    public var description: String {
        var rest = matchers
        var name = ""
        if let index = Self.soleNameIndex(in: rest), SelectorLexer.isMetricName(rest[index].value) {
            name = rest.remove(at: index).value
        }
        if rest.isEmpty { return name }
        return name + "{" + rest.map(\.description).joined(separator: ", ") + "}"
    }

    static func escape(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
