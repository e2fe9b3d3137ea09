import InsightsStorage
import Testing

/// Invariants that hold for any options, checked over small and edge configurations.
struct GeneratorOptionsTests {
    static let hour: Timestamp = 3600 * 1_000_000_000

    static let cases: [DatasetGenerator.Options] = [
        .init(seed: 1, days: 1, services: 1, users: 0, step: hour),
        .init(seed: 2, days: 1, services: 6, users: 10, step: 24 * hour),
        .init(seed: 3, days: 3, services: 2, users: 50, step: hour / 12),
        .init(seed: 4, days: 9, services: 5, users: 100, step: hour / 2),
    ]

    @Test(arguments: cases)
    func recordsAreWellFormed(options: DatasetGenerator.Options) throws {
        let generator = DatasetGenerator(options: options)
        var sink = CollectingSink()
        try generator.generate(into: &sink)
        let points = Int(Timestamp(options.days) * 24 * Self.hour / options.step)
        #expect(generator.pointsPerSeries == points)
        #expect(sink.metrics.count == options.services * DatasetGenerator.Metric.allCases.count * points)
        #expect(sink.metrics.allSatisfy { $0.value.isFinite && $0.value >= 0 })
        #expect(sink.metrics.allSatisfy { options.start <= $0.timestamp && $0.timestamp < generator.end })
        #expect(sink.events.allSatisfy { options.start <= $0.timestamp && $0.timestamp < generator.end })
        let keys = Set(generator.seriesKeys)
        for truth in generator.truths {
            #expect(options.start <= truth.start && truth.start <= truth.end && truth.end < generator.end, "\(truth.kind)")
            #expect(truth.series.allSatisfy(keys.contains), "\(truth.kind)")
        }
        let drop = try #require(generator.truths.first { $0.kind == .dropToZero })
        let zeroed = sink.metrics.filter { drop.series.contains($0.series) && drop.start <= $0.timestamp && $0.timestamp <= drop.end }
        #expect(!zeroed.isEmpty && zeroed.allSatisfy { $0.value == 0 })
        let signups = sink.events.filter { $0.event == "signup_started" }.count
        #expect(options.users == 0 ? signups == 0 : sink.events.filter { $0.event == "$pageview" }.count >= options.users)
    }
}
