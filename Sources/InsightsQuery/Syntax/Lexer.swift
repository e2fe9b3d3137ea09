/// Splits statement text into tokens. Comments run from `--` or `#` to the end of the line.
public struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private let base: TextPosition

    /// - Parameter base: Where `text` starts in its script (for locations in longer files).
    public init(_ text: String, base: TextPosition = TextPosition(line: 1, column: 1, offset: 0)) {
        scalars = Array(text.unicodeScalars)
        self.base = base
        line = base.line
        column = base.column
    }

    /// Every token, ending with `.end`.
    public static func tokens(_ text: String, base: TextPosition = TextPosition(line: 1, column: 1, offset: 0))
        throws(QueryError) -> [Token] {
        var lexer = Lexer(text, base: base)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var location: TextPosition { TextPosition(line: line, column: column, offset: base.offset + index) }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c == ":" || (c.value < 128 && c.properties.isAlphabetic)
    }

    static func isNameContinue(_ c: Unicode.Scalar) -> Bool {
        isNameStart(c) || ("0"..."9").contains(c)
    }

    public mutating func next() throws(QueryError) -> Token {
        // Blanks and comments.
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" {
                advance()
            } else if c == "#" || (c == "-" && peek(1) == "-") {
                while let d = peek(), d != "\n" { advance() }
            } else if c == "\\" && peek(1) == "\n" {
                advance()
                advance()
            } else {
                break
            }
        }
        let start = location
        let startIndex = index
        guard let c = peek() else { return Token(kind: .end, text: "", location: start, length: 1) }
        func token(_ kind: Token.Kind, _ text: String) -> Token {
            Token(kind: kind, text: text, location: start, length: index - startIndex)
        }
        if c == "\n" {
            advance()
            return token(.newline, "\n")
        }
        if Self.isNameStart(c) {
            var text = ""
            while let d = peek(), Self.isNameContinue(d) {
                text.unicodeScalars.append(d)
                advance()
            }
            return token(.identifier, text)
        }
        if ("0"..."9").contains(c) || (c == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            var text = ""
            while let d = peek(), Self.isNameContinue(d) || d == "." || d == "-" || d == "+" {
                // A sign belongs to the run only inside an exponent or a date/time (after e/E, a digit or T).
                if d == "-" || d == "+" {
                    guard let last = text.unicodeScalars.last, last == "e" || last == "E" || ("0"..."9").contains(last)
                        || last == "T" || last == ":" else { break }
                    guard let after = peek(1), ("0"..."9").contains(after) else { break }
                }
                text.unicodeScalars.append(d)
                advance()
            }
            return token(Self.classify(text), text)
        }
        if c == "'" || c == "\"" {
            advance()
            var text = ""
            while true {
                guard let d = peek(), d != "\n" else {
                    throw QueryError("unterminated string (add the closing \(c))", at: start, length: index - startIndex)
                }
                advance()
                if d == c { break }
                if d == "\\", let e = peek() {
                    advance()
                    switch e {
                    case "n": text += "\n"
                    case "t": text += "\t"
                    default: text.unicodeScalars.append(e)
                    }
                } else {
                    text.unicodeScalars.append(d)
                }
            }
            return token(.string, text)
        }
        if c == "$" {
            advance()
            var name = ""
            while let d = peek(), Self.isNameContinue(d) {
                name.unicodeScalars.append(d)
                advance()
            }
            guard !name.isEmpty else { throw QueryError("'$' must be followed by a variable name", at: start) }
            return token(.variable, name)
        }
        for pair in ["!=", "=~", "!~"] where peek() == pair.unicodeScalars.first && peek(1) == pair.unicodeScalars.dropFirst().first {
            advance()
            advance()
            return token(.symbol, pair)
        }
        if "{}()[],;=+-*/^~:<>".unicodeScalars.contains(c) {
            advance()
            return token(.symbol, String(c))
        }
        throw QueryError("unexpected character '\(c)'", at: start)
    }

    /// `number`, `duration` (digits with unit letters, possibly repeated: 1h30m) or `word`.
    static func classify(_ text: String) -> Token.Kind {
        if Double(text) != nil { return .number }
        if DurationLiteral.nanoseconds(text) != nil { return .duration }
        return .word
    }
}

/// Durations written as numbers with units: `250ms`, `30s`, `5m`, `48h`, `7d`, `2w`, `1y`, `1h30m`.
public enum DurationLiteral {
    static let units: [(String, Int64)] = [("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000),
                                           ("h", 3_600_000_000_000), ("d", 86_400_000_000_000),
                                           ("w", 604_800_000_000_000), ("y", 31_536_000_000_000_000)]

    /// The duration in nanoseconds, or nil when `text` is not one.
    public static func nanoseconds(_ text: String) -> Int64? {
        var rest = Substring(text)
        var total: Int64 = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let amount = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(rest.hasPrefix("ms") && $0.0 == "m") }) else {
                return nil
            }
            rest = rest.dropFirst(unit.0.count)
            let (product, overflow) = amount.multipliedReportingOverflow(by: unit.1)
            guard !overflow else { return nil }
            let (sum, sumOverflow) = total.addingReportingOverflow(product)
            guard !sumOverflow else { return nil }
            total = sum
        }
        return total
    }
}
