import Foundation
import InsightsNumerics

/// The options an analysis statement takes: the names (as in the CLI, `min_probability` for
/// `--min-probability`) and whether each takes values.
public struct OptionSpec: Sendable {
    public let name: String
    public let takesValue: Bool
    public let summary: String

    init(_ name: String, value: Bool = true, _ summary: String) {
        self.name = name
        self.takesValue = value
        self.summary = summary
    }

    /// The CLI flag this option becomes.
    public var flag: String { "--" + name.replacingOccurrences(of: "_", with: "-") }
}

/// Parses one statement (see docs/QUERY.md for the grammar).
public struct Parser {
    /// Statement keywords, for errors and completion.
    public static let statements = AnalysisKind.allCases.map(\.rawValue) + BehaviorKind.allCases.map(\.rawValue)
        + AdviceKind.allCases.map(\.rawValue) + ["regress", "sql", "let", "select", "with"]
    /// Aggregation operators: `sum by (l) (…)`.
    public static let aggregations = ["sum", "avg", "min", "max", "count"]
    /// Functions over series.
    public static let functions = ["rate", "increase", "histogram_quantile"]
    /// Clauses of a selection.
    public static let clauses = ["since", "last", "from", "to", "step", "agg", "aggregation"]

    public static let options: [AnalysisKind: [OptionSpec]] = {
        let forecast = [OptionSpec("horizon", "how far ahead: 48h, 7d or a number of steps"),
                        OptionSpec("level", "interval levels in percent: 80,95"),
                        OptionSpec("model", "auto, pooled, ets, theta, otm, mstl, dhr, ensemble, naive, snaive, naive2, drift"),
                        OptionSpec("season", "seasonal periods: 24,168 or 1d,7d"),
                        OptionSpec("transform", "log or none"),
                        OptionSpec("windows", "backtest windows for the intervals"),
                        OptionSpec("spacing", "steps between backtest origins"),
                        OptionSpec("history", "recent history the ensemble fits: 7d, steps or all")]
        return [
            .trend: [OptionSpec("season", "fit a seasonal cycle of this period"), OptionSpec("harmonics", "Fourier harmonics"),
                     OptionSpec("level", "confidence level in percent"),
                     OptionSpec("threshold", "when does the trend line reach this value"),
                     OptionSpec("robust", value: false, "add Theil–Sen and Mann–Kendall")],
            .changepoints: [OptionSpec("kind", "mean (levels) or slope (lines)"),
                            OptionSpec("season", "remove a fitted seasonal cycle of this period first"),
                            OptionSpec("harmonics", "Fourier harmonics of season"),
                            OptionSpec("penalty", "p in p·log n per change; larger finds fewer"),
                            OptionSpec("min_segment", "shortest segment in steps")],
            .anomalies: [OptionSpec("method", "auto, residual, level_shift, esd, pca"),
                         OptionSpec("fdr", "flag at this false discovery rate"),
                         OptionSpec("min_probability", "flag points at least this probable")],
            .forecast: forecast + [OptionSpec("threshold", "probability of reaching this value, and when"),
                                   OptionSpec("below", value: false, "with threshold: falling to it")],
            .backtest: forecast + [OptionSpec("origins", "forecast origins"), OptionSpec("every", "steps between origins")],
            .decompose: [OptionSpec("season", "seasonal periods: 24,168 or 1d,7d")],
        ]
    }()

    /// Options of the behavior statements: the subcommands' flags without dashes.
    public static let behaviorOptions: [BehaviorKind: [OptionSpec]] = {
        let tz = OptionSpec("tz", "time zone of calendar periods, e.g. Europe/Berlin")
        return [
            .trends: [OptionSpec("measure", "count, actors, sum or avg"), OptionSpec("property", "numeric property of sum/avg"),
                      OptionSpec("interval", "hour, day, week or month"), OptionSpec("by", "break down by a property"),
                      OptionSpec("limit", "breakdown values shown"), OptionSpec("formula", "e.g. 'A / B' over the events' series"), tz],
            .funnel: [OptionSpec("window", "conversion window, e.g. 7d"), OptionSpec("mode", "ordered or any"),
                      OptionSpec("attempt", "furthest or first"), OptionSpec("by", "break down by a property"),
                      OptionSpec("dropoffs", "list actors who reached this step and not the next"), tz],
            .retention: [OptionSpec("period", "day, week or month"), OptionSpec("periods", "how many periods"),
                         OptionSpec("mode", "classic or rolling"), tz],
            .experiment: [OptionSpec("exposure", "the exposure event"), OptionSpec("variant_property", "property naming the variant"),
                          OptionSpec("where", "only exposures with KEY=VALUE"), OptionSpec("control", "the control variant"),
                          OptionSpec("level", "confidence level in percent"),
                          OptionSpec("value_property", "numeric property summed per actor"),
                          OptionSpec("window", "count the metric this long after exposure"),
                          OptionSpec("plan_lift", "actors per arm needed for this relative lift"), tz],
            .stickiness: [OptionSpec("per", "week or month"), tz],
            .lifecycle: [OptionSpec("interval", "hour, day, week or month"), tz],
        ]
    }()

