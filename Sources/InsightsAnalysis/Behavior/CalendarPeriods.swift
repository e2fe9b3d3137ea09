import Foundation
import InsightsNumerics

/// Calendar periods (hour, day, week from Monday, month) in a time zone, numbered so that
/// consecutive periods have consecutive indices: what trends bucket by and what retention's
/// "period k after the start" counts in.
///
/// Local time is UTC plus the zone's offset at that instant (daylight saving included). Day d
/// is the local calendar day d days after 1970-01-01; week w starts on the Monday of local day
/// 4 + 7w (1970-01-05 was a Monday); month m is m months after January 1970; hour h is the
/// local clock hour (on the day clocks go back, the repeated hour's two instances share an
/// index).
public struct CalendarPeriods: Sendable {
    public enum Unit: String, Sendable, CaseIterable {
        case hour, day, week, month
    }

    public let unit: Unit
    public let timeZone: TimeZone

    public init(_ unit: Unit, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.unit = unit
        self.timeZone = timeZone
    }

    /// The index of the period that holds instant `t` (nanoseconds since the epoch, UTC).
    public func index(_ t: Int64) -> Int {
        let local = floorDivide(t, 1_000_000_000) + Int64(offset(at: t))
        let day = Int(floorDivide(local, 86_400))
        switch unit {
        case .hour: return Int(floorDivide(local, 3600))
        case .day: return day
        case .week: return Int(floorDivide(Int64(day - 4), 7))
        case .month:
            let (year, month, _) = Self.civil(fromDays: day)
            return (year - 1970) * 12 + (month - 1)
        }
    }

    /// The UTC instant (nanoseconds) at which period `index` starts locally.
    public func start(ofPeriod index: Int) -> Int64 {
        let localSeconds: Int64 = switch unit {
        case .hour: Int64(index) * 3600
        case .day: Int64(index) * 86_400
        case .week: Int64(4 + 7 * index) * 86_400
        case .month:
            Int64(Self.days(year: 1970 + floorDivide(index, 12), month: index - 12 * floorDivide(index, 12) + 1, day: 1))
                * 86_400
        }
        // The offset in force at that local time: evaluated at a first guess, then corrected once.
        var utc = localSeconds - Int64(offset(at: localSeconds * 1_000_000_000))
        utc = localSeconds - Int64(offset(at: utc * 1_000_000_000))
        return utc * 1_000_000_000
    }

    /// The period's local start as text: `2026-01-05` (day, week, month) or `2026-01-05T13:00`.
    public func label(ofPeriod index: Int) -> String {
        let localSeconds = floorDivide(start(ofPeriod: index), 1_000_000_000)
            + Int64(offset(at: start(ofPeriod: index)))
        let day = Int(floorDivide(localSeconds, 86_400))
        let (year, month, dayOfMonth) = Self.civil(fromDays: day)
        let date = String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
        guard unit == .hour else { return date }
        return date + String(format: "T%02d:00", Int(floorDivide(localSeconds, 3600)) - day * 24)
    }

    /// Seconds east of UTC at instant `t`.
    private func offset(at t: Int64) -> Int {
        if timeZone.identifier == "UTC" || timeZone.identifier == "GMT" { return 0 }
        return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(floorDivide(t, 1_000_000_000))))
    }

    /// (year, month 1–12, day 1–31) of the day `days` after 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let date = CivilCalendar.date(days: Int64(days))
        return (Int(date.year), Int(date.month), Int(date.day))
    }

    /// Days from 1970-01-01 to the given civil date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        Int(CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day)))
    }
}

/// ⌊a / b⌋ for b > 0.
@inlinable
func floorDivide<T: BinaryInteger>(_ a: T, _ b: T) -> T {
    let quotient = a / b
    return (a % b != 0 && a < 0) ? quotient - 1 : quotient
}
