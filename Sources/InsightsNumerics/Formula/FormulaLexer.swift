/// One token of formula text.
struct FormulaToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier, number
        case tilde, plus, minus, star, doubleStar, slash, colon, caret
        case leftParen, rightParen, comma, equals
        case end
    }

    let kind: Kind
    /// The token exactly as written.
    let text: String
    /// Character offsets of the token in the formula.
    let range: Range<Int>
}

/// Splits formula text into tokens.
///
/// Identifiers start with a letter or `_` and go on with letters, digits, `_` and `.`
/// (R's `log.x` style). Numbers are decimal with an optional fraction and exponent
/// (`2`, `0.5`, `.5`, `1e-3`). Whitespace separates tokens and is otherwise ignored.
enum FormulaLexer {
    static func tokenize(_ formula: String) throws(FormulaError) -> [FormulaToken] {
        let characters = Array(formula)
        var tokens: [FormulaToken] = []
        var index = 0

        func emit(_ kind: FormulaToken.Kind, from start: Int) {
            tokens.append(FormulaToken(kind: kind, text: String(characters[start..<index]),
                                       range: start..<index))
        }

        while index < characters.count {
            let start = index
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            if character.isLetter || character == "_" {
                while index < characters.count, isIdentifierBody(characters[index]) { index += 1 }
                emit(.identifier, from: start)
                continue
            }
            if character.isASCIIDigit
                || (character == "." && index + 1 < characters.count && characters[index + 1].isASCIIDigit) {
                index = endOfNumber(characters, from: index)
                emit(.number, from: start)
                continue
            }
            index += 1
            switch character {
            case "~": emit(.tilde, from: start)
            case "+": emit(.plus, from: start)
            case "-": emit(.minus, from: start)
            case "*":
                if index < characters.count, characters[index] == "*" {
                    index += 1
                    emit(.doubleStar, from: start)
                } else {
                    emit(.star, from: start)
                }
            case "/": emit(.slash, from: start)
            case ":": emit(.colon, from: start)
            case "^": emit(.caret, from: start)
            case "(": emit(.leftParen, from: start)
            case ")": emit(.rightParen, from: start)
            case ",": emit(.comma, from: start)
            case "=": emit(.equals, from: start)
            default:
                throw .unexpectedCharacter(character, in: formula, at: start)
            }
        }
        tokens.append(FormulaToken(kind: .end, text: "", range: index..<index))
        return tokens
    }

    private static func isIdentifierBody(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "."
    }

    /// The offset just past a number starting at `start`: digits, an optional fraction,
    /// and an exponent only when digits follow the `e` (so `2e` is `2` then `e`).
    private static func endOfNumber(_ characters: [Character], from start: Int) -> Int {
        var index = start
        func digits() { while index < characters.count, characters[index].isASCIIDigit { index += 1 } }
        digits()
        if index < characters.count, characters[index] == "." {
            index += 1
            digits()
        }
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            var next = index + 1
            if next < characters.count, characters[next] == "+" || characters[next] == "-" { next += 1 }
            if next < characters.count, characters[next].isASCIIDigit {
                index = next
                digits()
            }
        }
        return index
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