    /// Options of `recommend` and `health` (`since` is an option here: these statements read no
    /// selection); `explain` takes a fingerprint and no options.
    public static let adviceOptions: [AdviceKind: [OptionSpec]] = {
        let since = OptionSpec("since", "the window analysed, back from the analysis time (default 24h)")
        let now = OptionSpec("now", "the analysis time (default: the newest point)")
        let config = OptionSpec("config", "configuration file (limits, objectives)")
        return [
            .recommend: [since, OptionSpec("history", "history the rules learn from (default 14d)"),
                         OptionSpec("horizon", "how far ahead the capacity rule looks (default 3d)"), now,
                         OptionSpec("rules", recommendationRules.joined(separator: ", ")),
                         OptionSpec("funnel", "the funnel_drop rule's two steps: from,to"),
                         OptionSpec("experiment_metric", "the experiment rule's conversion event"), config,
                         OptionSpec("record", value: false, "record the run in the history (the shell's default is a dry run)")],
            .health: [OptionSpec("service", "only this service, with its objectives"), since, now, config],
            .explain: [],
        ]
    }()

    /// The recommendation rules `recommend rules …` names (the command's rule catalog is this list).
    public static let recommendationRules = ["capacity", "anomaly_incident", "data_quality", "degrading_trend", "error_spike",
                                             "funnel_drop", "experiment"]

    public static let regressOptions = [OptionSpec("cov", "nonrobust, hac or hc3"), OptionSpec("maxlags", "Newey–West lags"),
                                        OptionSpec("level", "confidence level in percent"),
                                        OptionSpec("weights", "column of weights")]

    private var tokens: [Token]
    private var position = 0

    /// Parses `text` (one statement, from a script split by ``ScriptSplitter``).
    /// - Parameters:
    ///   - base: Where the text starts in its script.
    ///   - bindings: `let` values that `$name` stands for.
    public static func parse(_ text: String, base: TextPosition = TextPosition(line: 1, column: 1, offset: 0),
                             bindings: [String: Value] = [:]) throws(QueryError) -> Statement {
        let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let start = Self.advance(base, over: String(text.prefix(text.count - trimmed.count)))
        if trimmed.hasPrefix(".") { return Self.dot(String(trimmed), at: start) }
        let firstWord = trimmed.prefix { $0.isLetter }.lowercased()
        if firstWord == "sql" {
            let sql = trimmed.dropFirst(3).drop { $0 == " " || $0 == "\t" || $0 == "\n" }
            guard !sql.isEmpty else { throw QueryError("'sql' needs a statement, e.g. sql SELECT count(*) FROM series", at: start, length: 3) }
            return .sql(Self.withoutSemicolon(String(sql)), location: start)
        }
        if firstWord == "select" || firstWord == "with" {
            return .sql(Self.withoutSemicolon(String(trimmed)), location: start)
        }
        var parser = Parser(tokens: try Self.substitute(Lexer.tokens(text, base: base), bindings: bindings))
        return try parser.statement()
    }

    private init(tokens: [Token]) {
        self.tokens = tokens.filter { $0.kind != .newline }
    }

    static func withoutSemicolon(_ sql: String) -> String {
        var text = sql
        while let last = text.last, last == ";" || last == " " || last == "\n" || last == "\t" { text.removeLast() }
        return text
    }

    static func advance(_ location: TextPosition, over text: String) -> TextPosition {
        text.unicodeScalars.reduce(location) { $0.advanced(past: $1) }
    }

