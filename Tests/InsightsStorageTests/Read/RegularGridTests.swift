import InsightsStorage
import Testing

/// Hand-worked grid cases: alignment is floor division by the step from the epoch.
struct RegularGridTests {
    static let second: Int64 = 1_000_000_000

    static let alignmentCases: [(range: Range<Timestamp>, step: Int64, start: Timestamp, count: Int)] = [
        (0..<10 * second, 10 * second, 0, 1),
        (0..<(10 * second + 1), 10 * second, 0, 2),
        (3 * second..<25 * second, 10 * second, 0, 3),
        (10 * second..<20 * second, 10 * second, 10 * second, 1),
        // Before 1970 the start still rounds down, toward −∞.
        (-1..<1, second, -second, 2),
        (-25 * second..<50 * second, 10 * second, -30 * second, 8),
        (-20 * second..<(-10 * second), 10 * second, -20 * second, 1),
        (5 * second..<5 * second, 10 * second, 0, 0),
        // 1969-12-31T23:59:59Z with a one-day step aligns to 1969-12-31T00:00:00Z.
        (-second..<0, 86_400 * second, -86_400 * second, 1),
    ]

    @Test(arguments: alignmentCases)
    func alignsDownToTheStep(range: Range<Timestamp>, step: Int64, start: Timestamp, count: Int) {
        let grid = RegularGrid(aligning: range, step: step)
        #expect(grid.start == start)
        #expect(grid.count == count)
        #expect(grid.step == step)
    }

    @Test func timestampsAndIndexLookUp() {
        let grid = RegularGrid(start: -20 * Self.second, step: 10 * Self.second, count: 3)
        #expect(grid.timestamps == [-20 * Self.second, -10 * Self.second, 0])
        #expect(grid.end == 10 * Self.second)
        #expect(grid.timestamp(at: 2) == 0)
        #expect(grid.index(of: -20 * Self.second - 1) == nil)
        #expect(grid.index(of: -20 * Self.second) == 0)
        #expect(grid.index(of: -10 * Self.second - 1) == 0)
        #expect(grid.index(of: -10 * Self.second) == 1)
        #expect(grid.index(of: -1) == 1)
        #expect(grid.index(of: 0) == 2)
        #expect(grid.index(of: 10 * Self.second - 1) == 2)
        #expect(grid.index(of: 10 * Self.second) == nil)
    }

    @Test func emptyGrid() {
        let grid = RegularGrid(start: 0, step: 1, count: 0)
        #expect(grid.timestamps.isEmpty)
        #expect(grid.index(of: 0) == nil)
    }
}
