/// What completion can offer from the database: the shell fills it from its catalog.
public protocol CompletionSource {
    /// Metric names, sorted.
    var metricNames: [String] { get }
    /// Event names, sorted.
    var eventNames: [String] { get }
    /// Label keys of a metric (of all metrics when nil), sorted.
    func labelKeys(metric: String?) -> [String]
    /// Values of a label on a metric (on all when nil), sorted.
    func labelValues(key: String, metric: String?) -> [String]
    /// Paths that start with `prefix` (directories end with `/`).
    func paths(prefix: String) -> [String]
    /// Property keys of recent events named `event` (of any event when nil), sorted.
    func propertyNames(event: String?) -> [String]
    /// Fingerprints of the recorded recommendations, for `explain`.
    var fingerprints: [String] { get }
}

extension CompletionSource {
    /// No recommendation history by default.
    public var fingerprints: [String] { [] }
}

/// Context-aware tab completion for the shell: which words fit where the cursor is.
public enum Completion {
    /// What is being completed.
    public enum Slot: Equatable, Sendable {
        case statement, dotCommand, metric, labelKey(metric: String?), labelValue(key: String, metric: String?),
             option(statement: AnalysisKind?), path, mode, onOff, helpTopic, event,
             behaviorOption(BehaviorKind), property(event: String?), choice([String]),
             adviceOption(AdviceKind), fingerprint
    }

    public static let dotCommands = ["help", "open", "datasets", "metrics", "events", "describe", "mode", "timer", "output",
                                     "once", "read", "maxrows", "chart", "writable", "plot", "quit"]
    public static let modes = ["table", "box", "csv", "json", "ndjson", "markdown"]

    /// The completions of the word that ends at the cursor, given the line before it.
    /// - Parameters:
    ///   - before: The line up to the start of the word being completed.
    ///   - word: The partial word (may be empty).
    public static func candidates(before: String, word: String, source: some CompletionSource) -> [String] {
        let words: [String]
        switch slot(before: before) {
        case .statement:
            words = Parser.statements.filter { $0 != "select" && $0 != "with" } + Parser.aggregations + Parser.functions
                + source.metricNames
        case .dotCommand: words = dotCommands.map { "." + $0 }
        case .metric: words = source.metricNames
        case .labelKey(let metric): words = source.labelKeys(metric: metric)
        case .labelValue(let key, let metric): words = source.labelValues(key: key, metric: metric)
        case .option(let statement):
            words = Parser.clauses.filter { $0 != "to" && $0 != "aggregation" } + (statement.map { (Parser.options[$0] ?? []).map(\.name) } ?? [])
        case .path: return source.paths(prefix: word)
        case .mode: words = modes
        case .onOff: words = ["on", "off"]
        case .helpTopic: words = AnalysisKind.allCases.map(\.rawValue) + BehaviorKind.allCases.map(\.rawValue)
            + AdviceKind.allCases.map(\.rawValue) + ["regress", "sql", "let"] + dotCommands
        case .adviceOption(let kind): words = (Parser.adviceOptions[kind] ?? []).map(\.name)
        case .fingerprint: words = source.fingerprints
        case .event: words = source.eventNames
        case .behaviorOption(let kind):
            words = ["since", "from"] + (Parser.behaviorOptions[kind] ?? []).map(\.name)
        case .property(let event): words = source.propertyNames(event: event)
        case .choice(let values): words = values
        }
        return prefixMatches(words, word)
    }

    /// The words of a sorted-or-not list starting with `prefix`, sorted and unique. Sorted
    /// lists are searched by bisection, so 100k metric names cost microseconds.
    static func prefixMatches(_ words: [String], _ prefix: String) -> [String] {
        if prefix.isEmpty { return Array(Set(words)).sorted() }
        return Array(Set(words.filter { $0.hasPrefix(prefix) })).sorted()
    }

