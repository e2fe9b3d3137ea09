/// A recursive-descent parser for one PromQL series selector.
///
/// Grammar (Prometheus's, without range, offset and `@` modifiers):
///
/// ```
/// selector  = name [ "{" matchers "}" ] | "{" matchers "}"
/// matchers  = [ item { "," item } [ "," ] ]
/// item      = matcher | string                 (a quoted metric name, Prometheus 3)
/// matcher   = ( label | string ) ( "=" | "!=" | "=~" | "!~" ) string
/// ```
struct SelectorParser {
    private let text: String
    private var lexer: SelectorLexer

    init(_ text: String) {
        self.text = text
        self.lexer = SelectorLexer(text)
    }

    /// A metric name written as a name rather than as a `__name__` matcher.
    private typealias WrittenName = (value: String, range: Range<Int>)

    mutating func parse() throws(SelectorError) -> SeriesSelector {
        var token = try lexer.next()
        let start = token.range.lowerBound
        var matchers: [LabelMatcher] = []
        var name: WrittenName?
        if token.kind == .identifier {
            name = (token.text, token.range)
            matchers.append(Self.nameMatcher(token.text))
            token = try lexer.next()
        }
        var end = name?.range.upperBound ?? start
        if token.kind == .leftBrace {
            end = try parseMatchers(into: &matchers, name: name)
            token = try lexer.next()
        } else if name == nil {
            throw .unexpected(token, expected: "a metric name or '{'", in: text)
        }
        guard token.kind == .end else { throw .trailing(token, in: text) }
        // Prometheus refuses selectors that would select every series.
        guard matchers.contains(where: { !$0.matches("") }) else {
            throw .matchesEverything(in: text, range: start..<end)
        }
        return SeriesSelector(matchers: matchers)
    }

    private static func nameMatcher(_ name: String) -> LabelMatcher {
        // An equality matcher has no pattern to compile, so it always exists.
        LabelMatcher(name: SeriesSelector.nameLabel, op: .equal, value: name)!
    }

    /// Parses matchers after `{` up to and including `}`; returns the offset after `}`.
    ///
    /// As in Prometheus 3, a label name may be quoted (`"service.name"="api"`), and a quoted
    /// string standing alone names the metric (`{"http.server.duration"}`).
    private mutating func parseMatchers(into matchers: inout [LabelMatcher],
                                        name: WrittenName?) throws(SelectorError) -> Int {
        var name = name
        while true {
            let first = try lexer.next()
            let label: String
            let opToken: SelectorToken
            switch first.kind {
            case .rightBrace:
                return first.range.upperBound
            case .identifier:
                guard SelectorLexer.isLabelName(first.text) else {
                    throw .invalidLabelName(first.text, in: text, range: first.range)
                }
                label = first.text
                opToken = try lexer.next()
            case .string:
                let following = try lexer.next()
                if following.kind == .comma || following.kind == .rightBrace {
                    guard !first.value.isEmpty else { throw .emptyName(in: text, range: first.range) }
                    if let conflict = name.map(\.value)
                        ?? matchers.first(where: { $0.name == SeriesSelector.nameLabel })?.value {
                        throw .nameSetTwice(conflict, first.value, in: text, range: first.range)
                    }
                    name = (first.value, first.range)
                    matchers.append(Self.nameMatcher(first.value))
                    if following.kind == .rightBrace { return following.range.upperBound }
                    continue
                }
                guard !first.value.isEmpty else { throw .emptyName(in: text, range: first.range) }
                label = first.value
                opToken = following
            default:
                throw .unexpected(first, expected: "a label name or '}'", in: text)
            }
            guard opToken.kind == .matchOp else {
                throw .unexpected(opToken, expected: "a matcher operator ('=', '!=', '=~' or '!~')", in: text)
            }
            guard let op = MatchOp.allCases.first(where: { $0.symbol == opToken.text }) else {
                throw .unknownOperator(opToken, in: text)
            }
            let value = try lexer.next()
            guard value.kind == .string else {
                throw .unexpected(value, expected: "a quoted label value", in: text)
            }
            if let name, label == SeriesSelector.nameLabel {
                throw .nameSetTwice(name.value, value.value, in: text,
                                    range: first.range.lowerBound..<value.range.upperBound)
            }
            guard let matcher = LabelMatcher(name: label, op: op, value: value.value) else {
                throw .invalidRegex(value.value, in: text, range: value.range)
            }
            matchers.append(matcher)
            let separator = try lexer.next()
            switch separator.kind {
            case .comma: continue
            case .rightBrace: return separator.range.upperBound
            default: throw .unexpected(separator, expected: "',' or '}'", in: text)
            }
        }
    }
}
