/// A recursive-descent parser for one PromQL series selector.
///
/// Grammar (Prometheus's, without range, offset and `@` modifiers):
///
/// ```
/// selector  = name [ "{" matchers "}" ] | "{" matchers "}"
/// matchers  = [ matcher { "," matcher } [ "," ] ]
/// matcher   = label ( "=" | "!=" | "=~" | "!~" ) string
/// ```
struct SelectorParser {
    private let text: String
    private var lexer: SelectorLexer

    init(_ text: String) {
        self.text = text
        self.lexer = SelectorLexer(text)
    }

    mutating func parse() throws(SelectorError) -> SeriesSelector {
        var token = try lexer.next()
        let start = token.range.lowerBound
        var matchers: [LabelMatcher] = []
        var name: SelectorToken?
        if token.kind == .identifier {
            name = token
            // A valid metric name is a valid literal, so this matcher always exists.
            if let matcher = LabelMatcher(name: SeriesSelector.nameLabel, op: .equal, value: token.text) {
                matchers.append(matcher)
            }
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

    /// Parses matchers after `{` up to and including `}`; returns the offset after `}`.
    private mutating func parseMatchers(into matchers: inout [LabelMatcher],
                                        name: SelectorToken?) throws(SelectorError) -> Int {
        while true {
            let label = try lexer.next()
            if label.kind == .rightBrace { return label.range.upperBound }
            guard label.kind == .identifier else {
                throw .unexpected(label, expected: "a label name or '}'", in: text)
            }
            guard SelectorLexer.isLabelName(label.text) else {
                throw .invalidLabelName(label.text, in: text, range: label.range)
            }
            let opToken = try lexer.next()
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
            if let name, label.text == SeriesSelector.nameLabel {
                throw .nameSetTwice(name.text, value.value, in: text,
                                    range: label.range.lowerBound..<value.range.upperBound)
            }
            guard let matcher = LabelMatcher(name: label.text, op: op, value: value.value) else {
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
