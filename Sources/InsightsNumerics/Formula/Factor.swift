/// One factor of a term: a column, or a call evaluated as a whole.
///
/// Factors are identified by their normalised text, so `log(x)` and `log( x )` are one
/// factor and `a:b` equals `b:a`.
struct Factor: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A bare column: numeric or categorical, as the data says.
        case column(String)
        /// `I(...)` or a transform such as `log(...)`: numeric arithmetic.
        case numeric(Expression)
        /// `C(...)`: categorical with treatment coding.
        case categorical(Expression)
        /// `poly(x, degree)` or `poly(x, degree, raw=TRUE)`.
        case polynomial(Expression, degree: Int, raw: Bool)
    }

    let name: String
    let kind: Kind
    let range: Range<Int>

    /// The transforms allowed inside arithmetic, each taking one argument.
    static let arithmeticFunctions: Set<String> = ["I", "log", "exp", "sqrt", "abs"]

    /// Every function a formula may call.
    static let functions = ["C", "I", "abs", "exp", "log", "poly", "sqrt"]

    /// Resolves a parsed column name or call into a factor, checking function names,
    /// argument counts and the arguments of `poly`.
    init(_ expression: Expression, formula: String) throws(FormulaError) {
        name = expression.text
        range = expression.range
        switch expression {
        case .name(let column, _):
            kind = .column(column)
        case .call(let call) where call.name == "I":
            let argument = try Factor.singleArgument(of: call, formula: formula)
            try Factor.validateArithmetic(argument, formula: formula)
            kind = .numeric(argument)
        case .call(let call) where Factor.arithmeticFunctions.contains(call.name):
            try Factor.validateArithmetic(expression, formula: formula)
            kind = .numeric(expression)
        case .call(let call) where call.name == "C":
            let argument = try Factor.singleArgument(of: call, formula: formula)
            try Factor.validateArithmetic(argument, formula: formula)
            kind = .categorical(argument)
        case .call(let call) where call.name == "poly":
            kind = try Factor.polynomial(call, formula: formula)
        case .call(let call):
            throw .unknownFunction(call.name,
                                   suggestion: nearestName(to: call.name, among: Factor.functions),
                                   in: formula, range: call.nameRange)
        default:
            throw .invalidTerm("expected a column or a function call", in: formula, range: range)
        }
    }

    /// The columns the factor reads, with where each is named in the formula.
    var columnReferences: [(name: String, range: Range<Int>)] {
        switch kind {
        case .column(let column): return [(column, range)]
        case .numeric(let expression), .categorical(let expression),
             .polynomial(let expression, _, _):
            return expression.columnReferences
        }
    }

    // MARK: Argument checks

    private static func singleArgument(of call: Call, formula: String) throws(FormulaError) -> Expression {
        guard call.arguments.count == 1, let argument = call.arguments.first else {
            let extra = call.name == "C" ? "; contrasts other than treatment are not supported" : ""
            throw .invalidArgument("'\(call.name)' takes exactly one argument, got \(call.arguments.count)" + extra,
                                   in: formula, range: call.range)
        }
        if let label = argument.label {
            throw .invalidArgument("'\(call.name)' takes no argument named '\(label)'",
                                   in: formula, range: argument.range)
        }
        return argument.value
    }

    /// Checks that an expression uses only the arithmetic transforms, each with one argument.
    private static func validateArithmetic(_ expression: Expression, formula: String) throws(FormulaError) {
        switch expression {
        case .number, .name:
            return
        case .sign(_, let operand, _), .parenthesized(let operand, _):
            try validateArithmetic(operand, formula: formula)
        case .binary(_, let lhs, let rhs):
            try validateArithmetic(lhs, formula: formula)
            try validateArithmetic(rhs, formula: formula)
        case .call(let call):
            if call.name == "C" || call.name == "poly" {
                throw .invalidArgument("'\(call.name)' cannot be used inside an expression",
                                       in: formula, range: call.range)
            }
            guard arithmeticFunctions.contains(call.name) else {
                throw .unknownFunction(call.name,
                                       suggestion: nearestName(to: call.name, among: Factor.functions),
                                       in: formula, range: call.nameRange)
            }
            try validateArithmetic(try singleArgument(of: call, formula: formula), formula: formula)
        }
    }

    /// `poly(x, degree)`, `poly(x, degree, raw)`, with `degree=` and `raw=` also accepted.
    private static func polynomial(_ call: Call, formula: String) throws(FormulaError) -> Kind {
        var slots: [String: Argument] = [:]
        let order = ["x", "degree", "raw"]
        for (position, argument) in call.arguments.enumerated() {
            let slot = argument.label ?? (position < order.count ? order[position] : "")
            guard order.contains(slot), slots[slot] == nil else {
                let what = argument.label.map { "argument '\($0)'" } ?? "argument \(position + 1)"
                throw .invalidArgument("'poly' has no \(what); expected poly(x, degree, raw=FALSE)",
                                       in: formula, range: argument.range)
            }
            slots[slot] = argument
        }
        guard let x = slots["x"]?.value, let degreeArgument = slots["degree"] else {
            throw .invalidArgument("'poly' needs a column and a degree, as in poly(x, 2)",
                                   in: formula, range: call.range)
        }
        try validateArithmetic(x, formula: formula)
        guard case .number(let value, _, _) = degreeArgument.value,
              value >= 1, value <= 100, value.rounded() == value else {
            throw .invalidArgument("'poly' degree must be a positive integer, found '\(degreeArgument.value.text)'",
                                   in: formula, range: degreeArgument.value.range)
        }
        var raw = false
        if let rawArgument = slots["raw"] {
            switch rawArgument.value {
            case .name("TRUE", _), .name("True", _), .name("T", _): raw = true
            case .name("FALSE", _), .name("False", _), .name("F", _): raw = false
            default:
                throw .invalidArgument("'raw' must be TRUE or FALSE, found '\(rawArgument.value.text)'",
                                       in: formula, range: rawArgument.value.range)
            }
        }
        return .polynomial(x, degree: Int(value), raw: raw)
    }
}

extension Expression {
    /// The column names the expression reads, in order of appearance.
    var columnReferences: [(name: String, range: Range<Int>)] {
        switch self {
        case .number: return []
        case .name(let name, let range): return [(name, range)]
        case .call(let call): return call.arguments.flatMap { $0.value.columnReferences }
        case .sign(_, let operand, _), .parenthesized(let operand, _): return operand.columnReferences
        case .binary(_, let lhs, let rhs): return lhs.columnReferences + rhs.columnReferences
        }
    }
}
