/// A model formula in R/patsy notation, such as `log(y) ~ x1 * C(region) + I(x2^2)`.
///
/// Parsing checks the syntax, the function names and their arguments; column names and
/// types are checked against data by ``design(from:)``. The grammar and every semantic
/// choice (naming, term order, coding, missing rows) are in `docs/FORMULAS.md`.
///
/// ```swift
/// let formula = try Formula("y ~ x * C(g)")
/// let design = try formula.design(from: data)
/// design.columnNames  // ["Intercept", "C(g)[T.b]", "x", "x:C(g)[T.b]"]
/// ```
public struct Formula: Sendable, CustomStringConvertible {
    /// The formula as given.
    public let text: String
    /// Whether the design has an intercept column: true unless `0 +`, `+ 0` or `- 1`
    /// removes it.
    public let hasIntercept: Bool

    let response: Factor
    let factors: [Factor]
    /// The right-hand side's terms in formula order, without the intercept.
    let terms: [Term]

    /// Parses a formula.
    ///
    /// - Parameter text: `response ~ terms`.
    /// - Throws: ``FormulaError`` for a syntax error, an unknown function, a bad argument
    ///   or term (`x:1`, `2`), or a response that is not one numeric column or transform.
    public init(_ text: String) throws(FormulaError) {
        self.text = text
        let (responseSyntax, termSyntax) = try FormulaParser.parse(text)
        response = try Factor(responseSyntax, formula: text)
        switch response.kind {
        case .column, .numeric: break
        case .categorical, .polynomial: throw .badResponse(in: text, range: response.range)
        }
        var expansion = TermExpansion(formula: text)
        let list = try expansion.expand(termSyntax)
        hasIntercept = !list.interceptRemoved
        factors = expansion.factors
        terms = list.terms.filter { !$0.factors.isEmpty }
    }

    /// The response's name: the left-hand side with whitespace normalised.
    public var responseName: String { response.name }

    /// The right-hand side's term names in the order written, after expanding `*`, `/`
    /// and powers and removing duplicates; the design may order them differently.
    public var termNames: [String] {
        (hasIntercept ? ["Intercept"] : []) + terms.map(name(of:))
    }

    /// The data columns the formula reads, response included.
    public var variableNames: Set<String> {
        Set(([response] + factors).flatMap { $0.columnReferences.map(\.name) })
    }

    /// The formula as given.
    public var description: String { text }

    /// A term's name: its factors' names joined by `:`.
    func name(of term: Term) -> String {
        term.factors.isEmpty ? "Intercept" : term.factors.map { factors[$0].name }.joined(separator: ":")
    }
}
