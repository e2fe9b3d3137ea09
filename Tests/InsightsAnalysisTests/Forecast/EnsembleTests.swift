import InsightsAnalysis
import Testing

struct EnsembleTests {
    /// On a series alternating 9 and 11 the constant members 0, 10, 11 and 100 have validation
    /// MAE 10, 1, 1 and 90 (by hand); the three best are kept and the median of 0, 10 and 11 is 10.
    @Test func keepsTheBestValidatedMembersAndTakesTheirMedian() throws {
        let y = (0..<60).map { $0 % 2 == 0 ? 9.0 : 11.0 }
        let ensemble = Ensemble(members: [100, 11, 0, 10].map { ConstantModel(value: $0) }, validationWindows: 2, keep: 3)
        let chosen = ensemble.selection(y, horizon: 4)
        #expect(Set(chosen.map(\.index)) == [1, 2, 3])
        let maes = chosen.compactMap(\.mae).sorted()
        #expect(maes.count == 3 && abs(maes[0] - 1) < 1e-12 && abs(maes[1] - 1) < 1e-12 && abs(maes[2] - 10) < 1e-12)
        let forecast = try ensemble.forecast(y, horizon: 4, levels: [])
        #expect(forecast.mean == [10, 10, 10, 10])
    }

    /// Too short to validate: every member is combined.
    @Test func shortHistoryCombinesEveryMember() throws {
        let ensemble = Ensemble(members: [1, 2, 30].map { ConstantModel(value: $0) })
        #expect(ensemble.selection([5, 5, 5], horizon: 4).count == 3)
        #expect(try ensemble.forecast([5, 5, 5], horizon: 2, levels: []).mean == [2, 2])
    }
}
