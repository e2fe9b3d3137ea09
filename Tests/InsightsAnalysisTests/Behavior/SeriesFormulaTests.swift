@testable import InsightsAnalysis
import Testing

struct SeriesFormulaTests {
    @Test func precedenceParenthesesAndDivisionByZero() throws {
        let a: [Double] = [10, 20, 0], b: [Double] = [5, 0, 4]
        #expect(try SeriesFormula("A / B").evaluate([a, b]).map { $0.isNaN ? -1 : $0 } == [2, -1, 0])
        #expect(try SeriesFormula("(A - B) / A * 100").evaluate([a, b]).map { $0.isNaN ? -1 : $0 } == [50, 100, -1])
        #expect(try SeriesFormula("A + B * 2").evaluate([a, b]) == [20, 20, 8])
        #expect(try SeriesFormula("-A + 1.5").evaluate([a]) == [-8.5, -18.5, 1.5])
        #expect(try SeriesFormula("C").seriesCount == 3)
    }

    @Test func errorsPointAtTheCharacter() {
        #expect(throws: SeriesFormula.ParseError(message: "expected ')'", offset: 6)) { try SeriesFormula("(A + B") }
        #expect(throws: SeriesFormula.ParseError(message: "unexpected 'x'; series are named A, B, C … in the order given",
                                                offset: 4)) { try SeriesFormula("A / x") }
        #expect(throws: SeriesFormula.ParseError(message: "unexpected 'B'", offset: 2)) { try SeriesFormula("A B") }
    }
}
