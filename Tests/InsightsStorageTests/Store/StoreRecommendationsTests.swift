import InsightsStorage
import Testing
import TestSupport

/// The recommendation history: firing → still firing → resolved → firing again, on a fresh store.
struct StoreRecommendationsTests {
    static func finding(_ fingerprint: String, title: String = "t", severity: String = "warning",
                        confidence: Double = 0.8) -> StoredRecommendation.Finding {
        .init(fingerprint: fingerprint, rule: "capacity", kind: "capacity", severity: severity, title: title,
              subject: #"{"selector":"disk"}"#, evidence: "[]", confidence: confidence, action: "a", statement: "s",
              windowStart: 1, windowEnd: 2)
    }

    @Test func aRepeatedRunUpdatesAndAClearedConditionResolves() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        // Run 1 at t = 100: two new findings.
        let first = try store.recordRecommendations([Self.finding("aaaa"), Self.finding("bbbb")], at: 100)
        #expect(first.map(\.change) == [.opened, .opened])
        #expect(try store.recommendations(status: .firing).map(\.finding.fingerprint) == ["aaaa", "bbbb"])

        // Run 2 at t = 200: "aaaa" again with new numbers, "bbbb" gone.
        let second = try store.recordRecommendations([Self.finding("aaaa", title: "sooner", severity: "critical", confidence: 0.95)], at: 200)
        #expect(second.map(\.change) == [.continued, .resolved])
        #expect(second[0].previous?.finding.severity == "warning")
        let rows = Dictionary(uniqueKeysWithValues: try store.recommendations().map { ($0.finding.fingerprint, $0) })
        #expect(rows.count == 2, "updated, not duplicated")
        let a = try #require(rows["aaaa"]), b = try #require(rows["bbbb"])
        #expect(a.status == .firing && a.firstSeen == 100 && a.lastSeen == 200 && a.resolvedAt == nil)
        #expect(a.finding.title == "sooner" && a.finding.severity == "critical" && a.finding.confidence == 0.95)
        #expect(b.status == .resolved && b.firstSeen == 100 && b.lastSeen == 100 && b.resolvedAt == 200)

        // Run 3 at t = 300: nothing new for "bbbb" to do if absent again (stays resolved, no transition).
        let third = try store.recordRecommendations([Self.finding("aaaa")], at: 300)
        #expect(third.map(\.change) == [.continued])
        #expect(try store.recommendations(status: .resolved).first?.resolvedAt == 200)

        // Run 4 at t = 400: "bbbb" returns: a new episode from 400.
        let fourth = try store.recordRecommendations([Self.finding("aaaa"), Self.finding("bbbb")], at: 400)
        #expect(fourth.map(\.change) == [.continued, .reopened])
        let reopened = try #require(try store.recommendations().first { $0.finding.fingerprint == "bbbb" })
        #expect(reopened.status == .firing && reopened.firstSeen == 400 && reopened.resolvedAt == nil)

        // Run 5 at t = 500: nothing found: both resolve.
        let fifth = try store.recordRecommendations([], at: 500)
        #expect(fifth.map(\.change) == [.resolved, .resolved])
        #expect(try store.recommendations(status: .firing).isEmpty)
        #expect(try store.recommendations().allSatisfy { $0.resolvedAt == 500 })
    }

    @Test func sentTimesAreKeptWhileFiringAndPlanningWritesNothing() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        _ = try store.recordRecommendations([Self.finding("aaaa")], at: 10)
        try store.markRecommendationsSent(["aaaa"], at: 11)
        _ = try store.recordRecommendations([Self.finding("aaaa")], at: 20)
        #expect(try store.recommendations().first?.lastSent == 11)
        let planned = Store.planRecommendations([], existing: try store.recommendations(), at: 30)
        #expect(planned.map(\.change) == [.resolved])
        #expect(try store.recommendations(status: .firing).count == 1, "planning alone changes nothing")
    }

    @Test func repeatedFingerprintsInOneRunKeepTheFirst() throws {
        let store = try Store(path: try TemporaryDatabase.path())
        let transitions = try store.recordRecommendations([Self.finding("aaaa", title: "one"), Self.finding("aaaa", title: "two")], at: 5)
        #expect(transitions.count == 1)
        #expect(try store.recommendations().map(\.finding.title) == ["one"])
    }
}
