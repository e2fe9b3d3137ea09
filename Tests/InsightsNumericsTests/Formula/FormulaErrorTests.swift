import InsightsNumerics
import Testing

/// Diagnostics: message, the range they underline, and the rendered caret line.
struct FormulaErrorTests {
    /// Errors found while parsing, with the character range they point at.
    @Test(arguments: [
        ("y x", "formula has no '~'; expected 'response ~ terms'", nil),
        ("~ x", "unexpected '~'; expected a response before '~'", 0..<1),
        ("y ~ x +", "unexpected end of formula; expected a term", 7..<7),
        ("y ~ (x", "unexpected end of formula; expected ')'", 6..<6),
        ("y ~ x $ z", "unexpected character '$'", 6..<7),
        ("y ~ x z", "unexpected 'z'; expected '+', '-', '*', '/', ':' or the end of the formula", 6..<7),
        ("y ~ lg(x)", "unknown function 'lg'; did you mean 'log'?", 4..<6),
        ("y ~ I(sqr(x))", "unknown function 'sqr'; did you mean 'sqrt'?", 6..<9),
        ("y ~ frobnicate(x)", "unknown function 'frobnicate'", 4..<14),
        ("y ~ x:1", "the intercept cannot interact with other terms", 4..<7),
        ("y ~ (x + 1):z", "the intercept cannot interact with other terms", 5..<13),
        ("y ~ x + 2", "numbers other than '0' and '1' are only allowed as powers; found '2'", 8..<9),
        ("y ~ -x", "unary '-' can only be applied to '0' or '1'", 4..<6),
        ("y ~ (a + b)^z", "a power of terms must be a positive integer", 12..<13),
        ("y ~ poly(x)", "'poly' needs a column and a degree, as in poly(x, 2)", 4..<11),
        ("y ~ poly(x, 2.5)", "'poly' degree must be a positive integer, found '2.5'", 12..<15),
        ("y ~ poly(x, 2, raw=maybe)", "'raw' must be TRUE or FALSE, found 'maybe'", 19..<24),
        ("y ~ poly(x, 2, coefs=1)", "'poly' has no argument 'coefs'; expected poly(x, degree, raw=FALSE)", 15..<22),
        ("y ~ C(g, Sum)", "'C' takes exactly one argument, got 2; contrasts other than treatment are not supported", 4..<13),
        ("y ~ log(poly(x, 2))", "'poly' cannot be used inside an expression", 8..<18),
        ("y + z ~ x", "the response must be one column or one transform of columns", 0..<5),
        ("C(g) ~ x", "the response must be one column or one transform of columns", 0..<4),
    ] as [(String, String, Range<Int>?)])
    func parseError(_ text: String, _ message: String, _ range: Range<Int>?) {
        #expect {
            _ = try Formula(text)
        } throws: { error in
            guard let error = error as? FormulaError else { return false }
            return error.message == message && error.range == range && error.formula == text
        }
    }

    static let data = FormulaData([
        "y": .numeric([1, 2, 3, 4]),
        "x2": .numeric([1, 2, -1, 0]),
        "nan_first": .numeric([.nan, -2, 3, 4]),
        "g": .categorical(["a", "b", "a", "b"]),
        "cpu_usage": .numeric([1, 2, 3, 4]),
        "ties": .numeric([1, 1, 2, 2]),
    ])

    /// Errors found against data: unknown names with the nearest valid one, string
    /// columns in arithmetic, and transforms failing on a row, named in the input's
    /// numbering (from 0, counting dropped rows).
    @Test(arguments: [
        ("y ~ x3", "unknown column 'x3'; did you mean 'x2'?", 4..<6),
        ("y ~ cpu_usgae", "unknown column 'cpu_usgae'; did you mean 'cpu_usage'?", 4..<13),
        ("y ~ log(zzz)", "unknown column 'zzz'", 8..<11),
        ("y ~ log(g)", "column 'g' holds strings and cannot be used in arithmetic", 8..<9),
        ("g ~ x2", "the response 'g' must be numeric", 0..<1),
        ("y ~ log(x2)", "'log' of non-positive value -1.0 in row 2", 4..<11),
        ("y ~ sqrt(x2)", "'sqrt' of negative value -1.0 in row 2", 4..<12),
        ("y ~ log(nan_first)", "'log' of non-positive value -2.0 in row 1", 4..<18),
        ("y ~ I(1 / x2)", "'I(1 / x2)' is inf in row 3", 4..<13),
        ("y ~ exp(I(1000 * y))", "'exp(I(1000 * y))' is inf in row 0", 4..<20),
        ("y ~ poly(ties, 2)", "'poly' degree 2 must be less than the number of unique points (2)", 4..<17),
    ] as [(String, String, Range<Int>?)])
    func dataError(_ text: String, _ message: String, _ range: Range<Int>?) throws {
        let formula = try Formula(text)
        #expect {
            _ = try formula.design(from: Self.data)
        } throws: { error in
            guard let error = error as? FormulaError else { return false }
            return error.message == message && error.range == range
        }
    }

    @Test func noRowsLeft() throws {
        let data = FormulaData(["y": .numeric([.nan, 1]), "x": .numeric([1, .nan])])
        #expect(throws: FormulaError.self) { try Formula("y ~ x").design(from: data) }
        do {
            _ = try Formula("y ~ x").design(from: data)
        } catch {
            #expect(error.message == "no rows left after dropping rows with missing values")
        }
    }

    @Test func renderedUnderlinesTheRange() throws {
        let data = FormulaData(["y": .numeric([1]), "x1": .numeric([1]), "x2": .numeric([1])])
        do {
            _ = try Formula("y ~ x1 + x3").design(from: data)
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered == """
                unknown column 'x3'; did you mean 'x1'?
                  y ~ x1 + x3
                           ^~
                """)
        }
        do {
            _ = try Formula("y ~ x +")
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered == """
                unexpected end of formula; expected a term
                  y ~ x +
                         ^
                """)
        }
    }
}
