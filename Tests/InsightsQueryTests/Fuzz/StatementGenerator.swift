import InsightsNumerics
import InsightsQuery

/// The numerical core's SplitMix64 with the draws the fuzzer needs: one 64-bit state, so every
/// fuzz input is reproducible from its seed alone.
struct FuzzRandom {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    /// Uniform in `0..<bound` (bound > 0; the modulo bias is irrelevant here).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// A generated statement that the grammar accepts, with what it must parse to.
struct ValidStatement {
    enum Kind: Equatable {
        case query, analysis(AnalysisKind), behavior(BehaviorKind), advice(AdviceKind), regress, sql, binding(String), dot(String)
    }

    let text: String
    let kind: Kind
}

/// Grammar-directed generation of valid statements (docs/QUERY.md, `Parser.swift`), and the
/// `let` bindings they may use.
struct StatementGenerator {
    var random: FuzzRandom
    /// Variables bound by `let` statements generated so far, usable as `$name` later.
    private(set) var bindings: [String: Value] = [:]

    init(seed: UInt64) { random = FuzzRandom(seed: seed) }

    static let metrics = ["cpu_usage_ratio", "http_request_duration_seconds_bucket", "mem:rss_bytes", "_private", "Up"]
    static let labels = ["service", "region", "le", "host", "job_name"]
    static let durations = ["5m", "1h", "7d", "48h", "250ms", "1h30m", "2w", "1y", "30s"]
    static let times = ["2026-01-05T00:00:00Z", "2026-01-05", "1767571200"]

    mutating func identifier() -> String {
        if random.chance(60) { return random.pick(Self.metrics) }
        let first = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_:")
        let rest = first + Array("0123456789")
        // `m_` keeps generated names clear of keywords (`since`, `by`, `trend`, `sum`, …).
        var name = "m_" + String(random.pick(first))
        for _ in 0..<random.below(12) { name.append(random.pick(rest)) }
        return name
    }

