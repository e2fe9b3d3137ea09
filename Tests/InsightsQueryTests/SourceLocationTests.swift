import InsightsQuery
import Testing

struct SourceLocationTests {
    @Test func describesLineAndColumn() {
        #expect(SourceLocation(line: 3, column: 14, offset: 40).description == "3:14")
    }
}
