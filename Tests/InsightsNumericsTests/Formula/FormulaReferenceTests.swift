import InsightsNumerics
import Testing
import TestSupport

/// Designs against patsy and `poly` against R; see `bench/reference/formula_*`.
struct FormulaReferenceTests {
    /// Relative tolerance of every numeric comparison.
    static let tolerance = 1e-12

    @Test(arguments: patsyCases)
    func matchesPatsy(_ reference: PatsyCase) throws {
        let design = try Formula(reference.formula).design(from: reference.data)
        #expect(design.responseName == reference.responseName)
        #expect(design.columnNames == reference.names)
        #expect(design.termSlices.map(\.name) == reference.terms.map(\.name))
        #expect(design.termSlices.map(\.columns) == reference.terms.map(\.columns))
        #expect(design.usedRows == reference.rows)
        #expect(design.hasIntercept == (reference.names.first == "Intercept"))
        expectClose(design.response, reference.response, "response")
        try #require(design.matrix.rows == reference.design.count)
        try #require(design.matrix.columns == reference.names.count)
        for (i, row) in reference.design.enumerated() {
            expectClose(design.matrix.row(i), row, "row \(i)")
        }
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
