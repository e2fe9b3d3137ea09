import InsightsStorage
import Testing

struct TimestampFormatTests {
    /// Expected strings from Python: `datetime.fromtimestamp(ns / 1e9, timezone.utc)` for whole
    /// seconds, and by hand for the fractions and pre-1970 instants.
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_767_571_200_000_000_000, "2026-01-05T00:00:00Z"),
        (1_709_164_800_000_000_000, "2024-02-29T00:00:00Z"),
        (951_782_400_000_000_000, "2000-02-29T00:00:00Z"),
        (1_414_683_000_000_000_000, "2014-10-30T15:30:00Z"),
        (1_500_000_000_123_000_000, "2017-07-14T02:40:00.123Z"),
        (1_500_000_000_000_000_001, "2017-07-14T02:40:00.000000001Z"),
        (-1, "1969-12-31T23:59:59.999999999Z"),
        (-86_400_000_000_000, "1969-12-31T00:00:00Z"),
        (-2_208_988_800_000_000_000, "1900-01-01T00:00:00Z"),
    ])
    func iso8601(nanoseconds: Int64, expected: String) {
        #expect(TimestampFormat.iso8601(nanoseconds) == expected)
    }
}
