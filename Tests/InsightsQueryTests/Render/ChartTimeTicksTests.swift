import Foundation
@testable import InsightsQuery
import Testing

/// Time-axis ticks and their label formats. Epoch seconds of the dates below were computed
/// with Python's `datetime(..., tzinfo=timezone.utc).timestamp()`.
struct ChartTimeTicksTests {
    static let second: Int64 = 1_000_000_000
    static let nov27 = Int64(1_764_201_600)  // 2025-11-27 00:00:00 UTC, a Thursday

    @Test func withinADayLabelsHoursAndMinutes() {
        // 08:00 … 14:00; seven labels fit, so hourly ticks (the finest that fits).
        let ticks = TimeTicks(from: (Self.nov27 + 8 * 3600) * Self.second, to: (Self.nov27 + 14 * 3600) * Self.second) { _ in 7 }
        #expect(ticks.format == .clock)
        #expect(ticks.labels == ["08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00"])
    }

    @Test func withinADayWithLessRoomTakesACoarserDivisorOfTheDay() {
        // Six hours in at most three labels: 1 h needs 7, 2 h needs 4 (08, 10, 12, 14),
        // 3 h needs 2 (09, 12: multiples of three hours since midnight).
        let ticks = TimeTicks(from: (Self.nov27 + 8 * 3600) * Self.second, to: (Self.nov27 + 14 * 3600) * Self.second) { _ in 3 }
        #expect(ticks.labels == ["09:00", "12:00"])
    }

    @Test func withinAWeekLabelsDayAndTime() {
        // 11-27 00:00 … 11-30 00:00; four labels: 12 h needs 7, daily needs 4.
        let ticks = TimeTicks(from: Self.nov27 * Self.second, to: (Self.nov27 + 3 * 86_400) * Self.second) { _ in 4 }
        #expect(ticks.format == .dayClock)
        #expect(ticks.labels == ["11-27 00:00", "11-28 00:00", "11-29 00:00", "11-30 00:00"])
    }

    @Test func beyondAWeekLabelsDatesAtMonthStarts() {
        // 2025-01-15 … 2025-06-20 in six labels: fortnights need 11, months need 5.
        let ticks = TimeTicks(from: 1_736_899_200 * Self.second, to: 1_750_377_600 * Self.second) { _ in 6 }
        #expect(ticks.format == .date)
        #expect(ticks.labels == ["2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"])
    }

    @Test func weeksStartOnMonday() {
        // 2025-11-01 (a Saturday) … 2025-11-30 in five labels: two days need 15, weeks need 4.
        let ticks = TimeTicks(from: 1_761_955_200 * Self.second, to: 1_764_460_800 * Self.second) { _ in 5 }
        #expect(ticks.labels == ["2025-11-03", "2025-11-10", "2025-11-17", "2025-11-24"])
    }

    @Test func decadesTickAtRoundYears() {
        // 2001-03-01 … 2024-01-01 in six labels: 2 years need 11, 5 years need 4.
        let ticks = TimeTicks(from: 983_404_800 * Self.second, to: 1_704_067_200 * Self.second) { _ in 6 }
        #expect(ticks.labels == ["2005-01-01", "2010-01-01", "2015-01-01", "2020-01-01"])
    }

    @Test func underAMinuteTicksInSecondsWithSeconds() {
        // 10:00:10 … 10:00:50; three labels of HH:MM:SS: 10 s needs 5, 15 s needs 3.
        let ticks = TimeTicks(from: 1_764_237_610 * Self.second, to: 1_764_237_650 * Self.second) { format in
            format == .clockSeconds ? 3 : 10
        }
        #expect(ticks.format == .clockSeconds)
        #expect(ticks.labels == ["10:00:15", "10:00:30", "10:00:45"])
    }

    @Test func timesBeforeTheEpochRoundDownToTheirDay() {
        // 1969-12-31 22:00 … 1970-01-01 02:00.
        let ticks = TimeTicks(from: -7200 * Self.second, to: 7200 * Self.second) { _ in 5 }
        #expect(ticks.labels == ["22:00", "23:00", "00:00", "01:00", "02:00"])
        #expect(TimeLabelFormat.date.label(-1) == "1969-12-31")
    }

    @Test func aSingleInstantIsOneTick() {
        let instant = (Self.nov27 + 9 * 3600 + 30 * 60) * Self.second + 123
        let ticks = TimeTicks(from: instant, to: instant) { _ in 4 }
        #expect(ticks.times == [instant])
        #expect(ticks.labels == ["09:30"])
    }

    @Test func noRoomGivesNoTicks() {
        let ticks = TimeTicks(from: Self.nov27 * Self.second, to: (Self.nov27 + 3600) * Self.second) { _ in 0 }
        #expect(ticks.times.isEmpty)
    }

    @Test func ticksStayInsideTheSpanAndWithinTheLimit() {
        var random = ChartOutput.SeededRandom(seed: 7)
        for _ in 0..<500 {
            let start = Int64.random(in: -2_000_000_000...4_000_000_000, using: &random) * Self.second
                + Int64.random(in: 0..<Self.second, using: &random)
            let span = Int64(pow(10, Double.random(in: 0...9.5, using: &random)) * 1e9)
            let limit = Int.random(in: 1...12, using: &random)
            let ticks = TimeTicks(from: start, to: start + span) { _ in limit }
            #expect(ticks.times.count <= limit)
            #expect(ticks.times.allSatisfy { $0 >= start && $0 <= start + span })
            #expect(ticks.times == ticks.times.sorted() && Set(ticks.labels).count == ticks.labels.count,
                    "\(ticks.labels)")
            #expect(ticks.labels.allSatisfy { $0.count == ticks.format.width })
        }
    }

    @Test func extremeTimestampsDoNotTrap() {
        let ticks = TimeTicks(from: .min, to: .max) { _ in 5 }
        #expect(ticks.times.count <= 5)
        #expect(ticks.times.allSatisfy { $0 >= .min && $0 <= .max })
    }

    @Test(arguments: [(Int64(0), 1970, 1, 1), (-1, 1969, 12, 31), (11_017, 2000, 3, 1),
                      (19_723, 2024, 1, 1), (19_782, 2024, 2, 29), (20_419, 2025, 11, 27)])
    func civilDatesOfKnownDays(_ days: Int64, _ year: Int, _ month: Int, _ day: Int) {
        let date = CivilTime.date(fromDays: days)
        #expect(date.year == Int64(year) && date.month == month && date.day == day)
        #expect(CivilTime.days(year: Int64(year), month: month, day: day) == days)
    }

    /// Against a naive reference: walk day by day from 1600-03-01 to 2400-03-01, advancing a
    /// (year, month, day) counter with the Gregorian month lengths.
    @Test func civilDatesAgreeWithADayByDayWalk() {
        func isLeap(_ year: Int64) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var (year, month, day): (Int64, Int, Int) = (1600, 3, 1)
        var number = CivilTime.days(year: 1600, month: 3, day: 1)
        while year < 2400 {
            let date = CivilTime.date(fromDays: number)
            guard date.year == year && date.month == month && date.day == day else {
                Issue.record("day \(number): \(date) but walked \(year)-\(month)-\(day)")
                return
            }
            number += 1
            day += 1
            let length = month == 2 && isLeap(year) ? 29 : lengths[month - 1]
            if day > length {
                day = 1
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
        }
        #expect(number == CivilTime.days(year: 2400, month: 1, day: 1))
    }
}
