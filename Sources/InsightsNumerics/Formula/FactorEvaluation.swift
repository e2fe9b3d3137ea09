#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A factor's values on the used rows.
enum EvaluatedFactor: Sendable {
    /// One or more numeric columns, each with its design-column name.
    case numeric(columns: [[Double]], names: [String])
    /// A level index per row into `levels`, which are sorted.
    case categorical(codes: [Int], levels: [String])
}

/// Evaluates factors against data on a fixed set of rows.
struct FactorEvaluator {
    let formula: String
    let data: FormulaData
    /// The rows of `data` to evaluate, counted from 0.
    let rows: [Int]

    func evaluate(_ factor: Factor) throws(FormulaError) -> EvaluatedFactor {
        switch factor.kind {
        case .column(let name):
            if case .categorical(let strings)? = data[name] {
                return categorical(rows.map { strings[$0] })
            }
            return .numeric(columns: [try numeric(.name(name, range: factor.range))], names: [factor.name])
        case .numeric(let expression):
            let values = try numeric(expression)
            try checkFinite(values, name: factor.name, range: factor.range)
            return .numeric(columns: [values], names: [factor.name])
        case .categorical(let expression):
            if case .name(let name, _) = expression, case .categorical(let strings)? = data[name] {
                return categorical(rows.map { strings[$0] })
            }
            let values = try numeric(expression)
            try checkFinite(values, name: expression.text, range: expression.range)
            return categorical(values)
        case .polynomial(let expression, let degree, let raw):
            let x = try numeric(expression)
            try checkFinite(x, name: expression.text, range: expression.range)
            let uniquePoints = Set(x).count
            guard degree < uniquePoints else {
                throw .polyDegree(degree, uniquePoints: uniquePoints, in: formula, range: factor.range)
            }
            let columns = raw
                ? (1...degree).map { power in x.map { pow($0, Double(power)) } }
                : OrthogonalPolynomials(x, degree: degree).columns
            return .numeric(columns: columns, names: (1...degree).map { "\(factor.name)[\($0)]" })
        }
    }

    /// Evaluates arithmetic row by row, checking the domain of `log` and `sqrt`.
    func numeric(_ expression: Expression) throws(FormulaError) -> [Double] {
        switch expression {
        case .number(let value, _, _):
            return [Double](repeating: value, count: rows.count)
        case .name(let name, let range):
            switch data[name] {
            case .numeric(let values)?:
                return rows.map { values[$0] }
            case .categorical?:
                throw .categoricalInArithmetic(name, in: formula, range: range)
            case nil:
                throw .unknownColumn(name, suggestion: nearestName(to: name, among: data.columnNames),
                                     in: formula, range: range)
            }
        case .sign(let sign, let operand, _):
            let values = try numeric(operand)
            return sign == "-" ? values.map { -$0 } : values
        case .parenthesized(let inner, _):
            return try numeric(inner)
        case .binary(let op, let lhs, let rhs):
            let (a, b) = (try numeric(lhs), try numeric(rhs))
            switch op {
            case .add: return zip(a, b).map { $0 + $1 }
            case .subtract: return zip(a, b).map { $0 - $1 }
            case .multiply: return zip(a, b).map { $0 * $1 }
            case .divide: return zip(a, b).map { $0 / $1 }
            case .caretPower, .starPower: return zip(a, b).map { pow($0, $1) }
            }
        case .call(let call):
            // Factor validation guarantees one argument and a known arithmetic function.
            guard let argument = call.arguments.first?.value else { return [] }
            let values = try numeric(argument)
            switch call.name {
            case "log":
                try checkDomain(values, call: call) { $0 > 0 }
                return values.map { log($0) }
            case "sqrt":
                try checkDomain(values, call: call) { $0 >= 0 }
                return values.map { $0.squareRoot() }
            case "exp": return values.map { exp($0) }
            case "abs": return values.map { Swift.abs($0) }
            default: return values  // I()
            }
        }
    }

    private func checkDomain(_ values: [Double], call: Call,
                             _ valid: (Double) -> Bool) throws(FormulaError) {
        for (k, value) in values.enumerated() where !valid(value) {
            throw .domain(call.name, value: value, row: rows[k], in: formula, range: call.range)
        }
    }

    private func checkFinite(_ values: [Double], name: String, range: Range<Int>) throws(FormulaError) {
        for (k, value) in values.enumerated() where !value.isFinite {
            throw .nonFinite(name, value: value, row: rows[k], in: formula, range: range)
        }
    }

    /// Treatment-coding input: levels sorted by Unicode scalar values (Python's string
    /// order, which patsy uses), each row's index into them.
    private func categorical(_ strings: [String]) -> EvaluatedFactor {
        let levels = Set(strings).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        return .categorical(codes: strings.map { index[$0] ?? 0 }, levels: levels)
    }

    /// Numeric levels sorted by value and named as Python prints a float (`2.0`, `0.5`).
    private func categorical(_ values: [Double]) -> EvaluatedFactor {
        let sorted = Set(values.map { $0 == 0 ? 0 : $0 }).sorted()
        let index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
        return .categorical(codes: values.map { index[$0 == 0 ? 0 : $0] ?? 0 },
                            levels: sorted.map { "\($0)" })
    }
}
