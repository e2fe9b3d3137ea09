import InsightsNumerics
import Testing

/// Term algebra and names. Expected names follow patsy's printing of code
/// (`patsy.tokens.normalize_token_spacing`, checked by hand against patsy 1.0.3);
/// expected values are worked out by hand.
struct FormulaParsingTests {
    @Test(arguments: [
        ("y~x1+x2", ["Intercept", "x1", "x2"]),
        ("y ~ 1 + x", ["Intercept", "x"]),
        ("y ~ -1 + x", ["x"]),
        ("y ~ x - 1", ["x"]),
        ("y ~ 0 + x", ["x"]),
        ("y ~ x + 0", ["x"]),
        ("y ~ 0 + x + 1", ["Intercept", "x"]),
        ("y ~ x - 0", ["Intercept", "x"]),
        ("y ~ 0", []),
        ("y ~ x:x", ["Intercept", "x"]),
        ("y ~ b:a + a:b + a", ["Intercept", "b:a", "a"]),
        ("y ~ a*b*c", ["Intercept", "a", "b", "a:b", "c", "a:c", "b:c", "a:b:c"]),
        ("y ~ (a + b + c)^2", ["Intercept", "a", "b", "c", "a:b", "a:c", "b:c"]),
        ("y ~ (a + b)**5", ["Intercept", "a", "b", "a:b"]),
        ("y ~ a/(b + c)", ["Intercept", "a", "a:b", "a:c"]),
        ("y ~ (a + b)/c", ["Intercept", "a", "b", "a:b:c"]),
        ("y ~ a*b - a:b", ["Intercept", "a", "b"]),
        ("y ~ I(x^2)", ["Intercept", "I(x^2)"]),
        ("y ~ I(x ^ 2) + I(x**3)", ["Intercept", "I(x^2)", "I(x ** 3)"]),
        ("y ~ I( x ** 2 )", ["Intercept", "I(x ** 2)"]),
        ("y ~ I(2*-x)", ["Intercept", "I(2 * -x)"]),
        ("y ~ I(-(x+1)/2.50)", ["Intercept", "I(-(x + 1) / 2.50)"]),
        ("y ~ log( x+1 ) + log(x + 1)", ["Intercept", "log(x + 1)"]),
        ("y ~ poly(x,2,raw = True)", ["Intercept", "poly(x, 2, raw=True)"]),
        ("y ~ poly(x, degree=3)", ["Intercept", "poly(x, degree=3)"]),
        ("y ~ C( g ):x", ["Intercept", "C(g):x"]),
    ] as [(String, [String])])
    func termNames(_ text: String, _ expected: [String]) throws {
        #expect(try Formula(text).termNames == expected)
    }

    /// R drops the intercept for `+ -1`; patsy 1.0.3 keeps it. We follow R.
    @Test func plusMinusOneDropsIntercept() throws {
        #expect(try Formula("y ~ x + -1").hasIntercept == false)
    }

    @Test(arguments: [
        ("y ~ x", "y"),
        ("log( y ) ~ x", "log(y)"),
        ("I(y/2) ~ x", "I(y / 2)"),
    ] as [(String, String)])
    func responseName(_ text: String, _ expected: String) throws {
        #expect(try Formula(text).responseName == expected)
    }

    /// Arithmetic inside I() follows Python's precedence: power binds tighter than
    /// unary minus and is right-associative; `^` and `**` are both power.
    @Test(arguments: [
        ("I(-x^2)", [-1.0, -4, -9]),
        ("I(-x**2)", [-1.0, -4, -9]),
        ("I((-x)^2)", [1.0, 4, 9]),
        ("I(2^x^2)", [2.0, 16, 512]),
        ("I(x^-1)", [1.0, 0.5, 1.0 / 3]),
        ("I(1 + 2 * x - x / 2)", [2.5, 4, 5.5]),
        ("I(+x - -x)", [2.0, 4, 6]),
        ("I(1e1 * .5 * x)", [5.0, 10, 15]),
        ("abs(I(1 - x))", [0.0, 1, 2]),
        ("exp(log(x))", [1.0, 2, 3]),
        ("sqrt(I(x * x))", [1.0, 2, 3]),
    ] as [(String, [Double])])
    func arithmetic(_ term: String, _ expected: [Double]) throws {
        let data = FormulaData(["y": .numeric([0, 0, 0]), "x": .numeric([1, 2, 3])])
        let design = try Formula("y ~ 0 + " + term).design(from: data)
        #expect(design.matrix.columns == 1)
        for (a, b) in zip(design.matrix.column(0), expected) {
            #expect(abs(a - b) <= 1e-12 * max(abs(b), 1), "\(term): \(a) vs \(b)")
        }
    }

    @Test func missingRowsAreDroppedListwiseOverReadColumns() throws {
        let data = FormulaData([
            "y": .numeric([1, 2, .nan, 4, 5]),
            "x": .numeric([1, .nan, 3, 4, 5]),
            "unused": .numeric([.nan, .nan, .nan, .nan, .nan]),
        ])
        let design = try Formula("log(y) ~ x").design(from: data)
        #expect(design.usedRows == [0, 3, 4])
        #expect(design.droppedRows == [1, 2])
        #expect(design.matrix.column(1) == [1, 4, 5])
    }

    /// A level seen only in dropped rows gets no column (R's drop.unused.levels; patsy
    /// would keep an all-zero column).
    @Test func levelsComeFromUsedRows() throws {
        let data = FormulaData([
            "y": .numeric([1, 2, 3, .nan]),
            "g": .categorical(["b", "a", "b", "c"]),
        ])
        let design = try Formula("y ~ g").design(from: data)
        #expect(design.columnNames == ["Intercept", "g[T.b]"])
    }

    @Test func oneLevelBesideInterceptHasEmptySlice() throws {
        let data = FormulaData(["y": .numeric([1, 2]), "g": .categorical(["a", "a"])])
        let design = try Formula("y ~ g").design(from: data)
        #expect(design.columnNames == ["Intercept"])
        #expect(design.termSlices == [.init(name: "Intercept", columns: 0..<1),
                                      .init(name: "g", columns: 1..<1)])
    }

    @Test func emptyDesignKeepsItsRows() throws {
        let data = FormulaData(["y": .numeric([1, 2, 3])])
        let design = try Formula("y ~ 0").design(from: data)
        #expect(design.matrix.rows == 3)
        #expect(design.matrix.columns == 0)
        #expect(design.response == [1, 2, 3])
    }
}