    /// Inside a behavior statement: event names in the leading list, property keys after
    /// `by` and the property options, the values of options with a fixed set, else options.
    static func behaviorSlot(_ kind: BehaviorKind, tokens: [Token]) -> Slot {
        let last = tokens[tokens.count - 1]
        if tokens.count == 1 || (last.isSymbol(",") && tokens.dropFirst().allSatisfy { $0.kind != .identifier || !isOption($0, kind) }) {
            return .event
        }
        let firstEvent = tokens.count > 1 && (tokens[1].kind == .identifier || tokens[1].kind == .string) ? tokens[1].text : nil
        switch last.text.lowercased() {
        case "by", "property", "variant_property", "value_property": return .property(event: firstEvent)
        case "interval", "period": return .choice(["hour", "day", "week", "month"])
        case "per": return .choice(["week", "month"])
        case "measure": return .choice(["count", "actors", "sum", "avg"])
        case "attempt": return .choice(["furthest", "first"])
        case "mode": return .choice(kind == .retention ? ["classic", "rolling"] : ["ordered", "any"])
        default: return .behaviorOption(kind)
        }
    }

    private static func isOption(_ token: Token, _ kind: BehaviorKind) -> Bool {
        let word = token.text.lowercased()
        return ["since", "last", "from", "to"].contains(word) || (Parser.behaviorOptions[kind] ?? []).contains { $0.name == word }
    }

    /// Where the cursor is, from the text before the word.
    public static func slot(before: String) -> Slot {
        let trimmedStart = before.drop { $0 == " " || $0 == "\t" }
        if trimmedStart.hasPrefix(".") {
            let parts = trimmedStart.split(separator: " ", omittingEmptySubsequences: true)
            let endsWithBlank = before.last == " " || before.last == "\t"
            if parts.count <= 1 && !endsWithBlank { return .dotCommand }
            switch parts.first?.dropFirst().lowercased() {
            case "read", "open", "output", "once", "plot": return .path
            case "mode": return .mode
            case "timer", "chart", "writable": return .onOff
            case "help": return .helpTopic
            case "events": return .event
            default: return .metric
            }
        }
        // Inside braces: the innermost unclosed `{`.
        var depth = 0
        var braceIndex: String.Index?
        var quote: Character?
        for index in before.indices {
            let c = before[index]
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            if c == "\"" || c == "'" { quote = c } else if c == "{" {
                depth += 1
                braceIndex = index
            } else if c == "}" {
                depth = max(0, depth - 1)
                if depth == 0 { braceIndex = nil }
            }
        }
        if let braceIndex, depth > 0 {
            let metric = String(before[..<braceIndex].reversed().drop { $0 == " " }
                .prefix { Lexer.isNameContinue($0.unicodeScalars.first!) }.reversed())
            let inside = before[before.index(after: braceIndex)...]
            if quote != nil {
                // After key="…: the value of the key before the operator.
                let beforeQuote = inside.dropLast().reversed().drop { $0 == "=" || $0 == "~" || $0 == "!" || $0 == " " }
                let key = String(beforeQuote.prefix { Lexer.isNameContinue($0.unicodeScalars.first!) }.reversed())
                return .labelValue(key: key, metric: metric.isEmpty ? nil : metric)
            }
            return .labelKey(metric: metric.isEmpty ? nil : metric)
        }
        let tokens = (try? Lexer.tokens(before).filter { $0.kind != .end && $0.kind != .newline }) ?? []
        guard let first = tokens.first else { return .statement }
        if first.isSymbol(";") || tokens.last?.isSymbol(";") == true { return .statement }
        if BehaviorKind(rawValue: first.text.lowercased()) == nil,
           tokens.last?.isSymbol("(") == true || tokens.last?.isSymbol(",") == true { return .metric }
        if let behavior = BehaviorKind(rawValue: first.text.lowercased()) {
            return behaviorSlot(behavior, tokens: tokens)
        }
        if let advice = AdviceKind(rawValue: first.text.lowercased()) {
            if advice == .explain { return tokens.count == 1 ? .fingerprint : .adviceOption(advice) }
            switch tokens.last!.text.lowercased() {
            case "service": return .labelValue(key: "service", metric: nil)
            case "rules": return .choice(Parser.recommendationRules)
            case "config": return .path
            default: return .adviceOption(advice)
            }
        }
        let kind = AnalysisKind(rawValue: first.text.lowercased())
        if tokens.count == 1 && (kind != nil || first.text.lowercased() == "regress") { return kind == nil ? .path : .metric }
        if kind != nil || first.kind == .identifier { return .option(statement: kind) }
        return .statement
    }
}
