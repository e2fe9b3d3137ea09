/// A recursive-descent parser from tokens to ``TermSyntax`` and ``Expression``.
///
/// The grammar is in `docs/FORMULAS.md`. Precedence outside calls follows patsy
/// (loosest first): `~`; binary and unary `+ -`; `* /`; `:`; `** ^`. Inside calls it is
/// Python's: `+ -`; `* /`; unary `+ -`; `** ^` (right-associative).
struct FormulaParser {
    private let formula: String
    private let tokens: [FormulaToken]
    private var position = 0

    private init(formula: String, tokens: [FormulaToken]) {
        self.formula = formula
        self.tokens = tokens
    }

    /// Parses `response ~ terms`.
    static func parse(_ formula: String) throws(FormulaError) -> (response: Expression, terms: TermSyntax) {
        let tokens = try FormulaLexer.tokenize(formula)
        guard tokens.contains(where: { $0.kind == .tilde }) else { throw .missingTilde(in: formula) }
        var parser = FormulaParser(formula: formula, tokens: tokens)
        if parser.current.kind == .tilde {
            throw .unexpected(parser.current, expected: "a response before '~'", in: formula)
        }
        let lhs = try parser.parseSum()
        guard case .factor(let response) = lhs else { throw .badResponse(in: formula, range: lhs.range) }
        try parser.expect(.tilde, "'~'")
        let rhs = try parser.parseSum()
        try parser.expect(.end, "'+', '-', '*', '/', ':' or the end of the formula")
        return (response, rhs)
    }

    // MARK: Tokens

    private var current: FormulaToken { tokens[position] }

    private var next: FormulaToken { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func advance() -> FormulaToken {
        let token = tokens[position]
        if token.kind != .end { position += 1 }
        return token
    }

    @discardableResult
    private mutating func expect(_ kind: FormulaToken.Kind,
                                 _ description: String) throws(FormulaError) -> FormulaToken {
        guard current.kind == kind else { throw .unexpected(current, expected: description, in: formula) }
        return advance()
    }

    // MARK: Term algebra

    private mutating func parseSum() throws(FormulaError) -> TermSyntax {
        var lhs = try parseSigned()
        while current.kind == .plus || current.kind == .minus {
            let op: TermOperator = advance().kind == .plus ? .add : .subtract
            let rhs = try parseSigned()
            lhs = .binary(op, lhs, rhs, range: lhs.range.lowerBound..<rhs.range.upperBound)
        }
        return lhs
    }

    private mutating func parseSigned() throws(FormulaError) -> TermSyntax {
        guard current.kind == .plus || current.kind == .minus else { return try parseProduct() }
        let sign = advance()
        let operand = try parseSigned()
        return .sign(sign.text, operand, range: sign.range.lowerBound..<operand.range.upperBound)
    }

    private mutating func parseProduct() throws(FormulaError) -> TermSyntax {
        var lhs = try parseInteraction()
        while current.kind == .star || current.kind == .slash {
            let op: TermOperator = advance().kind == .star ? .cross : .nest
            let rhs = try parseInteraction()
            lhs = .binary(op, lhs, rhs, range: lhs.range.lowerBound..<rhs.range.upperBound)
        }
        return lhs
    }

    private mutating func parseInteraction() throws(FormulaError) -> TermSyntax {
        var lhs = try parsePower()
        while current.kind == .colon {
            _ = advance()
            let rhs = try parsePower()
            lhs = .binary(.interact, lhs, rhs, range: lhs.range.lowerBound..<rhs.range.upperBound)
        }
        return lhs
    }

    private mutating func parsePower() throws(FormulaError) -> TermSyntax {
        var lhs = try parsePrimary()
        while current.kind == .doubleStar || current.kind == .caret {
            _ = advance()
            let rhs = try parsePrimary()
            lhs = .binary(.power, lhs, rhs, range: lhs.range.lowerBound..<rhs.range.upperBound)
        }
        return lhs
    }

    private mutating func parsePrimary() throws(FormulaError) -> TermSyntax {
        switch current.kind {
        case .leftParen:
            _ = advance()
            let inner = try parseSum()
            try expect(.rightParen, "')'")
            return inner
        case .number:
            let token = advance()
            return .number(token.text, range: token.range)
        case .identifier:
            return .factor(try parseNameOrCall())
        default:
            throw .unexpected(current, expected: "a term", in: formula)
        }
    }

    // MARK: Arithmetic inside calls

    private mutating func parseArithmetic() throws(FormulaError) -> Expression {
        var lhs = try parseArithmeticProduct()
        while current.kind == .plus || current.kind == .minus {
            let op: ArithmeticOperator = advance().kind == .plus ? .add : .subtract
            lhs = .binary(op, lhs, try parseArithmeticProduct())
        }
        return lhs
    }

    private mutating func parseArithmeticProduct() throws(FormulaError) -> Expression {
        var lhs = try parseArithmeticSigned()
        while current.kind == .star || current.kind == .slash {
            let op: ArithmeticOperator = advance().kind == .star ? .multiply : .divide
            lhs = .binary(op, lhs, try parseArithmeticSigned())
        }
        return lhs
    }

    private mutating func parseArithmeticSigned() throws(FormulaError) -> Expression {
        guard current.kind == .plus || current.kind == .minus else { return try parseArithmeticPower() }
        let sign = advance()
        let operand = try parseArithmeticSigned()
        return .sign(sign.text, operand, range: sign.range.lowerBound..<operand.range.upperBound)
    }

    private mutating func parseArithmeticPower() throws(FormulaError) -> Expression {
        let base = try parseArithmeticAtom()
        guard current.kind == .doubleStar || current.kind == .caret else { return base }
        let op: ArithmeticOperator = advance().kind == .caret ? .caretPower : .starPower
        return .binary(op, base, try parseArithmeticSigned())
    }

    private mutating func parseArithmeticAtom() throws(FormulaError) -> Expression {
        switch current.kind {
        case .number:
            let token = advance()
            // The lexer only produces digits, '.', 'e' and signs, which Double accepts.
            return .number(Double(token.text) ?? .nan, text: token.text, range: token.range)
        case .identifier:
            return try parseNameOrCall()
        case .leftParen:
            let open = advance()
            let inner = try parseArithmetic()
            let close = try expect(.rightParen, "')'")
            return .parenthesized(inner, range: open.range.lowerBound..<close.range.upperBound)
        default:
            throw .unexpected(current, expected: "an expression", in: formula)
        }
    }

    private mutating func parseNameOrCall() throws(FormulaError) -> Expression {
        let name = advance()
        guard current.kind == .leftParen else { return .name(name.text, range: name.range) }
        _ = advance()
        var arguments: [Argument] = []
        while current.kind != .rightParen {
            if !arguments.isEmpty { try expect(.comma, "',' or ')'") }
            var label: String?
            let start = current.range.lowerBound
            if current.kind == .identifier, next.kind == .equals {
                label = advance().text
                _ = advance()
            }
            let value = try parseArithmetic()
            arguments.append(Argument(label: label, value: value,
                                      range: start..<value.range.upperBound))
        }
        let close = advance()
        return .call(Call(name: name.text, nameRange: name.range, arguments: arguments,
                          range: name.range.lowerBound..<close.range.upperBound))
    }
}
