import InsightsNumerics

/// An error found while parsing a PromQL series selector.
///
/// Messages are lowercase and compiler-style, quote the offending token, and carry the
/// range of selector text they refer to, so that ``rendered`` can underline it:
///
/// ```
/// unknown matcher operator '=!'; did you mean '!='?
///   up{job=!"api"}
///         ^~
/// ```
public struct SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case syntax
        case invalidString
        case invalidName
        case invalidRegex
        case emptySelector
        case duplicateName
    }

    private let code: Code

    /// What went wrong, in one lowercase line.
    public let message: String

    /// The selector text the error refers to.
    public let text: String

    /// The offending part of ``text`` as a range of character offsets.
    public let range: Range<Int>

    private init(_ code: Code, _ message: String, text: String, range: Range<Int>) {
        self.code = code
        self.message = message
        self.text = text
        self.range = range
    }

    /// The message followed by the selector with `^~~` under the offending range. Front
    /// ends prefix it with their own `error:` label.
    public var rendered: String {
        let width = max(range.count, 1) - 1
        return [
            message,
            "  " + text,
            "  " + String(repeating: " ", count: range.lowerBound) + "^" + String(repeating: "~", count: width),
        ].joined(separator: "\n")
    }

    /// Same as ``rendered``.
    public var description: String { rendered }
}

// MARK: - Syntax

extension SelectorError {
    static func unexpectedCharacter(_ character: Character, in text: String, at offset: Int) -> SelectorError {
        SelectorError(.syntax, "unexpected character '\(character)'", text: text, range: offset..<(offset + 1))
    }

    static func unexpected(_ token: SelectorToken, expected: String, in text: String) -> SelectorError {
        if token.kind == .end {
            return SelectorError(.syntax, "unexpected end of selector; expected \(expected)",
                                 text: text, range: token.range)
        }
        return SelectorError(.syntax, "unexpected '\(token.text)'; expected \(expected)",
                             text: text, range: token.range)
    }

    static func trailing(_ token: SelectorToken, in text: String) -> SelectorError {
        SelectorError(.syntax, "unexpected '\(token.text)' after the selector", text: text, range: token.range)
    }

    static func unknownOperator(_ token: SelectorToken, in text: String) -> SelectorError {
        // Edit distance ties on two-character operators (`~=` is one edit from both `!=` and
        // `=~`), so a swapped pair is tried first; `==` is PromQL's comparison operator,
        // where the matcher meant is `=`.
        let symbols = MatchOp.allCases.map(\.symbol)
        let swapped = String(token.text.reversed())
        let suggestion = token.text == "==" ? "="
            : symbols.contains(swapped) ? swapped
            : nearestName(to: token.text, among: symbols)
        return SelectorError(.syntax, "unknown matcher operator '\(token.text)'" + hint(suggestion),
                             text: text, range: token.range)
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}

// MARK: - Strings

extension SelectorError {
    static func unterminatedString(in text: String, range: Range<Int>) -> SelectorError {
        SelectorError(.invalidString, "unterminated string", text: text, range: range)
    }

    static func unknownEscape(_ sequence: String, in text: String, range: Range<Int>) -> SelectorError {
        SelectorError(.invalidString, "unknown escape sequence '\(sequence)'", text: text, range: range)
    }

    static func invalidUTF8(in text: String, range: Range<Int>) -> SelectorError {
        SelectorError(.invalidString, "string is not valid UTF-8 after resolving escapes", text: text, range: range)
    }

    static func invalidCodePoint(_ sequence: String, in text: String, range: Range<Int>) -> SelectorError {
        SelectorError(.invalidString, "escape sequence '\(sequence)' is not a valid code point",
                      text: text, range: range)
    }
}

// MARK: - Semantics

extension SelectorError {
    static func invalidLabelName(_ name: String, in text: String, range: Range<Int>) -> SelectorError {
        SelectorError(.invalidName, "invalid label name '\(name)'; label names match [a-zA-Z_][a-zA-Z0-9_]*",
                      text: text, range: range)
    }

    static func emptyName(in text: String, range: Range<Int>) -> SelectorError {
        SelectorError(.invalidName, "a metric or label name must not be empty", text: text, range: range)
    }

    static func invalidRegex(_ pattern: String, in text: String, range: Range<Int>) -> SelectorError {
        SelectorError(.invalidRegex, "invalid regular expression '\(pattern)'", text: text, range: range)
    }

    static func matchesEverything(in text: String, range: Range<Int>) -> SelectorError {
        SelectorError(.emptySelector,
                      "a selector needs a metric name or a matcher that does not match the empty string",
                      text: text, range: range)
    }

    static func nameSetTwice(_ first: String, _ second: String, in text: String, range: Range<Int>) -> SelectorError {
        SelectorError(.duplicateName, "metric name set twice, as '\(first)' and as '\(second)'",
                      text: text, range: range)
    }
}
