import Foundation
import InsightsAnalysis
import Testing

/// Retention on a small log worked out by hand, days in UTC unless said otherwise.
struct RetentionTests {
    static let day: Int64 = 86_400_000_000_000
    static let hour: Int64 = 3_600_000_000_000

    /// p: S day 0 10:00, R day 0 12:00 and day 2. q: R day 1 01:00 before S day 1 05:00, R day 5.
    /// r: S day 0 only. s: R only (in no cohort).
    static let log = FunnelTests.log([
        ("p", "S", 10 * hour, nil), ("p", "R", 12 * hour, nil), ("p", "R", 2 * day, nil),
        ("q", "R", day + hour, nil), ("q", "S", day + 5 * hour, nil), ("q", "R", 5 * day, nil),
        ("r", "S", 3 * hour, nil), ("s", "R", hour, nil),
    ])

    @Test func classicCountsTheExactPeriod() {
        let cohorts = Retention(startEvent: "S", returnEvent: "R", periods: CalendarPeriods(.day), count: 3).run(Self.log)
        #expect(cohorts.map(\.label) == ["1970-01-01", "1970-01-02"])
        #expect(cohorts.map(\.size) == [2, 1])
        // Day 0: p returns on days 0 and 2. Day 1: q's return earlier the same day counts for period 0.
        #expect(cohorts.map(\.counts) == [[1, 0, 1], [1, 0, 0]])
        #expect(cohorts[0].rates == [0.5, 0, 0.5])
        #expect(cohorts.map(\.observedPeriods) == [3, 3])
    }

    @Test func rollingCountsThatPeriodOrLater() {
        let cohorts = Retention(startEvent: "S", returnEvent: "R", periods: CalendarPeriods(.day), count: 3,
                                mode: .rolling).run(Self.log)
        // p's last return is period 2, q's is period 4 (beyond N, still "later").
        #expect(cohorts.map(\.counts) == [[1, 1, 1], [1, 1, 1]])
    }

    @Test func observationEndLimitsObservedPeriods() {
        let cohorts = Retention(startEvent: "S", returnEvent: "R", periods: CalendarPeriods(.day), count: 3)
            .run(Self.log, observedUntil: 2 * Self.day + 12 * Self.hour)
        #expect(cohorts.map(\.observedPeriods) == [3, 2])
    }

    /// With the same start and return event, period 0 holds every actor of the cohort.
    @Test func sameEventFillsPeriodZero() {
        let cohorts = Retention(startEvent: "R", returnEvent: "R", periods: CalendarPeriods(.day), count: 2).run(Self.log)
        #expect(cohorts.allSatisfy { $0.counts[0] == $0.size })
        #expect(cohorts.map(\.size) == [2, 1])  // p (day 0 12:00), s (day 0 01:00); q (day 1 01:00)
        #expect(cohorts.map(\.counts) == [[2, 0], [1, 0]])
    }

    /// Sunday 23:30 UTC is Monday 00:30 in Berlin: the cohort moves to the next week there.
    @Test func weeksFollowTheTimeZone() {
        let sunday = 10 * Self.day + 23 * Self.hour + Self.hour / 2  // 1970-01-11 was a Sunday
        let log = FunnelTests.log([("u", "S", sunday, nil), ("u", "R", sunday + 12 * Self.hour, nil)])
        let utc = Retention(startEvent: "S", returnEvent: "R", periods: CalendarPeriods(.week), count: 2).run(log)
        #expect(utc.map(\.label) == ["1970-01-05"] && utc[0].counts == [0, 1])
        let berlin = Retention(startEvent: "S", returnEvent: "R",
                               periods: CalendarPeriods(.week, timeZone: TimeZone(identifier: "Europe/Berlin")!),
                               count: 2).run(log)
        #expect(berlin.map(\.label) == ["1970-01-12"] && berlin[0].counts == [1, 0])
    }
}
