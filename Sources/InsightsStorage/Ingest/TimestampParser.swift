import InsightsNumerics
import Foundation

/// Why one field could not be parsed; the caller adds the file, line and column.
package struct FieldError: Error {
    package let message: String
    /// Where in the input the error is, as a 0-based byte offset, when the parser knows it.
    package var byteOffset: Int? = nil
}

/// Parses timestamps from UTF-8 bytes by hand: this is the hot path of ingest, so no
/// `DateFormatter`, no regex, no allocation on success.
///
/// Accepted forms (see docs/DATA.md):
/// - ISO 8601 `YYYY-MM-DD`, optionally followed by `T`, `t` or a space and
///   `hh:mm[:ss[.fraction]]`, optionally followed by `Z`, `±hh:mm`, `±hhmm` or `±hh`.
///   Fractions keep up to 9 digits (ns); further digits are truncated.
/// - A unix epoch number (optionally signed, optionally fractional) whose unit is
///   `unit`, or detected from its magnitude (`TimestampUnit.detect`).
/// Times without an offset are read in `timeZone`.
struct TimestampParser {
    let unit: TimestampUnit?
    let timeZone: TimeZone
    private let isUTC: Bool

    init(unit: TimestampUnit?, timeZone: TimeZone) {
        self.unit = unit
        self.timeZone = timeZone
        self.isUTC = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)) == 0
            && (timeZone.identifier == "UTC" || timeZone.identifier == "GMT" || timeZone.identifier == "Etc/UTC")
    }

    func parse(_ text: String) throws(FieldError) -> Timestamp {
        var text = text
        let result = text.withUTF8 { bytes in Result { () throws(FieldError) -> Timestamp in try parse(bytes) } }
        return try result.get()
    }

    func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(FieldError) -> Timestamp {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { throw FieldError(message: "missing timestamp") }
        let b = UnsafeBufferPointer(rebasing: bytes[start..<end])
        // `YYYY-` marks ISO; anything else that starts like a number is a unix time.
        if b.count >= 5, b[4] == UInt8(ascii: "-"), isDigit(b[0]) {
            return try parseISO(b)
        }
        return try parseEpoch(b)
    }

    // MARK: ISO 8601

    private func parseISO(_ b: UnsafeBufferPointer<UInt8>) throws(FieldError) -> Timestamp {
        var i = 0
        func digits(_ n: Int) throws(FieldError) -> Int64 {
            guard i + n <= b.count else { throw invalid(b) }
            var value: Int64 = 0
            for k in i..<(i + n) {
                guard isDigit(b[k]) else { throw invalid(b) }
                value = value * 10 + Int64(b[k] &- 48)
            }
            i += n
            return value
        }
        func expect(_ c: UInt8) throws(FieldError) {
            guard i < b.count, b[i] == c else { throw invalid(b) }
            i += 1
        }
        let year = try digits(4)
        try expect(UInt8(ascii: "-"))
        let month = try digits(2)
        try expect(UInt8(ascii: "-"))
        let day = try digits(2)
        guard (1...12).contains(month), day >= 1, day <= Self.daysInMonth(year: year, month: month) else {
            throw FieldError(message: "impossible date '\(text(b))'")
        }
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, fraction: Int64 = 0
        var offsetSeconds: Int64? = nil
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 0x20 else { throw invalid(b) }
            i += 1
            hour = try digits(2)
            try expect(UInt8(ascii: ":"))
            minute = try digits(2)
            if i < b.count, b[i] == UInt8(ascii: ":") {
                i += 1
                second = try digits(2)
                if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                    i += 1
                    var count = 0
                    while i < b.count, isDigit(b[i]) {
                        if count < 9 { fraction = fraction * 10 + Int64(b[i] &- 48) }
                        count += 1
                        i += 1
                    }
                    guard count > 0 else { throw invalid(b) }
                    for _ in min(count, 9)..<9 { fraction *= 10 }
                }
            }
            guard hour < 24, minute < 60, second < 60 else {
                throw FieldError(message: "impossible time of day '\(text(b))'")
            }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    i += 1
                    offsetSeconds = 0
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    let offsetHours = try digits(2)
                    var offsetMinutes: Int64 = 0
                    if i < b.count {
                        if b[i] == UInt8(ascii: ":") { i += 1 }
                        offsetMinutes = try digits(2)
                    }
                    guard offsetHours < 24, offsetMinutes < 60 else {
                        throw FieldError(message: "impossible utc offset in '\(text(b))'")
                    }
                    offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
                }
            }
        }
        guard i == b.count else { throw invalid(b) }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        var seconds = days * 86_400 + hour * 3600 + minute * 60 + second
        if let offsetSeconds {
            seconds -= offsetSeconds
        } else if !isUTC {
            seconds -= localOffset(seconds)
        }
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflow2) = ns.addingReportingOverflow(fraction)
        guard !overflow, !overflow2 else {
            throw FieldError(message: "timestamp '\(text(b))' is outside 1677-09-21...2262-04-11")
        }
        return total
    }

    /// The zone's offset for a wall-clock time given as seconds since the epoch as if it were UTC.
    /// Two steps so that times near a DST switch use the offset in force at that instant.
    private func localOffset(_ wallSeconds: Int64) -> Int64 {
        let first = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wallSeconds))))
        return Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wallSeconds - first))))
    }

    // MARK: Unix epoch numbers

    private func parseEpoch(_ b: UnsafeBufferPointer<UInt8>) throws(FieldError) -> Timestamp {
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        var whole: Int64 = 0
        var wholeDigits = 0
        while i < b.count, isDigit(b[i]) {
            let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(b[i] &- 48))
            guard !o1, !o2 else { throw FieldError(message: "timestamp '\(text(b))' is out of range") }
            whole = next
            wholeDigits += 1
            i += 1
        }
        var fractionDigits: [Int64] = []
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) {
                if fractionDigits.count < 18 { fractionDigits.append(Int64(b[i] &- 48)) }
                i += 1
            }
        }
        guard i == b.count, wholeDigits > 0 || !fractionDigits.isEmpty else {
            throw invalid(b)
        }
        let unit = self.unit ?? TimestampUnit.detect(magnitude: whole)
        let scale = unit.nanoseconds
        let (base, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow else { throw FieldError(message: "timestamp '\(text(b))' is out of range") }
        // The fraction in ns of this unit: digits beyond the unit's resolution are dropped.
        var fractionNs: Int64 = 0
        var place = scale
        for digit in fractionDigits {
            place /= 10
            if place == 0 { break }
            fractionNs += digit * place
        }
        let magnitude = base + fractionNs
        return negative ? -magnitude : magnitude
    }

    // MARK: Calendar arithmetic

    static func isLeap(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        CivilCalendar.days(year: year, month: month, day: day)
    }

    private func invalid(_ b: UnsafeBufferPointer<UInt8>) -> FieldError {
        let shown = text(b)
        let lower = shown.lowercased()
        if lower.contains("nan") || lower.contains("inf") {
            return FieldError(message: "non-finite timestamp '\(shown)'")
        }
        return FieldError(message: "invalid timestamp '\(shown)'")
    }
}

@inline(__always)
func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

/// The bytes as text for a message, shortened so a huge field cannot flood it.
func text(_ b: UnsafeBufferPointer<UInt8>) -> String {
    let s = String(decoding: b, as: UTF8.self)
    return s.count > 64 ? String(s.prefix(61)) + "..." : s
}