    /// `.name arg…`: arguments split on blanks; an argument that starts with a quote keeps its
    /// blanks (quotes inside an argument, as in a selector, are kept as typed).
    static func dot(_ text: String, at location: TextPosition) -> Statement {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var started = false
        for c in text.dropFirst() {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if (c == "'" || c == "\"") && current.isEmpty {
                quote = c
                started = true
            } else if c == " " || c == "\t" || c == "\n" || c == ";" {
                if started || !current.isEmpty { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(c)
            }
        }
        if started || !current.isEmpty { words.append(current) }
        return .dot(name: words.first?.lowercased() ?? "", arguments: Array(words.dropFirst()), location: location)
    }

    /// Replaces `$name` tokens by the tokens of their bound text (located at the variable).
    ///
    /// In a behavior statement an unbound `$name` is the name `$name` (PostHog's own events
    /// and properties are spelt `$pageview`, `$feature_flag_response`, …).
    static func substitute(_ tokens: [Token], bindings: [String: Value]) throws(QueryError) -> [Token] {
        var result: [Token] = []
        let behavior = tokens.first { $0.kind != .newline }.map { BehaviorKind(rawValue: $0.text.lowercased()) != nil } ?? false
        for token in tokens {
            guard token.kind == .variable else {
                result.append(token)
                continue
            }
            if bindings[token.text] == nil && behavior {
                result.append(Token(kind: .identifier, text: "$" + token.text, location: token.location, length: token.length))
                continue
            }
            guard let value = bindings[token.text] else {
                let hint = nearestName(to: token.text, among: Array(bindings.keys)).map { "; did you mean '$\($0)'?" } ?? ""
                throw QueryError("unknown variable '$\(token.text)'\(hint)", at: token)
            }
            if value.kind == .string {
                result.append(Token(kind: .string, text: value.text, location: token.location, length: token.length))
            } else {
                let inner = try Lexer.tokens(value.text).filter { $0.kind != .end && $0.kind != .newline }
                result += inner.map { Token(kind: $0.kind, text: $0.text, location: token.location, length: token.length) }
            }
        }
        return result
    }

    // MARK: Tokens

    private var current: Token { tokens[min(position, tokens.count - 1)] }
    private var atEnd: Bool { current.kind == .end || current.isSymbol(";") }

    private mutating func take() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func expect(_ symbol: String, _ what: String) throws(QueryError) -> Token {
        guard current.isSymbol(symbol) else { throw QueryError("expected '\(symbol)' \(what), found \(Self.describe(current))", at: current) }
        return take()
    }

    static func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: "the end of the statement"
        case .newline: "a line break"
        case .string: "the string '\(token.text)'"
        default: "'\(token.text)'"
        }
    }

    // MARK: Statements

    private mutating func statement() throws(QueryError) -> Statement {
        let first = current
        guard first.kind != .end else { throw QueryError("empty statement", at: first) }
        let statement: Statement
        if first.kind == .identifier, let kind = AnalysisKind(rawValue: first.text.lowercased()) {
            _ = take()
            let (selection, options) = try selectionAndOptions(allowed: Self.options[kind] ?? [], statement: kind.rawValue)
            statement = .analysis(Analysis(kind: kind, selection: selection, options: options, location: first.location))
        } else if first.kind == .identifier, let kind = BehaviorKind(rawValue: first.text.lowercased()) {
            _ = take()
            statement = .behavior(try behavior(kind, at: first))
        } else if first.kind == .identifier, let kind = AdviceKind(rawValue: first.text.lowercased()) {
            _ = take()
            var fingerprint: String?
            if kind == .explain {
                guard [.word, .number, .identifier, .string, .duration].contains(current.kind), !atEnd else {
                    throw QueryError("expected a recommendation's fingerprint (or a prefix of it) after 'explain', "
                                     + "found \(Self.describe(current))", at: current)
                }
                fingerprint = take().text
            }
            let options = try self.options(Self.adviceOptions[kind] ?? [], statement: kind.rawValue)
            statement = .advice(AdviceQuery(kind: kind, fingerprint: fingerprint, options: options, location: first.location))
        } else if first.isKeyword("let") {
            _ = take()
            guard current.kind == .identifier else { throw QueryError("expected a name after 'let'", at: current) }
            let name = take().text
            _ = try expect("=", "after 'let \(name)'")
            let valueToken = take()
            guard [.number, .duration, .word, .string, .identifier].contains(valueToken.kind) else {
                throw QueryError("expected a value after '=' (a number, duration, name or quoted string)", at: valueToken)
            }
            var text = valueToken.text
            // A selector value: `let s = cpu{service="a"}` keeps its braces as written.
            if valueToken.kind == .identifier && current.isSymbol("{") {
                position -= 1
                let expression = try self.expression()
                guard case .selector(let selector) = expression else { throw QueryError("expected a selector", at: valueToken) }
                text = selector.description
            }
            statement = .binding(name: name, value: Value(text: text, kind: valueToken.kind))
        } else if first.isKeyword("regress") {
            _ = take()
            guard current.kind == .string else {
                throw QueryError("expected a quoted formula after 'regress', e.g. regress 'y ~ x' from 'data.csv'", at: current)
            }
            let formula = take().text
            if current.isKeyword("with") {
                _ = take()
                var columns: [RegressColumn] = []
                repeat {
                    if current.isSymbol(",") { _ = take() }
                    guard current.kind == .identifier else {
                        throw QueryError("expected a column name, e.g. with latency = http_latency_p95{service=\"a\"}", at: current)
                    }
                    let name = take().text
                    _ = try expect("=", "after the column name '\(name)'")
                    let start = current
                    guard let selector = try expression().plainSelector else {
                        throw QueryError("expected a series selector for '\(name)'", at: start)
                    }
                    columns.append(RegressColumn(name: name, selector: selector))
                } while current.isSymbol(",")
                var selection = Selection(expression: .selector(columns[0].selector), window: nil, step: nil, aggregation: nil,
                                          location: first.location)
                let options = try clausesAndOptions(&selection, allowed: Self.regressOptions, statement: "regress")
                statement = .regressSeries(formula: formula, columns: columns, selection: selection, options: options)
                if current.isSymbol(";") { _ = take() }
                guard current.kind == .end else { throw QueryError("unexpected \(Self.describe(current)) after the statement", at: current) }
                return statement
            }
            guard current.isKeyword("from") else {
                throw QueryError("expected 'from' and a CSV file, or 'with' and named series, after the formula", at: current)
            }
            _ = take()
            guard current.kind == .string || current.kind == .identifier || current.kind == .word else {
                throw QueryError("expected the CSV file to regress on", at: current)
            }
            let file = take().text
            statement = .regress(formula: formula, file: file, options: try options(Self.regressOptions, statement: "regress"))
        } else if first.kind == .identifier || first.isSymbol("{") {
            let (selection, options) = try selectionAndOptions(allowed: [], statement: nil)
            precondition(options.isEmpty)
            statement = .query(selection)
        } else {
            throw QueryError("expected a statement (\(Self.statements.joined(separator: ", "))) or a series selector, found \(Self.describe(first))",
                             at: first)
        }
        if current.isSymbol(";") { _ = take() }
        guard current.kind == .end else { throw QueryError("unexpected \(Self.describe(current)) after the statement", at: current) }
        return statement
    }

    /// `KIND event[, event…]` then window clauses and options in any order.
    private mutating func behavior(_ kind: BehaviorKind, at keyword: Token) throws(QueryError) -> BehaviorQuery {
        var events: [EventName] = []
        let optional = kind == .stickiness || kind == .lifecycle
        if !(optional && (atEnd || Self.isBehaviorWord(current, kind))) {
            repeat {
                if current.isSymbol(",") { _ = take() }
                guard current.kind == .identifier || current.kind == .string else {
                    throw QueryError("expected an event name after '\(kind.rawValue)'\(Self.behaviorExample(kind))", at: current)
                }
                let token = take()
                events.append(EventName(name: token.text, location: token.location, length: token.length))
            } while current.isSymbol(",")
        }
        let counts: ClosedRange<Int> = switch kind {
        case .funnel: 2...32
        case .retention: 1...2
        case .trends: 1...26
        case .experiment, .stickiness, .lifecycle: optional ? 0...1 : 1...1
        }
        guard counts.contains(events.count) else {
            let target = events.last.map { Token(kind: .identifier, text: $0.name, location: $0.location, length: $0.length) } ?? keyword
            throw QueryError("'\(kind.rawValue)' takes \(counts.lowerBound == counts.upperBound ? "\(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)") event\(counts.upperBound == 1 ? "" : "s")\(Self.behaviorExample(kind))",
                             at: target)
        }
        var window: TimeWindow?
        var options: [StatementOption] = []
        while !atEnd {
            let word = current
            switch word.kind == .identifier ? word.text.lowercased() : "" {
            case "since", "last":
                _ = take()
                window = .since(try literal("a duration such as 30d after '\(word.text)'"))
            case "from":
                _ = take()
                let from = try literal("a time after 'from'")
                guard current.isKeyword("to") else { throw QueryError("expected 'to' and an end time after 'from \(from)'", at: current) }
                _ = take()
                window = .between(from: from, to: try literal("a time after 'to'"))
            case "to":
                throw QueryError("expected 'from' and a start time before 'to'", at: word)
            case let clause where Self.clauses.contains(clause):
                throw QueryError("'\(word.text)' does not apply to '\(kind.rawValue)' (events are bucketed by calendar periods)",
                                 at: word)
            default:
                options += try self.options(Self.behaviorOptions[kind] ?? [], statement: kind.rawValue, stopAtClause: true)
            }
        }
        return BehaviorQuery(kind: kind, events: events, window: window, options: options, location: keyword.location)
    }

    /// Whether `token` starts the clauses and options of a behavior statement (no event given).
    private static func isBehaviorWord(_ token: Token, _ kind: BehaviorKind) -> Bool {
        let word = token.text.lowercased()
        return token.kind == .identifier && (["since", "last", "from"].contains(word)
            || (behaviorOptions[kind] ?? []).contains { $0.name == word })
    }

    static func behaviorExample(_ kind: BehaviorKind) -> String {
        switch kind {
        case .funnel: ", e.g. funnel signup, activate, purchase window 7d"
        case .retention: ", e.g. retention signup, purchase period week periods 8"
        case .trends: ", e.g. trends purchase, signup interval week formula 'A / B'"
        case .experiment: ", e.g. experiment purchase exposure flag_shown variant_property variant"
        case .stickiness: ", e.g. stickiness purchase per week"
        case .lifecycle: ", e.g. lifecycle purchase interval month"
        }
    }

    private mutating func selectionAndOptions(allowed: [OptionSpec], statement: String?) throws(QueryError) -> (Selection, [StatementOption]) {
        let start = current
        guard !atEnd else { throw QueryError("expected a series selector, e.g. cpu_usage{service=\"checkout\"}", at: current) }
        var selection = Selection(expression: try expression(), window: nil, step: nil, aggregation: nil, location: start.location)
        let options = try clausesAndOptions(&selection, allowed: allowed, statement: statement)
        return (selection, options)
    }

    /// The clauses (`since`, `from … to`, `step`, `agg`) and options after a selection.
    private mutating func clausesAndOptions(_ selection: inout Selection, allowed: [OptionSpec],
                                            statement: String?) throws(QueryError) -> [StatementOption] {
        var options: [StatementOption] = []
        while !atEnd {
            let word = current
            guard word.kind == .identifier else {
                throw QueryError("unexpected \(Self.describe(word)) after the selection", at: word)
            }
            switch word.text.lowercased() {
            case "since", "last":
                _ = take()
                selection.window = .since(try literal("a duration such as 7d after '\(word.text)'"))
            case "from":
                _ = take()
                let from = try literal("a time after 'from'")
                guard current.isKeyword("to") else { throw QueryError("expected 'to' and an end time after 'from \(from)'", at: current) }
                _ = take()
                selection.window = .between(from: from, to: try literal("a time after 'to'"))
            case "step":
                _ = take()
                selection.step = try literal("a duration such as 1h after 'step'")
            case "to":
                throw QueryError("expected 'from' and a start time before 'to'", at: word)
            case "agg", "aggregation":
                _ = take()
                selection.aggregation = try literal("avg, sum, min, max, last, first or count after '\(word.text)'")
            default:
                options += try self.options(allowed, statement: statement, stopAtClause: true)
            }
        }
        return options
    }

    private mutating func literal(_ what: String) throws(QueryError) -> String {
        guard [.number, .duration, .word, .string, .identifier].contains(current.kind), !atEnd else {
            throw QueryError("expected \(what), found \(Self.describe(current))", at: current)
        }
        return take().text
    }

    private mutating func options(_ allowed: [OptionSpec], statement: String?, stopAtClause: Bool = false) throws(QueryError) -> [StatementOption] {
        var options: [StatementOption] = []
        while !atEnd {
            let word = current
            if stopAtClause && Self.clauses.contains(word.text.lowercased()) && word.kind == .identifier { break }
            guard word.kind == .identifier else { throw QueryError("expected an option name, found \(Self.describe(word))", at: word) }
            let name = word.text.lowercased().replacingOccurrences(of: "-", with: "_")
            guard let spec = allowed.first(where: { $0.name == name }) else {
                let names = allowed.map(\.name)
                let hint = nearestName(to: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
                let context = statement.map { "'\($0)'" } ?? "a selection"
                throw QueryError("unknown option '\(word.text)' for \(context)"
                                 + (hint.isEmpty && !names.isEmpty ? " (options: \(names.joined(separator: ", ")))" : hint), at: word)
            }
            _ = take()
            var values: [String] = []
            if spec.takesValue {
                values.append(try literal("a value for '\(spec.name)'"))
                while current.isSymbol(",") {
                    _ = take()
                    values.append(try literal("another value for '\(spec.name)' after ','"))
                }
            }
            options.append(StatementOption(name: spec.name, values: values, location: word.location))
        }
        return options
    }

    // MARK: Series expressions

    /// The deepest nesting of functions and aggregations a statement may have: deeper input is
    /// an error rather than a stack overflow (the parser recurses once per level).
    public static let maximumDepth = 256

    private var depth = 0

    private mutating func expression() throws(QueryError) -> SeriesExpression {
        let token = current
        guard depth < Self.maximumDepth else {
            throw QueryError("expressions nest deeper than \(Self.maximumDepth) levels", at: token)
        }
        depth += 1
        defer { depth -= 1 }
        if token.kind == .number {
            _ = take()
            return .number(Double(token.text)!)
        }
        if token.kind == .identifier {
            let name = token.text.lowercased()
            let next = tokens[min(position + 1, tokens.count - 1)]
            if Self.aggregations.contains(name) && (next.isSymbol("(") || next.isKeyword("by") || next.isKeyword("without")) {
                _ = take()
                var grouping = try self.grouping()
                _ = try expect("(", "after '\(name)'")
                let operand = try expression()
                _ = try expect(")", "to close '\(name)('")
                if grouping == nil { grouping = try self.grouping() }
                return .aggregate(operation: name, grouping: grouping, operand: operand, location: token.location)
            }
            if next.isSymbol("(") {
                guard Self.functions.contains(name) else {
                    let hint = nearestName(to: name, among: Self.functions + Self.aggregations).map { "; did you mean '\($0)'?" } ?? ""
                    throw QueryError("unknown function '\(token.text)'\(hint)", at: token)
                }
                _ = take()
                _ = take()
                var arguments: [SeriesExpression] = [try expression()]
                while current.isSymbol(",") {
                    _ = take()
                    arguments.append(try expression())
                }
                _ = try expect(")", "to close '\(name)('")
                return .call(name: name, arguments: arguments, location: token.location)
            }
        }
        return .selector(try selector())
    }

    private mutating func grouping() throws(QueryError) -> Grouping? {
        guard current.isKeyword("by") || current.isKeyword("without") else { return nil }
        let without = take().isKeyword("without")
        _ = try expect("(", "before the grouping labels")
        var labels: [String] = []
        while !current.isSymbol(")") {
            guard current.kind == .identifier else { throw QueryError("expected a label name, found \(Self.describe(current))", at: current) }
            labels.append(take().text)
            if current.isSymbol(",") { _ = take() } else { break }
        }
        _ = try expect(")", "after the grouping labels")
        return Grouping(without: without, labels: labels)
    }

    private mutating func selector() throws(QueryError) -> Selector {
        let start = current
        var metric: String?
        if current.kind == .identifier {
            metric = take().text
        }
        var matchers: [Matcher] = []
        if current.isSymbol("{") {
            _ = take()
            while !current.isSymbol("}") {
                let label = current
                guard label.kind == .identifier else {
                    throw QueryError("expected a label name in '{…}', found \(Self.describe(label))", at: label)
                }
                _ = take()
                guard current.kind == .symbol, let operation = Matcher.Operation(rawValue: current.text) else {
                    throw QueryError("expected =, !=, =~ or !~ after '\(label.text)'", at: current)
                }
                _ = take()
                guard current.kind == .string else {
                    throw QueryError("expected a quoted value after '\(label.text)\(operation.rawValue)', e.g. \"checkout\"", at: current)
                }
                matchers.append(Matcher(label: label.text, operation: operation, value: take().text, location: label.location))
                if current.isSymbol(",") { _ = take() } else { break }
            }
            _ = try expect("}", "to close the label matchers")
        }
        guard metric != nil || !matchers.isEmpty else {
            throw QueryError("expected a metric name or '{', found \(Self.describe(start))", at: start)
        }
        var range: String?
        if current.isSymbol("[") {
            _ = take()
            guard current.kind == .duration else { throw QueryError("expected a range such as 5m in '[…]'", at: current) }
            range = take().text
            _ = try expect("]", "to close the range")
        }
        return Selector(metric: metric, matchers: matchers, range: range, location: start.location,
                        metricLength: metric.map { $0.unicodeScalars.count } ?? 1)
    }
}
