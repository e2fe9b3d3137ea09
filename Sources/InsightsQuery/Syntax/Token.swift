/// One token of a statement.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A name: metric, label, keyword, option (`[A-Za-z_:][A-Za-z0-9_:]*`).
        case identifier
        /// A plain number: `42`, `0.95`, `1e-3`.
        case number
        /// A number with time units: `5m`, `48h`, `1h30m`, `250ms`.
        case duration
        /// Any other run starting with a digit, e.g. a date `2026-01-05T00:00:00Z`.
        case word
        /// A quoted string (the token's `text` is the unescaped content).
        case string
        /// `$name` (the token's `text` is the name).
        case variable
        /// `{ } ( ) [ ] , ; = != =~ !~ + - * / ^ ~ :`
        case symbol
        /// A line break between statements.
        case newline
        case end
    }

    public let kind: Kind
    public let text: String
    public let location: TextPosition
    /// The token's length in the source, in Unicode scalars (for carets).
    public let length: Int

    public init(kind: Kind, text: String, location: TextPosition, length: Int) {
        self.kind = kind
        self.text = text
        self.location = location
        self.length = length
    }

    public func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
    public func isKeyword(_ word: String) -> Bool { kind == .identifier && text.lowercased() == word }
}

/// An error in a statement, with where it is and, when one is near, a valid name to use instead.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let location: TextPosition
    /// Scalars to underline (at least 1).
    public let length: Int

    public init(_ message: String, at location: TextPosition, length: Int = 1) {
        self.message = message
        self.location = location
        self.length = max(length, 1)
    }

    public init(_ message: String, at token: Token) {
        self.init(message, at: token.location, length: token.length)
    }

    public var description: String { "\(location): error: \(message)" }

    /// Compiler-style rendering: `line:column: error: message`, the source line, and a caret
    /// line under the offending token.
    public func rendered(source: String, name: String? = nil) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let prefix = name.map { "\($0):" } ?? ""
        var text = "\(prefix)\(location): error: \(message)"
        if location.line - 1 < lines.count {
            let line = String(lines[location.line - 1])
            let indent = String(line.unicodeScalars.prefix(location.column - 1).map { $0 == "\t" ? "\t" : " " })
            let width = min(length, max(1, line.unicodeScalars.count - (location.column - 1)))
            text += "\n    \(line)\n    \(indent)^" + String(repeating: "~", count: max(0, width - 1))
        }
        return text
    }
}
