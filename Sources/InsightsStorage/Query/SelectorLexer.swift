/// A token of selector text, with its range in character offsets.
struct SelectorToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A metric or label name: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
        case identifier
        case leftBrace
        case rightBrace
        case comma
        /// A run of `=`, `!` and `~`; the parser checks it is one of the four operators.
        case matchOp
        /// A quoted value; ``SelectorToken/value`` holds it with escapes resolved.
        case string
        case end
    }

    let kind: Kind
    /// The source text of the token.
    let text: String
    /// The decoded value of a string token; otherwise the same as `text`.
    let value: String
    let range: Range<Int>
}

/// Splits selector text into tokens, one at a time.
struct SelectorLexer {
    private let text: String
    private let characters: [Character]
    private var offset = 0

    init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    /// Whether `name` is a valid metric name, `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isMetricName(_ name: String) -> Bool {
        guard let first = name.first, isIdentifierStart(first) else { return false }
        return name.allSatisfy(isIdentifierPart)
    }

    /// Whether `name` is a valid label name, `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func isLabelName(_ name: String) -> Bool {
        isMetricName(name) && !name.contains(":")
    }

    private static func isIdentifierStart(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character == "_" || character == ":")
    }

    private static func isIdentifierPart(_ character: Character) -> Bool {
        isIdentifierStart(character) || (character.isASCII && character.isNumber)
    }

    /// The next token; `.end` (repeatedly) once the text is used up.
    mutating func next() throws(SelectorError) -> SelectorToken {
        while offset < characters.count, characters[offset].isWhitespace { offset += 1 }
        let start = offset
        guard offset < characters.count else { return token(.end, from: start) }
        let character = characters[offset]
        switch character {
        case "{": offset += 1; return token(.leftBrace, from: start)
        case "}": offset += 1; return token(.rightBrace, from: start)
        case ",": offset += 1; return token(.comma, from: start)
        case "=", "!", "~":
            while offset < characters.count, "=!~".contains(characters[offset]) { offset += 1 }
            return token(.matchOp, from: start)
        case "\"", "'":
            return try quoted(closing: character)
        case "`":
            return try raw()
        default:
            guard Self.isIdentifierStart(character) else {
                throw .unexpectedCharacter(character, in: text, at: start)
            }
            while offset < characters.count, Self.isIdentifierPart(characters[offset]) { offset += 1 }
            return token(.identifier, from: start)
        }
    }

    private func token(_ kind: Kind, from start: Int, value: String? = nil) -> SelectorToken {
        let source = String(characters[start..<offset])
        return SelectorToken(kind: kind, text: source, value: value ?? source, range: start..<offset)
    }

    private typealias Kind = SelectorToken.Kind

    /// A string in double or single quotes. Escapes as in Go and PromQL: `\a \b \f \n \r \t \v
    /// \\`, the opening quote, `\uXXXX` and `\UXXXXXXXX`. A raw newline ends the string in error.
    private mutating func quoted(closing: Character) throws(SelectorError) -> SelectorToken {
        let start = offset
        offset += 1
        var value = ""
        while true {
            guard offset < characters.count, characters[offset] != "\n" else {
                throw .unterminatedString(in: text, range: start..<offset)
            }
            let character = characters[offset]
            if character == closing {
                offset += 1
                return token(.string, from: start, value: value)
            }
            if character != "\\" {
                value.append(character)
                offset += 1
                continue
            }
            let escapeStart = offset
            offset += 1
            guard offset < characters.count else {
                throw .unterminatedString(in: text, range: start..<offset)
            }
            let escaped = characters[offset]
            offset += 1
            switch escaped {
            case "a": value.append("\u{07}")
            case "b": value.append("\u{08}")
            case "f": value.append("\u{0C}")
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "t": value.append("\t")
            case "v": value.append("\u{0B}")
            case "\\": value.append("\\")
            case closing: value.append(closing)
            case "u", "U":
                value.unicodeScalars.append(try codePoint(digits: escaped == "u" ? 4 : 8, escapeStart: escapeStart))
            default:
                throw .unknownEscape("\\\(escaped)", in: text, range: escapeStart..<offset)
            }
        }
    }

    /// The scalar of a `\u` or `\U` escape whose hex digits start at the current offset.
    private mutating func codePoint(digits: Int, escapeStart: Int) throws(SelectorError) -> Unicode.Scalar {
        var code: UInt32 = 0
        for _ in 0..<digits {
            guard offset < characters.count, let digit = characters[offset].hexDigitValue else {
                let end = min(offset + 1, characters.count)
                throw .unknownEscape(String(characters[escapeStart..<end]), in: text, range: escapeStart..<end)
            }
            code = code &* 16 &+ UInt32(digit)
            offset += 1
        }
        guard let scalar = Unicode.Scalar(code) else {
            throw .invalidCodePoint(String(characters[escapeStart..<offset]), in: text, range: escapeStart..<offset)
        }
        return scalar
    }

    /// A raw string in backticks: no escapes, may span lines (PromQL and Go raw strings).
    private mutating func raw() throws(SelectorError) -> SelectorToken {
        let start = offset
        offset += 1
        while offset < characters.count, characters[offset] != "`" { offset += 1 }
        guard offset < characters.count else {
            throw .unterminatedString(in: text, range: start..<offset)
        }
        offset += 1
        return token(.string, from: start, value: String(characters[(start + 1)..<(offset - 1)]))
    }
}
