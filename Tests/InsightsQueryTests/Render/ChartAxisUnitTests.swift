import Testing
@testable import InsightsQuery

/// Value axes in the metric's unit, one prefix for the whole axis, at nice numbers of it.
struct ChartAxisUnitTests {
    static func scales(_ values: [Double], unit: MetricUnit) -> ChartScales {
        var data = ChartData(timestamps: values.indices.map { Int64($0) * 60_000_000_000 }, values: values)
        data.valueUnit = unit
        return ChartScales(data, maxValueTicks: 5)
    }

    @Test func ratiosArePercentages() {
        let scales = Self.scales([0.22, 0.63], unit: MetricUnit(series: "disk_usage_ratio"))
        #expect(scales.valueLabels == ["20%", "40%", "60%", "80%"])
        #expect(scales.valueTicks.values.map { ($0 * 100).rounded() / 100 } == [0.2, 0.4, 0.6, 0.8], "ticks stay in the data's unit")
    }

    @Test func secondsTakeThePrefixOfTheLargestValue() {
        let scales = Self.scales([0.08, 0.379], unit: MetricUnit(series: "http_request_duration_seconds_p95"))
        #expect(scales.valueLabels == ["0 ms", "100 ms", "200 ms", "300 ms", "400 ms"])
        let minutes = Self.scales([0, 500], unit: MetricUnit(series: "job_duration_seconds"))
        #expect(minutes.valueLabels.last == "10 min", "\(minutes.valueLabels)")
    }

    @Test func bytesInBinaryPrefixesAndRates() {
        let memory = Self.scales([0.75 * 1_073_741_824, 1.87 * 1_073_741_824], unit: MetricUnit(series: "memory_usage_bytes"))
        #expect(memory.valueLabels == ["0.5 GiB", "1.0 GiB", "1.5 GiB", "2.0 GiB"])
        let network = Self.scales([2_000, 9_000], unit: MetricUnit(series: "network_transmit_bytes_per_second"))
        #expect(network.valueLabels.allSatisfy { $0.hasSuffix(" KiB/s") }, "\(network.valueLabels)")
    }

    @Test func withoutAUnitTheLabelsArePlainNumbers() {
        let scales = Self.scales([3, 17], unit: .none)
        #expect(scales.valueLabels == ["0", "5", "10", "15", "20"])
    }
}

/// Retention shades: relative to the largest rate after period 0, so later periods' differences
/// show even when period 0 is 100 %.
struct HeatmapShadeTests {
    @Test func shadesAreRelativeToTheLargestLaterRate() {
        let data = HeatmapData(columns: ["0", "1", "2"], rows: [
            HeatmapData.Row(label: "a", values: [1.0, 0.04, 0.02]),
            HeatmapData.Row(label: "b", values: [1.0, 0.03, .nan]),
        ])
        let scale = data.shadeScale
        #expect(HeatmapData.shade(0.04, scale: scale) == 1 && HeatmapData.shade(0.02, scale: scale) == 0.5
                && HeatmapData.shade(1.0, scale: scale) == 1)
        let flat = HeatmapData(columns: ["0", "1"], rows: [HeatmapData.Row(label: "a", values: [0.3, 0])])
        #expect(HeatmapData.shade(0.3, scale: flat.shadeScale) == 0.3, "no later rate above 0: the rate itself")
    }
}
