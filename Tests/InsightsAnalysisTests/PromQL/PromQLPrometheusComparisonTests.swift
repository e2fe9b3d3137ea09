import Foundation
import InsightsAnalysis
import Testing
import TestSupport

/// Our PromQL functions against a real Prometheus 2.42 on the same generated samples.
///
/// The fixture (`PrometheusFixture`) is backfilled into a fresh TSDB with `promtool`, a
/// Prometheus serves it, and each query is run over a range (30 s step, from 2 minutes before the
/// data to 10 minutes after it) through `/api/v1/query_range`. Our composition of the same
/// expression must return the same series (by label set), the same evaluation times (the same
/// absences), and values within 1e-9 relative (NaN only where Prometheus returns NaN).
/// The step and the 15 s scrape grid line up, so window and lookback edges fall exactly on
/// samples and the closed/open choice at each edge is exercised.
/// Fails, rather than skips, when Prometheus is not installed.
struct PromQLPrometheusComparisonTests {
    static let tolerance = 1e-9

    @Test func agreesWithPrometheus() async throws {
        let fixture = PrometheusFixture()
        let server = try await PrometheusServer(openMetrics: fixture.openMetrics())
        defer { server.stop() }
        // The edge rules differ in Prometheus 3; a mismatch against another version is not a bug here.
        let version = try await server.version()
        try #require(version.hasPrefix("2.42."), "the reference semantics are Prometheus 2.42's; this server is \(version)")

        let start = PrometheusFixture.base - 120, end = PrometheusFixture.base + PrometheusFixture.span + 600
        let step: Int64 = 30
        let times = PromQL.evaluationTimes(start: start * PromQL.second, end: end * PromQL.second,
                                           step: step * PromQL.second)
        let fiveMinutes = 5 * PromQL.minute
        let counters = fixture.counters, gauges = PromQL.instant(fixture.gauges, at: times)
        let bucketRates = PromQL.rate(fixture.bucketSeries, range: fiveMinutes, at: times)

        let cases: [(query: String, ours: [PromQLSeries])] = [
            ("rate(http_requests_total[5m])", PromQL.rate(counters, range: fiveMinutes, at: times)),
            ("increase(http_requests_total[5m])", PromQL.increase(counters, range: fiveMinutes, at: times)),
            ("sum by (service) (rate(http_requests_total[5m]))",
             PromQL.aggregate(.sum, PromQL.rate(counters, range: fiveMinutes, at: times), by: ["service"])),
            ("sum without (region) (increase(http_requests_total[10m]))",
             PromQL.aggregate(.sum, PromQL.increase(counters, range: 10 * PromQL.minute, at: times),
                              without: ["region"])),
            ("avg(queue_depth)", PromQL.aggregate(.avg, gauges)),
            ("max by (region) (queue_depth)", PromQL.aggregate(.max, gauges, by: ["region"])),
            ("min by (service) (queue_depth)", PromQL.aggregate(.min, gauges, by: ["service"])),
            ("count(queue_depth)", PromQL.aggregate(.count, gauges)),
            ("delta(queue_depth[5m])", PromQL.delta(fixture.gauges, range: fiveMinutes, at: times)),
            ("histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
             PromQL.histogramQuantile(0.9, buckets: PromQL.aggregate(.sum, bucketRates, by: ["le"]))),
            ("histogram_quantile(0.5, sum by (le, service) (rate(http_request_duration_seconds_bucket[5m])))",
             PromQL.histogramQuantile(0.5, buckets: PromQL.aggregate(.sum, bucketRates, by: ["le", "service"]))),
        ]

        var totalPoints = 0
        for (query, ours) in cases {
            let theirs = try await server.queryRange(query, start: start, end: end, step: step)
            let agreement = Self.compare(ours: ours, prometheus: theirs)
            #expect(agreement.mismatches.isEmpty,
                    "\(query): \(agreement.mismatches.count) mismatches, first: \(agreement.mismatches.prefix(5))")
            // Guards against a vacuous pass: every query returns data over most of the range.
            #expect(agreement.points >= times.count / 2, "\(query): only \(agreement.points) points compared")
            totalPoints += agreement.points
            print("PromQL vs Prometheus: \(query): \(theirs.count) series, \(agreement.points) points, "
                  + "\(agreement.nanPoints) NaN, largest relative difference \(agreement.largestDifference)")
        }
        print("PromQL vs Prometheus: \(totalPoints) points over \(cases.count) queries")
    }

    struct Agreement {
        var points = 0
        var nanPoints = 0
        var largestDifference = 0.0
        var mismatches: [String] = []
    }

    /// Series matched by label set; timestamps must be identical; values within the tolerance.
    static func compare(ours: [PromQLSeries], prometheus: [PromQLSeries]) -> Agreement {
        var agreement = Agreement()
        let mine = Dictionary(ours.map { ($0.labels, $0) }, uniquingKeysWith: { first, _ in first })
        let theirs = Dictionary(prometheus.map { ($0.labels, $0) }, uniquingKeysWith: { first, _ in first })
        for labels in Set(mine.keys).symmetricDifference(theirs.keys) {
            agreement.mismatches.append("series \(labels) only in \(mine[labels] == nil ? "Prometheus" : "ours")")
        }
        for (labels, reference) in theirs {
            guard let computed = mine[labels] else { continue }
            let ourTimes = Set(computed.timestamps), theirTimes = Set(reference.timestamps)
            for time in ourTimes.symmetricDifference(theirTimes).sorted().prefix(3) {
                agreement.mismatches.append("\(labels) at \(time / PromQL.second): a value only in "
                                            + (ourTimes.contains(time) ? "ours" : "Prometheus's"))
            }
            for (time, expected) in zip(reference.timestamps, reference.values) {
                guard let value = computed.value(at: time) else { continue }
                agreement.points += 1
                if expected.isNaN || value.isNaN {
                    if expected.isNaN && value.isNaN { agreement.nanPoints += 1; continue }
                    agreement.mismatches.append("\(labels) at \(time / PromQL.second): \(value) vs \(expected)")
                    continue
                }
                let scale = max(abs(expected), abs(value))
                let difference = scale == 0 ? 0 : abs(value - expected) / scale
                agreement.largestDifference = max(agreement.largestDifference, difference)
                if difference > tolerance {
                    agreement.mismatches.append("\(labels) at \(time / PromQL.second): \(value) vs \(expected)")
                }
            }
        }
        return agreement
    }
}
