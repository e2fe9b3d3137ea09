import InsightsAnalysis
import Testing

/// Arms from exposure events: first exposure, mixed actors, conditions, window, values.
struct ExperimentAssignmentTests {
    // Events: 0 exposure, 1 purchase. Actors: a (control, buys after), b (test, bought only
    // before exposure), c (test, buys twice: 10 and 5), d (control then test: mixed),
    // e (test exposure of another flag: ignored), f (test, buys 3 days later).
    static let day: Int64 = 86_400_000_000_000
    static let log = EventLog(
        timestamps: [1, 2, 2, 3, 4, 6, 7, 1, 2, 1, 1, 1 + 3 * day],
        actors: [0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5],
        names: [0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1],
        actorIDs: ["a", "b", "c", "d", "e", "f"], eventNames: ["exposure", "purchase"],
        properties: [
            "variant": [#""control""#, nil, nil, #""test""#, #""test""#, nil, nil, #""control""#, #""test""#, #""test""#, #""test""#, nil],
            "flag": [#""x""#, nil, nil, #""x""#, #""x""#, nil, nil, #""x""#, #""x""#, #""y""#, #""x""#, nil],
            "amount": [nil, "3", "9", nil, nil, "10", "5", nil, nil, nil, nil, "7"],
        ])

    @Test func armsConversionsAndMixedActors() {
        let result = ExperimentAssignment.assign(Self.log, exposure: "exposure", metric: "purchase", variantProperty: "variant",
                                                 conditions: [.init(key: "flag", value: "x")], valueProperty: "amount")
        #expect(result.mixed == 1)
        #expect(result.arms.map(\.variant) == ["control", "test"])
        #expect(result.arms.map(\.exposed) == [1, 3])
        #expect(result.arms.map(\.converted) == [1, 2])
        #expect(result.arms[1].values.sorted() == [0, 7, 15])
    }

    @Test func aWindowAfterExposure() {
        let result = ExperimentAssignment.assign(Self.log, exposure: "exposure", metric: "purchase", variantProperty: "variant",
                                                 conditions: [.init(key: "flag", value: "x")], window: Self.day)
        #expect(result.arms.map(\.converted) == [1, 1])
        // Without the flag condition, e's exposure to flag y counts too.
        let all = ExperimentAssignment.assign(Self.log, exposure: "exposure", metric: "purchase", variantProperty: "variant")
        #expect(all.arms.map(\.exposed) == [1, 4])
    }
}
