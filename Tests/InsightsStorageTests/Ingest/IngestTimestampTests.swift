import Foundation
import InsightsStorage
import Testing

/// Expected instants computed independently with Python, e.g.
/// `int(datetime.datetime(2024,1,31,8,20,30,tzinfo=datetime.timezone.utc).timestamp())` = 1706689230,
/// `int(datetime.datetime(2024,7,1,12,tzinfo=ZoneInfo('Europe/Berlin')).timestamp())` = 1719828000.
struct IngestTimestampTests {
    static let second: Int64 = 1_000_000_000

    @Test(arguments: [
        ("2024-01-31T10:20:30.123456789+02:00", 1_706_689_230_123_456_789),
        ("2024-01-31 10:20:30+0200", 1_706_689_230 * second),
        ("2024-01-31T13:50:30+05:30", 1_706_689_230 * second),
        ("2024-01-31T07:20:30-01", 1_706_689_230 * second),
        ("2024-01-31t08:20:30z", 1_706_689_230 * second),
        ("2024-01-31T08:20:30", 1_706_689_230 * second),
        ("2024-01-31 08:20", 1_706_689_200 * second),
        ("2024-01-31T08:20:30.5Z", 1_706_689_230 * second + 500_000_000),
        ("2024-01-31T08:20:30.1234567891234Z", 1_706_689_230 * second + 123_456_789),
        ("2024-02-29", 1_709_164_800 * second),
        ("2014-10-30 15:30:00.000000", 1_414_683_000 * second),
        ("1900-01-01", -2_208_988_800 * second),
        ("1970-01-01T00:00:00Z", 0),
        ("  2024-02-29  ", 1_709_164_800 * second),
        // Unix numbers by magnitude: s < 1e11 ≤ ms < 1e14 ≤ µs < 1e17 ≤ ns.
        ("1706689230", 1_706_689_230 * second),
        ("1706689230123", 1_706_689_230_123_000_000),
        ("1706689230123456", 1_706_689_230_123_456_000),
        ("1706689230123456789", 1_706_689_230_123_456_789),
        ("1706689230.25", 1_706_689_230_250_000_000),
        ("-86400", -86_400 * second),
        ("0", 0),
    ] as [(String, Int64)])
    func parses(text: String, expected: Int64) throws {
        #expect(try FileReader.parseTimestamp(text) == expected)
    }

    @Test func unitOverrideWinsOverMagnitude() throws {
        #expect(try FileReader.parseTimestamp("1706689230", unit: .milliseconds) == 1_706_689_230_000_000)
        #expect(try FileReader.parseTimestamp("1706689230123456789", unit: .nanoseconds) == 1_706_689_230_123_456_789)
        #expect(try FileReader.parseTimestamp("12", unit: .microseconds) == 12_000)
    }

    @Test func unzonedTimesAreReadInTheGivenZone() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        // Summer (UTC+2) and winter (UTC+1).
        #expect(try FileReader.parseTimestamp("2024-07-01 12:00:00", timeZone: berlin) == 1_719_828_000 * Self.second)
        #expect(try FileReader.parseTimestamp("2024-01-01 12:00:00", timeZone: berlin) == 1_704_106_800 * Self.second)
        // Daylight-saving switches: the repeated 02:30 on 2024-10-27 is the later one
        // (Python `fold=1`: 1729992600); the missing 02:30 on 2024-03-31 uses UTC+1 (01:30Z = 1711848600).
        #expect(try FileReader.parseTimestamp("2024-10-27 02:30:00", timeZone: berlin) == 1_729_992_600 * Self.second)
        #expect(try FileReader.parseTimestamp("2024-03-31 02:30:00", timeZone: berlin) == 1_711_848_600 * Self.second)
        // An explicit offset ignores the zone.
        #expect(try FileReader.parseTimestamp("2024-01-31T08:20:30Z", timeZone: berlin) == 1_706_689_230 * Self.second)
    }

    @Test(arguments: [
        ("2024-02-30", "impossible date '2024-02-30'"),
        ("2023-02-29", "impossible date '2023-02-29'"),
        ("2024-13-01", "impossible date '2024-13-01'"),
        ("2024-04-31 00:00:00", "impossible date '2024-04-31 00:00:00'"),
        ("2024-01-01 24:00:00", "impossible time of day '2024-01-01 24:00:00'"),
        ("2024-01-01T10:61", "impossible time of day '2024-01-01T10:61'"),
        ("2024-01-01T00:00:00+25:00", "impossible utc offset in '2024-01-01T00:00:00+25:00'"),
        ("2024-01-01T00:00:00Q", "invalid timestamp '2024-01-01T00:00:00Q'"),
        ("2024-1-01", "invalid timestamp '2024-1-01'"),
        ("yesterday", "invalid timestamp 'yesterday'"),
        ("NaN", "non-finite timestamp 'NaN'"),
        ("inf", "non-finite timestamp 'inf'"),
        ("", "missing timestamp"),
        ("2300-01-01", "timestamp '2300-01-01' is outside 1677-09-21...2262-04-11"),
        ("99999999999999999999", "timestamp '99999999999999999999' is out of range"),
    ])
    func rejects(text: String, message: String) {
        #expect(throws: IngestError(.badRow, at: SourceLocation(file: "test", line: 1), message)) {
            try FileReader.parseTimestamp(text)
        }
    }

    /// Differential check against Foundation's Gregorian calendar (an independent
    /// implementation): 2,000 seeded random instants in 1700-2261 with random fractions and
    /// offsets, written in ISO form and parsed back.
    @Test func agreesWithFoundationCalendarOnRandomInstants() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            // SplitMix64.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        for _ in 0..<2000 {
            let year = 1700 + next(562), month = 1 + next(12), day = 1 + next(28)
            let hour = next(24), minute = next(60), second = next(60), nanos = next(1_000_000_000)
            let offsetMinutes = (next(2) == 0 ? -1 : 1) * next(14 * 60)
            let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            let wall = try #require(calendar.date(from: components))
            let expected = (Int64(wall.timeIntervalSince1970.rounded()) - Int64(offsetMinutes) * 60) * Self.second
                + Int64(nanos)
            let sign = offsetMinutes < 0 ? "-" : "+"
            let text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
                + ".\(pad(nanos, 9))\(sign)\(pad(abs(offsetMinutes) / 60, 2)):\(pad(abs(offsetMinutes) % 60, 2))"
            #expect(try FileReader.parseTimestamp(text) == expected, "\(text)")
        }
    }
}
