/// Arithmetic over series named by letters, period by period: `A / B`, `(A - B) / A * 100`.
/// A is the first series, B the second, and so on; numbers are constants. Operators `+ - * /`
/// with the usual precedence, unary minus and parentheses. A division by zero gives NaN (a
/// period with no sign-ups has no conversion rate), as does any NaN operand.
public struct SeriesFormula: Sendable, CustomStringConvertible {
    indirect enum Node: Sendable {
        case series(Int)
        case constant(Double)
        case negate(Node)
        case binary(Character, Node, Node)
    }

    public let description: String
    let root: Node
    /// The highest series index used, + 1.
    public let seriesCount: Int

    /// A parse error with the 0-based character offset it points at.
    public struct ParseError: Error, Sendable, Equatable {
        public let message: String
        public let offset: Int
    }

    public init(_ text: String) throws(ParseError) {
        var parser = Parser(characters: Array(text))
        let root = try parser.expression()
        parser.skipSpaces()
        guard parser.position == parser.characters.count else {
            throw ParseError(message: "unexpected '\(parser.characters[parser.position])'", offset: parser.position)
        }
        self.root = root
        self.description = text
        self.seriesCount = Self.highest(root) + 1
    }

    /// The formula at each period of `series` (all of the same length).
    public func evaluate(_ series: [[Double]]) -> [Double] {
        precondition(series.count >= seriesCount, "formula uses \(seriesCount) series, given \(series.count)")
        let length = series.first?.count ?? 0
        return (0..<length).map { t in Self.value(root, series, t) }
    }

    private static func value(_ node: Node, _ series: [[Double]], _ t: Int) -> Double {
        switch node {
        case .series(let k): return series[k][t]
        case .constant(let c): return c
        case .negate(let inner): return -value(inner, series, t)
        case .binary(let op, let left, let right):
            let (a, b) = (value(left, series, t), value(right, series, t))
            switch op {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            default: return b == 0 ? .nan : a / b
            }
        }
    }

    private static func highest(_ node: Node) -> Int {
        switch node {
        case .series(let k): k
        case .constant: -1
        case .negate(let inner): highest(inner)
        case .binary(_, let left, let right): max(highest(left), highest(right))
        }
    }

    /// Recursive descent: expression = term (('+'|'-') term)*; term = factor (('*'|'/') factor)*;
    /// factor = '-' factor | '(' expression ')' | LETTER | NUMBER.
    struct Parser {
        let characters: [Character]
        var position = 0

        mutating func skipSpaces() {
            while position < characters.count, characters[position] == " " { position += 1 }
        }

        mutating func expression() throws(ParseError) -> Node {
            var node = try term()
            while true {
                skipSpaces()
                guard position < characters.count, "+-".contains(characters[position]) else { return node }
                let op = characters[position]
                position += 1
                node = .binary(op, node, try term())
            }
        }

        mutating func term() throws(ParseError) -> Node {
            var node = try factor()
            while true {
                skipSpaces()
                guard position < characters.count, "*/".contains(characters[position]) else { return node }
                let op = characters[position]
                position += 1
                node = .binary(op, node, try factor())
            }
        }

        mutating func factor() throws(ParseError) -> Node {
            skipSpaces()
            guard position < characters.count else { throw ParseError(message: "expected a series letter, a number or '('", offset: position) }
            let c = characters[position]
            if c == "-" {
                position += 1
                return .negate(try factor())
            }
            if c == "(" {
                position += 1
                let inner = try expression()
                skipSpaces()
                guard position < characters.count, characters[position] == ")" else {
                    throw ParseError(message: "expected ')'", offset: position)
                }
                position += 1
                return inner
            }
            if let ascii = c.asciiValue, c.isUppercase, c.isLetter {
                position += 1
                return .series(Int(ascii - Character("A").asciiValue!))
            }
            if c.isNumber || c == "." {
                let start = position
                while position < characters.count, characters[position].isNumber || characters[position] == "." { position += 1 }
                guard let number = Double(String(characters[start..<position])) else {
                    throw ParseError(message: "bad number", offset: start)
                }
                return .constant(number)
            }
            throw ParseError(message: "unexpected '\(c)'; series are named A, B, C … in the order given", offset: position)
        }
    }
}
