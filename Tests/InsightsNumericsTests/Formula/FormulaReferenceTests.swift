import InsightsNumerics
import Testing
import TestSupport

/// Designs against patsy and `poly` against R; see `bench/reference/formula_*`.
struct FormulaReferenceTests {
    /// Relative tolerance of every numeric comparison.
    static let tolerance = 1e-12

    /// The same columns, names, values and term coding as patsy. Column order differs
    /// on purpose (ours follows the formula, see docs/FORMULAS.md), so columns are
    /// matched by name and terms by name.
    @Test(arguments: patsyCases)
    func matchesPatsy(_ reference: PatsyCase) throws {
        let design = try Formula(reference.formula).design(from: reference.data)
        #expect(design.responseName == reference.responseName)
        #expect(design.columnNames.sorted() == reference.names.sorted())
        let ourTerms = Dictionary(uniqueKeysWithValues: design.termSlices.map { ($0.name, $0.columns.count) })
        let patsyTerms = Dictionary(uniqueKeysWithValues: reference.terms.map { ($0.name, $0.columns.count) })
        #expect(ourTerms == patsyTerms)
        #expect(design.usedRows == reference.rows)
        #expect(design.hasIntercept == (reference.names.first == "Intercept"))
        expectClose(design.response, reference.response, "response")
        try #require(design.matrix.rows == reference.design.count)
        try #require(design.matrix.columns == reference.names.count)
        for (j, name) in design.columnNames.enumerated() {
            let k = try #require(reference.names.firstIndex(of: name))
            expectClose(design.matrix.column(j), reference.design.map { $0[k] }, "column \(name)")
        }
    }

    /// Columns follow the formula: intercept, then terms by number of factors, ties as written.
    @Test(arguments: [
        ("y ~ x + C(g)", ["Intercept", "x", "C(g)[T.b]"]),
        ("y ~ C(g) + x", ["Intercept", "C(g)[T.b]", "x"]),
        ("y ~ x:C(g) + C(g) + x", ["Intercept", "C(g)[T.b]", "x", "x:C(g)[T.b]"]),
        ("y ~ 0 + x + C(g)", ["x", "C(g)[a]", "C(g)[b]"]),
    ])
    func columnsFollowTheFormula(formula: String, expected: [String]) throws {
        let data = FormulaData([
            "y": .numeric([1, 2, 3, 4]), "x": .numeric([0.5, 1.5, 2, 3]),
            "g": .categorical(["a", "b", "a", "b"]),
        ])
        let design = try Formula(formula).design(from: data)
        #expect(design.columnNames == expected)
        #expect(design.termSlices.first?.columns.lowerBound == 0)
        #expect(design.termSlices.last?.columns.upperBound == expected.count)
    }

    @Test(arguments: polyCases)
    func polyBasisMatchesR(_ reference: PolyCase) {
        guard !reference.raw else { return }
        let basis = OrthogonalPolynomialsTesting.basis(reference.x, degree: reference.degree)
        #expect(basis.columns.count == reference.degree)
        for (j, column) in reference.columns.enumerated() where j < basis.columns.count {
            expectClose(basis.columns[j], column, "column \(j + 1)", scaled: true)
        }
        expectClose(basis.alpha, reference.alpha, "alpha")
        expectClose(basis.norm2, reference.norm2, "norm2")
    }

    /// `poly` through a formula: the names and the columns R gives.
    @Test(arguments: polyCases)
    func polyTermMatchesR(_ reference: PolyCase) throws {
        let text = "y ~ poly(x, \(reference.degree)" + (reference.raw ? ", raw=TRUE)" : ")")
        let data = FormulaData(["x": .numeric(reference.x),
                                "y": .numeric(reference.x.indices.map(Double.init))])
        let design = try Formula(text).design(from: data)
        let stem = text.dropFirst(4)
        #expect(design.columnNames == ["Intercept"] + (1...reference.degree).map { "\(stem)[\($0)]" })
        #expect(design.termSlices.map(\.name) == ["Intercept", String(stem)])
        for (j, column) in reference.columns.enumerated() {
            expectClose(design.matrix.column(j + 1), column, "column \(j + 1)", scaled: true)
        }
    }

    /// Elementwise relative error at most ``tolerance``. With `scaled`, errors are relative
    /// to the column's largest magnitude instead: an orthogonal-polynomial value near a
    /// root is tiny and carries the absolute rounding error of the whole column.
    private func expectClose(_ computed: [Double], _ reference: [Double], _ what: String,
                             scaled: Bool = false,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(computed.count == reference.count, "\(what): length", sourceLocation: sourceLocation)
        let scale = reference.map { abs($0) }.max() ?? 0
        for (k, (a, b)) in zip(computed, reference).enumerated() {
            let error = scaled ? abs(a - b) / scale : Accuracy.relativeError(a, b)
            #expect(error <= Self.tolerance, "\(what)[\(k)]: \(a) vs \(b)", sourceLocation: sourceLocation)
        }
    }
}
