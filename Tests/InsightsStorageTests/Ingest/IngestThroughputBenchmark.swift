import Foundation
import InsightsStorage
import Testing
import TestSupport

/// Reader throughput on 1M generated rows per CSV shape, opt-in because it takes seconds:
/// `INSIGHTS_INGEST_BENCH=1 swift test -c release --filter IngestThroughputBenchmark`.
/// Prints rows/s; asserts only that every row arrived.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["INSIGHTS_INGEST_BENCH"] != nil))
struct IngestThroughputBenchmark {
    /// Counts samples without storing them, so the reader alone is measured.
    struct CountingSink: RecordSink {
        var count = 0
        var sum = 0.0
        mutating func metric(_ sample: MetricSample, at location: InsightsStorage.SourceLocation) {
            count += 1
            sum += sample.value
        }
        mutating func event(_ event: BehaviorEvent, at location: InsightsStorage.SourceLocation) { count += 1 }
        mutating func annotation(_ annotation: Annotation, at location: InsightsStorage.SourceLocation) { count += 1 }
    }

    static let rows = 1_000_000

    @Test(arguments: ["wide unix seconds", "wide iso", "long 10 series", "ndjson", "wide iso in Europe/Berlin"])
    func throughput(shape: String) throws {
        var text = shape.hasPrefix("long") ? "timestamp,metric,host,value\n" : shape == "ndjson" ? "" : "timestamp,value\n"
        for i in 0..<Self.rows {
            switch shape {
            case "wide unix seconds": text += "\(1_700_000_000 + i),\(Double(i) * 0.5)\n"
            case "wide iso": text += "2024-01-01T00:00:00.\(i % 1000)Z,\(i)\n"
            case "wide iso in Europe/Berlin": text += "2024-03-\(10 + i % 20) 0\(i % 10):00:00,\(i)\n"
            case "ndjson": text += "{\"timestamp\":\(1_700_000_000 + i),\"metric\":\"cpu\",\"host\":\"h\(i % 10)\",\"value\":\(i)}\n"
            default: text += "\(1_700_000_000 + i),cpu,h\(i % 10),\(Double(i) * 0.5)\n"
            }
        }
        let path = try TemporaryFiles.write(text, name: shape == "ndjson" ? "bench.ndjson" : "bench.csv")
        var sink = CountingSink()
        var options = IngestOptions(metric: "x")
        if shape.hasSuffix("Europe/Berlin") { options.timeZone = try #require(TimeZone(identifier: "Europe/Berlin")) }
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            try FileReader.read(path, options: options, into: &sink)
        }
        #expect(sink.count == Self.rows)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("ingest \(shape): \(Int(Double(Self.rows) / seconds)) rows/s, "
              + "\(Int(Double(text.utf8.count) / seconds / 1e6)) MB/s")
    }
}
