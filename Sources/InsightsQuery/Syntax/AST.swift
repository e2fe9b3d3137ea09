import Foundation

/// The syntax tree of one statement. See docs/QUERY.md for the grammar.
public enum Statement: Sendable, Equatable {
    /// A selection on its own: show the series.
    case query(Selection)
    /// `trend`, `anomalies`, `forecast`, … over a selection, with options.
    case analysis(Analysis)
    /// `regress 'FORMULA' from 'FILE.csv' [options]`.
    case regress(formula: String, file: String, options: [StatementOption])
    /// `regress 'FORMULA' with name = SELECTOR, … [clauses] [options]`: one series per name,
    /// aligned on the selection's grid; `selection` carries the clauses (its expression is the
    /// first selector).
    case regressSeries(formula: String, columns: [RegressColumn], selection: Selection, options: [StatementOption])
    /// `funnel`, `retention`, `trends`, `experiment`, `stickiness`, `lifecycle` over events.
    case behavior(BehaviorQuery)
    /// `recommend`, `health` and `explain FINGERPRINT`: the recommendation engine.
    case advice(AdviceQuery)
    /// `sql …`, or a line starting with SELECT or WITH: the SQL text as typed.
    case sql(String, location: TextPosition)
    /// `let name = value`.
    case binding(name: String, value: Value)
    /// `.name arguments…` (arguments split on blanks, quotes removed).
    case dot(name: String, arguments: [String], location: TextPosition)
}

/// One named series of `regress … with`.
public struct RegressColumn: Sendable, Equatable {
    public let name: String
    public let selector: Selector
}

/// The statements that analyse a selection.
public enum AnalysisKind: String, Sendable, CaseIterable {
    case trend, anomalies, forecast, backtest, decompose, changepoints
}

/// The statements over behavior events.
public enum BehaviorKind: String, Sendable, CaseIterable {
    case funnel, retention, trends, experiment, stickiness, lifecycle
}

/// The statements over the recommendation engine.
public enum AdviceKind: String, Sendable, CaseIterable {
    case recommend, health, explain
}

/// `recommend [options]`, `health [options]`, `explain FINGERPRINT`.
public struct AdviceQuery: Sendable, Equatable {
    public let kind: AdviceKind
    /// `explain`'s fingerprint (or a prefix of it), as written.
    public let fingerprint: String?
    public let options: [StatementOption]
    public let location: TextPosition
}

/// `KIND event[, event…] [since D | from T to T] [options]`.
public struct BehaviorQuery: Sendable, Equatable {
    public let kind: BehaviorKind
    /// The events named, in order (funnel steps; retention's start and return; …).
    public let events: [EventName]
    public let window: TimeWindow?
    public let options: [StatementOption]
    public let location: TextPosition
}

/// An event name as written, with where.
public struct EventName: Sendable, Equatable {
    public let name: String
    public let location: TextPosition
    public let length: Int
}

public struct Analysis: Sendable, Equatable {
    public let kind: AnalysisKind
    public let selection: Selection
    public let options: [StatementOption]
    public let location: TextPosition
}

/// Series and the window, grid step and aggregation to read them with.
public struct Selection: Sendable, Equatable {
    public var expression: SeriesExpression
    /// `since 7d`, or `from T to T`.
    public var window: TimeWindow?
    /// `step 1h`.
    public var step: String?
    /// `agg avg` (or `aggregation avg`).
    public var aggregation: String?
    public var location: TextPosition
}

public enum TimeWindow: Sendable, Equatable {
    case since(String)
    case between(from: String, to: String)
}

/// A PromQL-style series expression.
public indirect enum SeriesExpression: Sendable, Equatable {
    case selector(Selector)
    /// `rate(x[5m])`, `increase(…)`, `histogram_quantile(0.9, …)`.
    case call(name: String, arguments: [SeriesExpression], location: TextPosition)
    /// `sum by (service) (…)`, `avg without (host) (…)`.
    case aggregate(operation: String, grouping: Grouping?, operand: SeriesExpression, location: TextPosition)
    case number(Double)

    /// Whether this is a plain selector (no function or aggregation).
    public var plainSelector: Selector? {
        if case .selector(let selector) = self, selector.range == nil { return selector }
        return nil
    }
}

public struct Grouping: Sendable, Equatable {
    public let without: Bool
    public let labels: [String]

    public init(without: Bool, labels: [String]) {
        self.without = without
        self.labels = labels
    }
}

/// `metric{label="value", …}[range]`.
public struct Selector: Sendable, Equatable, CustomStringConvertible {
    public var metric: String?
    public var matchers: [Matcher]
    /// A range `[5m]` for range functions.
    public var range: String?
    public var location: TextPosition
    public var metricLength: Int

    /// The selector in PromQL syntax (what the subcommands take), without the range.
    public var description: String {
        let inner = matchers.map { "\($0.label)\($0.operation.rawValue)\"\(Self.escaped($0.value))\"" }.joined(separator: ", ")
        return (metric ?? "") + (matchers.isEmpty && metric != nil ? "" : "{\(inner)}")
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

public struct Matcher: Sendable, Equatable {
    public enum Operation: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", matches = "=~", notMatches = "!~"
    }

    public let label: String
    public let operation: Operation
    public let value: String
    public let location: TextPosition
}

/// `name value[, value…]` after an analysis statement; a flag has no values.
public struct StatementOption: Sendable, Equatable {
    public let name: String
    public let values: [String]
    public let location: TextPosition
}

/// The value of a `let` binding: the text it stands for when `$name` is used.
public struct Value: Sendable, Equatable {
    public let text: String
    public let kind: Token.Kind

    public init(text: String, kind: Token.Kind) {
        self.text = text
        self.kind = kind
    }
}
