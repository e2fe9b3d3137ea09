import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing

/// Period indices and starts against Foundation's Gregorian calendar (weeks from Monday) in
/// zones with daylight saving and with a half-hour offset, on seeded random instants.
struct CalendarPeriodsTests {
    static let zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]

    /// Foundation's start of the period holding `date`.
    static func referenceStart(_ unit: CalendarPeriods.Unit, _ date: Date, _ zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        let component: Calendar.Component = switch unit {
        case .hour: .hour
        case .day: .day
        case .week: .weekOfYear
        case .month: .month
        }
        return calendar.dateInterval(of: component, for: date)!.start
    }

    @Test(arguments: zones)
    func startsMatchFoundationsCalendar(zone: String) {
        let timeZone = TimeZone(identifier: zone)!
        var random = SplitMix64(seed: 7)
        for unit in CalendarPeriods.Unit.allCases {
            let periods = CalendarPeriods(unit, timeZone: timeZone)
            for _ in 0..<400 {
                // 1990 … 2040, whole seconds.
                let seconds = 631_152_000 + Int64(random.next() % 1_577_836_800)
                let t = seconds * 1_000_000_000
                let index = periods.index(t)
                let expected = Self.referenceStart(unit, Date(timeIntervalSince1970: Double(seconds)), timeZone)
                #expect(periods.start(ofPeriod: index) == Int64(expected.timeIntervalSince1970) * 1_000_000_000,
                        "\(unit) \(zone) \(seconds)")
                #expect(periods.start(ofPeriod: index) <= t && t < periods.start(ofPeriod: index + 1) || unit == .hour)
            }
        }
    }

    @Test func weeksStartOnMondayAndLabelsAreLocalDates() {
        let periods = CalendarPeriods(.week)
        // 2026-01-07 (a Wednesday) 12:00 UTC is in the week of Monday 2026-01-05.
        let t: Int64 = 1_767_787_200 * 1_000_000_000
        #expect(periods.label(ofPeriod: periods.index(t)) == "2026-01-05")
        #expect(CalendarPeriods(.month).label(ofPeriod: CalendarPeriods(.month).index(t)) == "2026-01-01")
        let berlin = CalendarPeriods(.hour, timeZone: TimeZone(identifier: "Europe/Berlin")!)
        #expect(berlin.label(ofPeriod: berlin.index(t)) == "2026-01-07T13:00")
        // Before the epoch too.
        let day = CalendarPeriods(.day)
        #expect(day.label(ofPeriod: day.index(-1)) == "1969-12-31")
    }
}
