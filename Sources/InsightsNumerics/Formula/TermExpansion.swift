/// A term: the interaction of one or more factors (none for the intercept).
///
/// The factors keep the order in which they first appeared, which fixes column names
/// (`x:g[T.b]`), but two terms with the same factors in any order are equal.
struct Term: Sendable, Hashable {
    /// Indices into the formula's factor table, without repeats.
    let factors: [Int]

    init(_ factors: [Int]) {
        var seen = Set<Int>()
        self.factors = factors.filter { seen.insert($0).inserted }
    }

    static let intercept = Term([])

    static func == (lhs: Term, rhs: Term) -> Bool { Set(lhs.factors) == Set(rhs.factors) }

    func hash(into hasher: inout Hasher) { hasher.combine(Set(factors)) }
}

/// The value of a piece of term algebra: patsy's `IntermediateExpr`.
///
/// `intercept` is set by a literal `1` (or `- 0`); `interceptRemoved` by `0` (or `- 1`).
/// At most one of them is true; when neither is, the piece says nothing about the
/// intercept and the enclosing expression decides.
struct TermList: Sendable, Equatable {
    var intercept = false
    var interceptRemoved = false
    /// Distinct terms in order of first appearance.
    var terms: [Term] = []

    init(intercept: Bool = false, interceptRemoved: Bool = false, terms: [Term] = []) {
        self.intercept = intercept
        self.interceptRemoved = interceptRemoved
        var seen = Set<Term>()
        self.terms = terms.filter { seen.insert($0).inserted }
    }
}

/// Evaluates the term algebra of the right-hand side into distinct terms, following
/// patsy's rules (`patsy.desc`), which are R's `terms.formula` rules except where noted
/// in `docs/FORMULAS.md`.
struct TermExpansion {
    let formula: String
    /// Every factor met so far, in order of first appearance.
    private(set) var factors: [Factor] = []
    private var indexByName: [String: Int] = [:]

    init(formula: String) {
        self.formula = formula
    }

    mutating func expand(_ syntax: TermSyntax) throws(FormulaError) -> TermList {
        switch syntax {
        case .number(let text, let range):
            switch Double(text) {
            case 0: return TermList(interceptRemoved: true)
            case 1: return TermList(intercept: true)
            default:
                throw .invalidTerm("numbers other than '0' and '1' are only allowed as powers; found '\(text)'",
                                   in: formula, range: range)
            }
        case .factor(let expression):
            return TermList(terms: [Term([try register(expression)])])
        case .sign(let sign, let operand, let range):
            if sign == "+" { return try expand(operand) }
            switch interceptLiteral(operand) {
            case 0: return TermList(intercept: true)
            case 1: return TermList(interceptRemoved: true)
            default:
                throw .invalidTerm("unary '-' can only be applied to '0' or '1'", in: formula, range: range)
            }
        case .binary(let op, let lhs, let rhs, let range):
            return try expand(op, lhs, rhs, range: range)
        }
    }

    private mutating func expand(_ op: TermOperator, _ lhsSyntax: TermSyntax, _ rhsSyntax: TermSyntax,
                                 range: Range<Int>) throws(FormulaError) -> TermList {
        let lhs = try expand(lhsSyntax)
        switch op {
        case .add:
            let rhs = try expand(rhsSyntax)
            var result = TermList(intercept: lhs.intercept, interceptRemoved: lhs.interceptRemoved,
                                  terms: lhs.terms + rhs.terms)
            if rhs.intercept || rhs.interceptRemoved {
                (result.intercept, result.interceptRemoved) = (rhs.intercept, rhs.interceptRemoved)
            }
            return result
        case .subtract:
            let rhs = try expand(rhsSyntax)
            var result = TermList(intercept: lhs.intercept, interceptRemoved: lhs.interceptRemoved,
                                  terms: lhs.terms.filter { !rhs.terms.contains($0) })
            if rhs.intercept { (result.intercept, result.interceptRemoved) = (false, true) }
            if rhs.interceptRemoved { (result.intercept, result.interceptRemoved) = (true, false) }
            return result
        case .interact:
            return try interaction(lhs, try expand(rhsSyntax), range: range)
        case .cross:
            let rhs = try expand(rhsSyntax)
            let product = try interaction(lhs, rhs, range: range)
            return TermList(terms: lhs.terms + rhs.terms + product.terms)
        case .nest:
            let rhs = try expand(rhsSyntax)
            let combined = TermList(terms: [Term(lhs.terms.flatMap(\.factors))])
            try checkInteractable(lhs, range: range)
            let nested = try interaction(combined, rhs, range: range)
            return TermList(terms: lhs.terms + nested.terms)
        case .power:
            try checkInteractable(lhs, range: range)
            guard case .number(let text, _) = rhsSyntax,
                  let exponent = Int(text), exponent >= 1 else {
                throw .invalidTerm("a power of terms must be a positive integer", in: formula,
                                   range: rhsSyntax.range)
            }
            var all = lhs.terms
            var power = lhs
            for _ in 1..<min(exponent, max(lhs.terms.count, 1)) {
                power = try interaction(lhs, power, range: range)
                all += power.terms
            }
            return TermList(terms: all)
        }
    }

    /// Every term of `lhs` interacted with every term of `rhs`.
    private func interaction(_ lhs: TermList, _ rhs: TermList,
                             range: Range<Int>) throws(FormulaError) -> TermList {
        try checkInteractable(lhs, range: range)
        try checkInteractable(rhs, range: range)
        var terms: [Term] = []
        for left in lhs.terms {
            for right in rhs.terms { terms.append(Term(left.factors + right.factors)) }
        }
        return TermList(terms: terms)
    }

    private func checkInteractable(_ list: TermList, range: Range<Int>) throws(FormulaError) {
        if list.intercept {
            throw .invalidTerm("the intercept cannot interact with other terms", in: formula, range: range)
        }
    }

    /// The value of a literal `0` or `1` (through unary `+`), or nil.
    private func interceptLiteral(_ syntax: TermSyntax) -> Double? {
        switch syntax {
        case .number(let text, _): return Double(text)
        case .sign("+", let operand, _): return interceptLiteral(operand)
        default: return nil
        }
    }

    private mutating func register(_ expression: Expression) throws(FormulaError) -> Int {
        let factor = try Factor(expression, formula: formula)
        if let index = indexByName[factor.name] { return index }
        factors.append(factor)
        indexByName[factor.name] = factors.count - 1
        return factors.count - 1
    }
}
