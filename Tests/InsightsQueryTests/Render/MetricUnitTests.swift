import InsightsQuery
import Testing

/// Units from Prometheus-style metric names, and how values are shown in them.
struct MetricUnitTests {
    static let seconds = MetricUnit(base: .seconds, perSecond: false)
    static let bytes = MetricUnit(base: .bytes, perSecond: false)

    static let names: [(String, MetricUnit)] = [
        ("http_request_duration_seconds", MetricUnit(base: .seconds, perSecond: false)),
        ("http_request_duration_seconds_p95{service=\"a\"}", MetricUnit(base: .seconds, perSecond: false)),
        ("http_request_duration_seconds_bucket", MetricUnit(base: .seconds, perSecond: false)),
        ("process_cpu_seconds_total", MetricUnit(base: .seconds, perSecond: false)),
        ("memory_usage_bytes", MetricUnit(base: .bytes, perSecond: false)),
        ("network_transmit_bytes_per_second", MetricUnit(base: .bytes, perSecond: true)),
        ("http_requests_per_second", MetricUnit(base: .none, perSecond: true)),
        ("cache_hit_ratio", MetricUnit(base: .ratio, perSecond: false)),
        ("disk_used_percent", MetricUnit(base: .percent, perSecond: false)),
        ("queue_depth", MetricUnit.none),
        ("http_requests_total", MetricUnit.none),
    ]

    @Test(arguments: names)
    func unitFromName(name: String, expected: MetricUnit) {
        #expect(MetricUnit(series: name) == expected)
    }

    static let values: [(MetricUnit, Double, String)] = [
        (seconds, 0.11514, "115.1 ms"),
        (seconds, 3.4e-5, "34 µs"),
        (seconds, 2.5e-8, "25 ns"),
        (seconds, 90, "90 s"),
        (seconds, 150, "2.5 min"),
        (seconds, 4 * 86_400, "4 d"),
        (seconds, 0, "0 s"),
        (bytes, 1023, "1023 B"),
        (bytes, 1.5 * 1024 * 1024, "1.5 MiB"),
        (MetricUnit(base: .bytes, perSecond: true), 3 * 1024, "3 KiB/s"),
        (MetricUnit(base: .none, perSecond: true), 12.5, "12.5/s"),
        (MetricUnit(base: .ratio, perSecond: false), 0.2281, "22.81%"),
        (MetricUnit(base: .percent, perSecond: false), 22.81, "22.81%"),
    ]

    @Test(arguments: values)
    func formatting(unit: MetricUnit, value: Double, expected: String) {
        #expect(unit.format(value) == expected)
    }

    @Test func signedAndUnknown() {
        #expect(MetricUnit(base: .seconds, perSecond: false).format(-0.2334, signed: true) == "-233.4 ms")
        #expect(MetricUnit(base: .ratio, perSecond: false).format(0.0074, signed: true) == "+0.74%")
        #expect(MetricUnit.none.format(3.5) == nil)
        #expect(MetricUnit(base: .bytes, perSecond: false).format(.nan) == "NaN")
    }
}
