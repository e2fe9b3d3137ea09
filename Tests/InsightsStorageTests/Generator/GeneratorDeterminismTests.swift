import Foundation
import InsightsStorage
import Testing

struct GeneratorDeterminismTests {
    static let tiny = DatasetGenerator.Options(seed: 7, days: 1, services: 2, users: 25,
                                               step: 3600 * 1_000_000_000)

    @Test func sameOptionsGiveIdenticalFiles() {
        let first = DatasetGenerator().files()
        let second = DatasetGenerator().files()
        #expect(first == second)
    }

    @Test func differentSeedsGiveDifferentData() {
        var options = Self.tiny
        let a = DatasetGenerator(options: options).files()
        options.seed = 8
        let b = DatasetGenerator(options: options).files()
        #expect(a.metricsCSV != b.metricsCSV)
        #expect(a.eventsNDJSON != b.eventsNDJSON)
    }

    /// The bytes of a tiny dataset, pinned: any change to the generator's arithmetic, draw
    /// order or text format changes these hashes, which must then be re-recorded on purpose
    /// (and `datasets/demo/` regenerated). FNV-1a 64 of the UTF-8 text.
    @Test func tinyDatasetBytesArePinned() {
        let files = DatasetGenerator(options: Self.tiny).files()
        #expect(fnv1a(files.metricsCSV) == 9_365_587_443_775_552_713)
        #expect(fnv1a(files.eventsNDJSON) == 15_213_901_185_499_833_259)
        #expect(fnv1a(files.labelsJSON) == 803_432_820_208_419_880)
    }

    @Test func writtenFilesMatchTheRenderedText() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("insights-generator-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let generator = DatasetGenerator(options: Self.tiny)
        try generator.writeFiles(to: directory)
        let files = generator.files()
        #expect(try String(contentsOf: directory.appendingPathComponent("metrics.csv"), encoding: .utf8) == files.metricsCSV)
        #expect(try String(contentsOf: directory.appendingPathComponent("events.ndjson"), encoding: .utf8)
                == files.eventsNDJSON)
        #expect(try String(contentsOf: directory.appendingPathComponent("labels.json"), encoding: .utf8) == files.labelsJSON)
    }

    @Test func csvRowsRoundTripToTheEmittedValues() throws {
        let generator = DatasetGenerator(options: Self.tiny)
        var sink = CollectingSink()
        try generator.generate(into: &sink)
        let lines = generator.files().metricsCSV.split(separator: "\n")
        #expect(lines.first == "timestamp,metric,value,region,service")
        #expect(lines.count == sink.metrics.count + 1)
        for (line, sample) in zip(lines.dropFirst(), sink.metrics) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells[0] == GeneratorTesting.iso8601(sample.timestamp))
            #expect(cells[1] == sample.series.metric)
            #expect(Double(cells[2]) == sample.value)
            #expect(cells[3] == sample.series.labelDictionary["region"])
            #expect(cells[4] == sample.series.labelDictionary["service"])
        }
    }

    @Test func eventLinesAreCanonicalPostHogObjects() throws {
        let generator = DatasetGenerator(options: Self.tiny)
        var sink = CollectingSink()
        try generator.generate(into: &sink)
        let lines = generator.files().eventsNDJSON.split(separator: "\n")
        #expect(lines.count == sink.events.count)
        for (line, event) in zip(lines, sink.events) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object.keys.sorted() == ["distinct_id", "event", "properties", "timestamp", "uuid"])
            #expect(object["event"] as? String == event.event)
            #expect(object["distinct_id"] as? String == event.distinctID)
            #expect(object["timestamp"] as? String == GeneratorTesting.iso8601(event.timestamp))
            #expect(line.contains("\"properties\":" + event.propertiesJSON + ","))
        }
        #expect(Set(sink.events.compactMap(\.uuid)).count == sink.events.count)
        #expect(zip(sink.events, sink.events.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
    }
}

/// The arithmetic-only exp/log/cos against the platform libm (an independent implementation),
/// and the hand-built text forms against known values.
struct GeneratorMathTests {
    @Test(arguments: stride(from: -30.0, through: 30.0, by: 0.37).map { $0 })
    func expMatchesLibm(x: Double) {
        let reference = Foundation.exp(x)
        #expect(abs(GeneratorTesting.exp(x) - reference) <= 4e-16 * reference)
    }

    @Test(arguments: [1e-300, 1e-9, 0.001, 0.3, 0.7071, 1, 1.4143, 2, 10, 12345.678, 1e200])
    func logMatchesLibm(x: Double) {
        let reference = Foundation.log(x)
        #expect(abs(GeneratorTesting.log(x) - reference) <= 4e-16 * max(1, abs(reference)))
    }

    @Test(arguments: stride(from: -2.0, through: 2.0, by: 0.0123).map { $0 })
    func cosMatchesLibm(turns: Double) {
        #expect(abs(GeneratorTesting.cos(turns: turns) - Foundation.cos(2 * Double.pi * turns)) <= 2e-15)
    }

    @Test func normalAndPoissonDrawsHaveTheirMoments() {
        let normals = GeneratorTesting.normalDraws(count: 20_000, seed: 3)
        // Mean SE 1/√20000 ≈ 0.0071; variance SE √(2/20000) = 0.01.
        #expect(abs(mean(normals)) < 0.03)
        #expect(abs(standardDeviation(normals) - 1) < 0.03)
        for lambda in [0.5, 4.0, 80.0] {
            let draws = GeneratorTesting.poissonDraws(lambda, count: 20_000, seed: 5).map(Double.init)
            let se = (lambda / 20_000).squareRoot()
            #expect(abs(mean(draws) - lambda) < 4 * se, "λ = \(lambda)")
            #expect(abs(standardDeviation(draws) * standardDeviation(draws) / lambda - 1) < 0.05, "λ = \(lambda)")
        }
    }

    @Test func textForms() {
        #expect(GeneratorTesting.iso8601(1_767_571_200 * 1_000_000_000) == "2026-01-05T00:00:00Z")
        #expect(GeneratorTesting.iso8601(951_782_400 * 1_000_000_000 + 500_000_000) == "2000-02-29T00:00:00.5Z")
        #expect(GeneratorTesting.iso8601(-1_000_000_000) == "1969-12-31T23:59:59Z")
        #expect(GeneratorTesting.fixed(0.0449999, decimals: 4) == "0.0450")
        #expect(GeneratorTesting.fixed(-2.5, decimals: 0) == "-3")
        #expect(GeneratorTesting.fixed(1_073_741_824, decimals: 0) == "1073741824")
        #expect(GeneratorTesting.jsonString("a\"b\\c\n\u{1}") == #""a\"b\\c\n\u0001""#)
    }
}
