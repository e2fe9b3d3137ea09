/// The syntax tree of a formula: term algebra outside calls, arithmetic inside them.
///
/// Outside any call, `+ - * / : ** ^` combine terms the way R and patsy do. Inside a call
/// (`I(...)`, `log(...)`, `poly(...)`) the same symbols are arithmetic, and the whole call
/// is one factor, named by its text with whitespace normalised (see ``Expression/text``).

/// Arithmetic inside a call: the code of one factor.
indirect enum Expression: Sendable, Equatable {
    case number(Double, text: String, range: Range<Int>)
    case name(String, range: Range<Int>)
    case call(Call)
    case sign(String, Expression, range: Range<Int>)
    case binary(ArithmeticOperator, Expression, Expression)
    case parenthesized(Expression, range: Range<Int>)

    /// Where the expression is in the formula text.
    var range: Range<Int> {
        switch self {
        case .number(_, _, let range), .name(_, let range), .sign(_, _, let range),
             .parenthesized(_, let range):
            return range
        case .call(let call):
            return call.range
        case .binary(_, let lhs, let rhs):
            return lhs.range.lowerBound..<rhs.range.upperBound
        }
    }

    /// The expression as patsy prints code: one space around binary operators, none
    /// after a sign or inside parentheses, `", "` between arguments and `=` without
    /// spaces in keyword arguments. Numbers and operators keep their spelling
    /// (`I(x^2)` prints as `I(x ^ 2)`, `I(x**2)` as `I(x ** 2)`).
    var text: String {
        switch self {
        case .number(_, let text, _):
            return text
        case .name(let name, _):
            return name
        case .call(let call):
            let arguments = call.arguments.map { argument in
                (argument.label.map { $0 + "=" } ?? "") + argument.value.text
            }
            return call.name + "(" + arguments.joined(separator: ", ") + ")"
        case .sign(let sign, let operand, _):
            return sign + operand.text
        case .binary(.caretPower, let lhs, let rhs):
            // R's spelling, which the CLI contract names (`I(x^2)`); patsy has no `^` power.
            return lhs.text + "^" + rhs.text
        case .binary(let op, let lhs, let rhs):
            return lhs.text + " " + op.rawValue + " " + rhs.text
        case .parenthesized(let inner, _):
            return "(" + inner.text + ")"
        }
    }
}

/// A binary arithmetic operator, spelled as written.
enum ArithmeticOperator: String, Sendable, Equatable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case caretPower = "^"
    case starPower = "**"
}

/// A function call such as `log(x)` or `poly(x, 2, raw=TRUE)`.
struct Call: Sendable, Equatable {
    let name: String
    let nameRange: Range<Int>
    let arguments: [Argument]
    /// From the function name to the closing parenthesis.
    let range: Range<Int>
}

/// One argument of a call, optionally labelled (`raw=TRUE`).
struct Argument: Sendable, Equatable {
    let label: String?
    let value: Expression
    let range: Range<Int>
}

/// The term algebra on either side of `~`.
indirect enum TermSyntax: Sendable, Equatable {
    /// A number: `0` and `1` control the intercept; others only serve as powers.
    case number(String, range: Range<Int>)
    /// A column name or a call: one factor.
    case factor(Expression)
    case binary(TermOperator, TermSyntax, TermSyntax, range: Range<Int>)
    /// Unary `-` or `+`.
    case sign(String, TermSyntax, range: Range<Int>)

    var range: Range<Int> {
        switch self {
        case .number(_, let range), .binary(_, _, _, let range), .sign(_, _, let range):
            return range
        case .factor(let expression):
            return expression.range
        }
    }
}

/// A binary operator of the term algebra.
enum TermOperator: Sendable, Equatable {
    /// `a + b`: both.
    case add
    /// `a - b`: the terms of `a` not in `b`.
    case subtract
    /// `a * b`: `a + b + a:b`.
    case cross
    /// `a / b`: `a + a:b` (nesting).
    case nest
    /// `a : b`: the interaction.
    case interact
    /// `(a + b) ** 2` or `^ 2`: all interactions up to that order.
    case power
}