    mutating func quoted(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
        if random.chance(50) { return "\"" + escaped.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return "'" + escaped.replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    mutating func labelValue() -> String {
        random.pick(["checkout", "eu.*", "", "a\"b", "it's", "back\\slash", "tab\there", "é😀", "x;y", "{(}", "-- not a comment"])
    }

    mutating func selector(range: Bool = false) -> String {
        var text = ""
        let matchers = random.below(4)
        if matchers == 0 || random.chance(80) { text = identifier() }
        if matchers > 0 || random.chance(10) {
            let parts = (0..<matchers).map { _ in
                let value = bindings.values.contains { $0.kind == .string } && random.chance(10)
                    ? "$" + bindings.first { $0.value.kind == .string }!.key : quoted(labelValue())
                return random.pick(Self.labels) + random.pick(Matcher.Operation.allCases).rawValue + value
            }
            text += "{" + parts.joined(separator: random.pick([",", ", ", " , "])) + (random.chance(10) && matchers > 0 ? "," : "") + "}"
        }
        if range { text += "[" + random.pick(Self.durations) + "]" }
        return text
    }

    mutating func grouping() -> String {
        let labels = (0..<random.below(3)).map { _ in random.pick(Self.labels) }
        return random.pick(["by", "without", "BY"]) + " (" + labels.joined(separator: ", ") + ")"
    }

    mutating func expression(depth: Int = 0) -> String {
        switch depth > 3 ? 0 : random.below(5) {
        case 0, 1: return selector()
        case 2: return random.pick(["rate", "increase"]) + "(" + selector(range: true) + ")"
        case 3: return "histogram_quantile(" + random.pick(["0.9", "0.5", "1e-3", ".99"]) + ", " + expression(depth: depth + 1) + ")"
        default:
            let operation = random.pick(Parser.aggregations)
            let operand = "(" + expression(depth: depth + 1) + ")"
            switch random.below(3) {
            case 0: return operation + operand
            case 1: return operation + " " + grouping() + " " + operand
            default: return operation + operand + " " + grouping()
            }
        }
    }

    mutating func duration() -> String {
        if let name = bindings.first(where: { $0.value.kind == .duration })?.key, random.chance(20) { return "$" + name }
        return random.pick(Self.durations)
    }

    mutating func clauses() -> String {
        var parts: [String] = []
        for _ in 0..<random.below(3) {
            switch random.below(4) {
            case 0: parts.append(random.pick(["since", "last", "SINCE"]) + " " + duration())
            case 1: parts.append("from " + random.pick(Self.times) + " to " + random.pick(Self.times))
            case 2: parts.append("step " + duration())
            default: parts.append(random.pick(["agg", "aggregation"]) + " " + random.pick(["avg", "sum", "last"]))
            }
        }
        return parts.map { " " + $0 }.joined()
    }

    mutating func option(_ spec: OptionSpec) -> String {
        var text = random.chance(20) ? spec.name.uppercased() : spec.name
        guard spec.takesValue else { return text }
        let values = (0...random.below(3)).map { _ in random.pick(["80", "95", "0.05", "auto", "ets", "24", "1d", "7d", "log", "'quoted value'"]) }
        text += " " + values.joined(separator: random.pick([",", ", "]))
        return text
    }

    /// One valid statement, and its `let` binding recorded when it is one.
    mutating func statement() -> ValidStatement {
        switch random.below(10) {
        case 0...3:
            let kind = random.pick(AnalysisKind.allCases)
            let selection = random.chance(5) && bindings["sel"] != nil ? "$sel" : expression()
            var text = random.pick([kind.rawValue, kind.rawValue.uppercased()]) + " " + selection + clauses()
            for spec in (Parser.options[kind] ?? []) where random.chance(25) { text += " " + option(spec) }
            if random.chance(20) { text += clauses() }
            return ValidStatement(text: text, kind: .analysis(kind))
        case 4, 5:
            return ValidStatement(text: expression() + clauses(), kind: .query)
        case 6:
            let (name, value): (String, Value)
            switch random.below(3) {
            case 0: (name, value) = ("w", Value(text: random.pick(Self.durations), kind: .duration))
            case 1: (name, value) = ("svc", Value(text: labelValue(), kind: .string))
            default:
                let text = random.pick(Self.metrics) + "{service=\"checkout\"}"
                (name, value) = ("sel", Value(text: text, kind: .identifier))
            }
            bindings[name] = value
            let written = value.kind == .string ? quoted(value.text) : value.text
            return ValidStatement(text: "let \(name) = \(written)", kind: .binding(name))
        case 7:
            var text = "regress " + quoted("p95_ms ~ day + C(weekday)") + " from " + random.pick(["'data set.csv'", "data", "\"x.csv\""])
            for spec in Parser.regressOptions where random.chance(30) { text += " " + option(spec) }
            return ValidStatement(text: text, kind: .regress)
        case 8 where random.chance(35):
            return behavior()
        case 8 where random.chance(45):
            return advice()
        case 8:
            let sql = random.pick(["sql select count(*) from point", "SELECT name FROM metric WHERE name = 'a;b'",
                                   "with t as (select 1) select * from t", "sql\n  select 1,\n  2"])
            return ValidStatement(text: sql, kind: .sql)
        default:
            let dot = random.pick([".timer on", ".mode csv", ".help trend", ".open 'a b.db'", ".maxrows 10", ".quit", ".metrics cpu"])
            let name = String(dot.dropFirst().prefix { $0 != " " })
            return ValidStatement(text: dot, kind: .dot(name))
        }
    }

    /// `funnel a, b window 7d …`: a behavior statement with events, window clauses and options.
    mutating func behavior() -> ValidStatement {
        let kind = random.pick(BehaviorKind.allCases)
        let range: ClosedRange<Int> = switch kind {
        case .funnel: 2...5
        case .retention: 1...2
        case .trends: 1...3
        case .experiment: 1...1
        case .stickiness, .lifecycle: 0...1
        }
        let count = range.lowerBound + random.below(range.count)
        let events = (0..<count).map { _ in random.chance(20) ? quoted(random.pick(["sign up", "a,b", "it's"])) : identifier() }
        var text = random.pick([kind.rawValue, kind.rawValue.uppercased()]) + (events.isEmpty ? "" : " ")
            + events.joined(separator: random.pick([",", ", ", " , "]))
        for spec in (Parser.behaviorOptions[kind] ?? []) where random.chance(30) { text += " " + option(spec) }
        if random.chance(30) { text += " " + random.pick(["since " + duration(), "from " + random.pick(Self.times) + " to " + random.pick(Self.times)]) }
        return ValidStatement(text: text, kind: .behavior(kind))
    }

    /// `recommend since 2h record`, `health service checkout`, `explain 3fa2`: the engine's
    /// statements with their options in any order (`explain` takes a fingerprint or a prefix,
    /// which may lex as a number, a duration or a word).
    mutating func advice() -> ValidStatement {
        let kind = random.pick(AdviceKind.allCases)
        var text = random.pick([kind.rawValue, kind.rawValue.uppercased()])
        if kind == .explain {
            text += " " + random.pick(["3fa2b1c09d8e7f60", "3fa2", "0", "12", "5d", "abc", "'72c5'", "1e5", "ffff0000ffff0000"])
        }
        for spec in (Parser.adviceOptions[kind] ?? []) where random.chance(40) {
            if spec.takesValue {
                let value = spec.name == "since" || spec.name == "history" || spec.name == "horizon" ? duration()
                    : spec.name == "now" ? random.pick(Self.times) : spec.name == "rules" ? "capacity,data_quality"
                    : random.chance(30) ? quoted("a b.toml") : identifier()
                text += " " + (random.chance(20) ? spec.name.uppercased() : spec.name) + " " + value
            } else {
                text += " " + spec.name
            }
        }
        return ValidStatement(text: text, kind: .advice(kind))
    }

    /// `sum(sum(…(metric)…))`, `rate` and `histogram_quantile` mixed, `depth` levels deep.
    mutating func nested(depth: Int) -> String {
        var open = "", close = ""
        for _ in 0..<depth {
            switch random.below(3) {
            case 0: open += random.pick(Parser.aggregations) + "("
            case 1: open += "sum by (le) ("
            default: open += "histogram_quantile(0.9, "
            }
            close += ")"
        }
        return open + selector() + close
    }
}
