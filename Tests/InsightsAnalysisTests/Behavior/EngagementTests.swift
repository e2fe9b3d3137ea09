import InsightsAnalysis
import Testing

/// Stickiness and lifecycle on a hand-made log, days 0… of 1970 in UTC (1970-01-05 is a Monday).
struct EngagementTests {
    static let day: Int64 = 86_400_000_000_000

    /// Actor a: days 4, 4 (twice), 5, 20; actor b: day 6, then day 30; c: days 11 and 25.
    static let log = EventLog(
        timestamps: [4, 4, 5, 20, 6, 30, 11, 25].map { $0 * day + 1 },
        actors: [0, 0, 0, 0, 1, 1, 2, 2], names: [Int32](repeating: 0, count: 8),
        actorIDs: ["a", "b", "c"], eventNames: ["visit"])

    @Test func stickinessCountsDistinctDaysPerWeek() {
        let weeks = CalendarPeriods(.week)
        let rows = Engagement.stickiness(of: nil, in: Self.log, periods: weeks, periodRange: 0..<4)
        // Week 0 (days 4–10): a on days 4, 5 → 2 days; b on day 6 → 1. Week 1 (11–17): c → 1.
        // Week 2 (18–24): a → 1. Week 3 (25–31): b (day 30), c (day 25) → 1 each.
        #expect(rows.map { Array($0.actorsByDays.prefix(3)) } == [[1, 1, 0], [1, 0, 0], [1, 0, 0], [2, 0, 0]])
        #expect(rows[0].meanDays == 1.5)
    }

    @Test func lifecyclePerWeek() {
        let weeks = CalendarPeriods(.week)
        let rows = Engagement.lifecycle(of: "visit", in: Self.log, periods: weeks, periodRange: 0..<4)
        // Week 0: a, b new. Week 1: c new; a, b dormant. Week 2: a resurrecting; c dormant.
        // Week 3: b and c resurrecting; a dormant.
        #expect(rows.map { [$0.new, $0.returning, $0.resurrecting, $0.dormant] }
                == [[2, 0, 0, 0], [1, 0, 0, 2], [0, 0, 1, 1], [0, 0, 2, 1]])
        // Over days, a's day 5 follows day 4: returning.
        let days = Engagement.lifecycle(of: nil, in: Self.log, periods: CalendarPeriods(.day), periodRange: 5..<6)
        #expect(days.map { [$0.new, $0.returning, $0.resurrecting, $0.dormant] } == [[0, 1, 0, 0]])
    }
}
