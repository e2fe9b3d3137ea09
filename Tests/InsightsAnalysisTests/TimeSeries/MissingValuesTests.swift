import InsightsAnalysis
import Testing

struct MissingValuesTests {
    /// Expected values worked by hand: a gap of two between 1 and 4 gets 2 and 3; the ends
    /// take the nearest observation (pandas `interpolate(limit_direction="both")` gives the same).
    @Test func gapsAreInterpolatedAndEndsHeld() {
        let nan = Double.nan
        #expect(MissingValues.interpolated([nan, 1, nan, nan, 4, 5, nan]) == [1, 1, 2, 3, 4, 5, 5])
        #expect(MissingValues.count([nan, 1, nan]) == 2)
        #expect(MissingValues.interpolated([nan, nan]).allSatisfy { $0.isNaN })
        #expect(MissingValues.interpolated([]) == [])
    }
}
