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

    /// A string in double or single quotes, with Go's (and PromQL's) escapes: `\a \b \f \n \r
    /// \t \v \\`, the opening quote, `\uXXXX`, `\UXXXXXXXX`, and the bytes `\xXX` and `\NNN`
    /// (octal), which together must spell valid UTF-8. A raw newline ends the string in error.
    private mutating func quoted(closing: Character) throws(SelectorError) -> SelectorToken {
        let start = offset
        offset += 1
        var bytes: [UInt8] = []
        while true {
            // A newline may hide in a grapheme cluster ("\r\n" is one Character).
            guard offset < characters.count, !characters[offset].unicodeScalars.contains("\n") else {
                throw .unterminatedString(in: text, range: start..<offset)
            }
            let character = characters[offset]
            offset += 1
            if character == closing { break }
            if character != "\\" {
                bytes.append(contentsOf: character.utf8)
                continue
            }
            let escapeStart = offset - 1
            guard offset < characters.count else {
                throw .unterminatedString(in: text, range: start..<offset)
            }
            let escaped = characters[offset]
            offset += 1
            switch escaped {
            case "a": bytes.append(0x07)
            case "b": bytes.append(0x08)
            case "f": bytes.append(0x0C)
            case "n": bytes.append(0x0A)
            case "r": bytes.append(0x0D)
            case "t": bytes.append(0x09)
            case "v": bytes.append(0x0B)
            case "\\", closing: bytes.append(contentsOf: escaped.utf8)
            case "u", "U":
                let code = try digits(escaped == "u" ? 4 : 8, radix: 16, escapeStart: escapeStart)
                guard let scalar = Unicode.Scalar(code) else {
                    throw .invalidCodePoint(String(characters[escapeStart..<offset]), in: text,
                                            range: escapeStart..<offset)
                }
                bytes.append(contentsOf: String(scalar).utf8)
            case "x":
                bytes.append(UInt8(try digits(2, radix: 16, escapeStart: escapeStart)))
            case "0"..."7":
                offset -= 1
                let code = try digits(3, radix: 8, escapeStart: escapeStart)
                guard code <= 0xFF else {
                    throw .invalidCodePoint(String(characters[escapeStart..<offset]), in: text,
                                            range: escapeStart..<offset)
                }
                bytes.append(UInt8(code))
            default:
                throw .unknownEscape("\\\(escaped)", in: text, range: escapeStart..<offset)
            }
        }
        guard let value = String(validating: bytes, as: UTF8.self) else {
            throw .invalidUTF8(in: text, range: start..<offset)
        }
        return token(.string, from: start, value: value)
    }

    /// The value of exactly `count` digits in `radix` starting at the current offset, the
    /// digits of an escape that starts at `escapeStart`.
    private mutating func digits(_ count: Int, radix: UInt32, escapeStart: Int) throws(SelectorError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<count {
            guard offset < characters.count, let digit = characters[offset].hexDigitValue, digit < radix else {
                let end = min(offset + 1, characters.count)
                throw .unknownEscape(String(characters[escapeStart..<end]), in: text, range: escapeStart..<end)
            }
            code = code &* radix &+ UInt32(digit)
            offset += 1
        }
        return code
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
