import InsightsNumerics

/// Renders timestamps for people and files.
public enum TimestampFormat {
    /// ISO 8601 in UTC with a `Z`, e.g. `2026-01-05T00:05:00Z`; fractional seconds are
    /// printed only when present, with as many digits as needed (up to 9).
    public static func iso8601(_ timestamp: Timestamp) -> String {
        let nanosecondsPerSecond: Int64 = 1_000_000_000
        var seconds = timestamp / nanosecondsPerSecond
        var fraction = timestamp % nanosecondsPerSecond
        if fraction < 0 {
            fraction += nanosecondsPerSecond
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fraction != 0 {
            var digits = pad(fraction, 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01.
    public static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        CivilCalendar.date(days: days)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension TimestampFormat {
    /// Parses a timestamp as ingest does (ISO 8601 with or without an offset, plain dates,
    /// unix seconds/ms/µs/ns by magnitude); unzoned text is read in `timeZone`.
    /// - Returns: The instant, or the reason the text is not one.
    public static func parse(_ text: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> Result<Timestamp, TimestampTextError> {
        do throws(FieldError) {
            return .success(try TimestampParser(unit: nil, timeZone: timeZone).parse(text))
        } catch {
            return .failure(TimestampTextError(message: error.message))
        }
    }
}

/// Why a text is not a timestamp.
public struct TimestampTextError: Error, Sendable, Equatable {
    public let message: String
}

import Foundation
