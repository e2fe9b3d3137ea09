import InsightsQuery
import Testing

struct TextPositionTests {
    @Test func describesLineAndColumn() {
        #expect(TextPosition(line: 3, column: 14, offset: 40).description == "3:14")
    }
}
