import InsightsStorage
import Testing

/// What `generate(into:)` tells a sink: record order, source locations, and stopping on a throw.
struct GeneratorSinkTests {
    typealias Location = InsightsStorage.SourceLocation
    struct Stop: Error, Equatable {}

    /// Records every location and throws at the `limit`-th record.
    struct RecordingSink: RecordSink {
        var locations: [(kind: String, location: Location)] = []
        var limit = Int.max

        mutating func record(_ kind: String, _ location: Location) throws {
            guard locations.count < limit else { throw Stop() }
            locations.append((kind, location))
        }
        mutating func metric(_ sample: MetricSample, at location: Location) throws { try record("metric", location) }
        mutating func event(_ event: BehaviorEvent, at location: Location) throws { try record("event", location) }
        mutating func annotation(_ annotation: Annotation, at location: Location) throws {
            try record("annotation", location)
        }
    }

    let generator = DatasetGenerator(options: GeneratorDeterminismTests.tiny)

    @Test func locationsAreTheLinesOfTheWrittenFiles() throws {
        var sink = RecordingSink()
        try generator.generate(into: &sink)
        let kinds = sink.locations.map(\.kind)
        // Metrics, then events, then annotations, each block contiguous.
        let rank = ["metric": 0, "event": 1, "annotation": 2]
        #expect(zip(kinds, kinds.dropFirst()).allSatisfy { rank[$0]! <= rank[$1]! })
        let files = generator.files()
        let expected: [String: (file: String, firstLine: Int, lines: Int)] = [
            "metric": ("metrics.csv", 2, files.metricsCSV.split(separator: "\n").count - 1),
            "event": ("events.ndjson", 1, files.eventsNDJSON.split(separator: "\n").count),
            "annotation": ("labels.json", 2, files.labelsJSON.split(separator: "\n").count - 2),
        ]
        for (kind, file) in expected {
            let locations = sink.locations.filter { $0.kind == kind }.map(\.location)
            #expect(locations.count == file.lines, "\(kind)")
            #expect(locations.map(\.file).allSatisfy { $0 == file.file })
            #expect(locations.map(\.line) == Array(file.firstLine..<(file.firstLine + file.lines)))
        }
    }

    @Test func aThrowingSinkStopsGeneration() {
        var sink = RecordingSink(limit: 10)
        #expect(throws: Stop.self) { try generator.generate(into: &sink) }
        #expect(sink.locations.count == 10)
    }
}
