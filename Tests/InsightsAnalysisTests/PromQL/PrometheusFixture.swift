import Foundation
import InsightsAnalysis
import InsightsNumerics

/// Generated scrape data for the comparison with a real Prometheus: counters with resets,
/// late starts, early ends, gaps and jittered scrapes; gauges with gaps; a classic histogram
/// with a reset and a quiet spell. Seeded, so every run writes the same file.
struct PrometheusFixture {
    /// 2026-01-05T00:00:00Z, in seconds: a fixed recent past, on a 2-hour block boundary.
    static let base: Int64 = 1_767_571_200
    /// Data span in seconds.
    static let span: Int64 = 7_200
    /// Histogram bucket bounds as exporters write them.
    static let bucketBounds = ["0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "+Inf"]

    var counters: [PromQLSeries] = []
    var gauges: [PromQLSeries] = []
    /// Per service: the bucket series (one per bound), then `_count` and `_sum`.
    var histograms: [(buckets: [PromQLSeries], count: PromQLSeries, sum: PromQLSeries)] = []

    init(seed: UInt64 = 20_260_105) {
        var random = SplitMix64(seed: seed)
        let grid = Array(stride(from: Int64(0), through: Self.span, by: 15))

        // Counters: value steps are multiples of 0.25, so every value is exact in binary.
        func counter(_ service: String, _ region: String, at times: [Int64], start: Double,
                     step: Int, resets: [Int: Double] = [:], flat: ClosedRange<Int64>? = nil) -> PromQLSeries {
            var value = start
            let values = times.enumerated().map { index, time -> Double in
                if let restart = resets[index] {
                    value = restart
                } else if index > 0 && !(flat?.contains(time) ?? false) {
                    value += Double(random.int(step + 1)) * 0.25
                }
                return value
            }
            return Self.series(["__name__": "http_requests_total", "service": service, "region": region],
                               times, values)
        }
        var jittered: [Int64] = []
        for k in 0..<400 {
            jittered.append(1_200 + 15 * Int64(k) + Int64(random.int(5)) - 2)  // 13 s to 19 s apart
        }
        counters = [
            counter("api", "eu", at: grid, start: 120, step: 40, resets: [120: 0, 333: 1]),
            counter("api", "us", at: jittered, start: 2, step: 30),
            counter("web", "eu", at: grid.filter { $0 <= 3_000 || $0 >= 3_600 }, start: 50_000, step: 400,
                    resets: [200: 3]),
            counter("web", "us", at: grid.filter { $0 <= 6_000 }, start: 0, step: 20, resets: [250: 0]),
            counter("db", "eu", at: Array(stride(from: Int64(0), through: Self.span, by: 30)), start: 10, step: 8,
                    flat: 2_400...3_000),
        ]

        // Gauges: a random walk in steps of 0.25, negative values allowed.
        func gauge(_ service: String, _ region: String, at times: [Int64]) -> PromQLSeries {
            var value = Double(random.int(41)) - 10
            let values = times.map { _ -> Double in
                value += (Double(random.int(9)) - 4) * 0.25
                return value
            }
            return Self.series(["__name__": "queue_depth", "service": service, "region": region], times, values)
        }
        gauges = [
            gauge("api", "eu", at: grid),
            gauge("api", "us", at: grid.filter { $0 <= 5_400 }),
            gauge("web", "eu", at: grid.filter { $0 < 2_000 || $0 > 2_420 }),
            gauge("web", "us", at: grid.filter { $0 >= 600 }),
            gauge("db", "us", at: Array(stride(from: Int64(0), through: Self.span, by: 60))),
        ]

        // Histograms: per scrape, up to 30 new observations spread over the buckets; none between
        // 4000 s and 4600 s; api's counters restart at scrape 220.
        for service in ["api", "web"] {
            var cumulative = [Double](repeating: 0, count: Self.bucketBounds.count)
            var total = 0.0
            var bucketValues = [[Double]](repeating: [], count: Self.bucketBounds.count)
            var counts: [Double] = [], sums: [Double] = []
            for (index, time) in grid.enumerated() {
                if service == "api" && index == 220 {
                    cumulative = cumulative.map { _ in 0 }
                    total = 0
                }
                let quiet = (4_000...4_600).contains(time)
                let observations = index == 0 || quiet ? 0 : random.int(31)
                for _ in 0..<observations {
                    let bucket = min(random.int(4) + random.int(4), Self.bucketBounds.count - 1)
                    for b in bucket..<Self.bucketBounds.count { cumulative[b] += 1 }
                    total += Double(bucket + 1) * 0.125
                }
                for b in cumulative.indices { bucketValues[b].append(cumulative[b]) }
                counts.append(cumulative[cumulative.count - 1])
                sums.append(total)
            }
            let name = "http_request_duration_seconds"
            histograms.append((
                buckets: zip(Self.bucketBounds, bucketValues).map { bound, values in
                    Self.series(["__name__": name + "_bucket", "service": service, "le": bound], grid, values)
                },
                count: Self.series(["__name__": name + "_count", "service": service], grid, counts),
                sum: Self.series(["__name__": name + "_sum", "service": service], grid, sums)))
        }
    }

    /// Every `_bucket` series.
    var bucketSeries: [PromQLSeries] { histograms.flatMap(\.buckets) }

    private static func series(_ labels: [String: String], _ offsets: [Int64], _ values: [Double]) -> PromQLSeries {
        PromQLSeries(labels: labels, timestamps: offsets.map { (base + $0) * PromQL.second }, values: values)
    }

    /// The data as an OpenMetrics text exposition with timestamps, ending in `# EOF`.
    func openMetrics() -> String {
        var lines: [String] = []
        func sample(_ series: PromQLSeries, _ index: Int) -> String {
            let name = series.labels["__name__"] ?? ""
            let labels = series.labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }
                .map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
            return "\(name){\(labels)} \(series.values[index]) \(series.timestamps[index] / PromQL.second)"
        }
        lines.append("# TYPE http_requests counter")
        for series in counters { lines += series.values.indices.map { sample(series, $0) } }
        lines.append("# TYPE queue_depth gauge")
        for series in gauges { lines += series.values.indices.map { sample(series, $0) } }
        lines.append("# TYPE http_request_duration_seconds histogram")
        for histogram in histograms {
            for index in histogram.count.values.indices {
                lines += histogram.buckets.map { sample($0, index) }
                lines.append(sample(histogram.count, index))
                lines.append(sample(histogram.sum, index))
            }
        }
        lines.append("# EOF")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension SplitMix64 {
    /// A uniform integer in `0..<bound` (modulo bias is irrelevant for fixtures).
    fileprivate mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
