import Foundation
import InsightsStorage
import Testing
import TestSupport

/// The committed demo files, ingested, hold exactly what the generator writes directly:
/// every point of every series, every event and every annotation.
struct DemoRoundTripTests {
    @Test func ingestingTheDemoFilesEqualsGeneratingTheDataset() throws {
        let demo = SharedData.projectRoot.appendingPathComponent("datasets/demo")
        let ingested = try TemporaryDatabase.path()
        let files = ["metrics.csv", "events.ndjson", "labels.json"].map { demo.appendingPathComponent($0).path }
        let run = try BinaryRunner.run(["ingest", "--db", ingested] + files)
        #expect(run.status == 0, "\(run.stderr)")
        let generated = try TemporaryDatabase.path()
        let generate = try BinaryRunner.run(["datasets", "generate", "--db", generated])
        #expect(generate.status == 0, "\(generate.stderr)")

        let left = try Store(path: ingested, readOnly: true)
        let right = try Store(path: generated, readOnly: true)
        let leftSeries = try left.series(), rightSeries = try right.series()
        #expect(leftSeries.map(\.key) == rightSeries.map(\.key))
        for (a, b) in zip(leftSeries, rightSeries) {
            let pa = try left.points(seriesID: a.id), pb = try right.points(seriesID: b.id)
            #expect(pa.timestamps == pb.timestamps, "\(a.key)")
            #expect(pa.values == pb.values, "\(a.key)")
        }
        #expect(try left.events() == right.events())
        let la = try left.annotations().map(\.annotation), ra = try right.annotations().map(\.annotation)
        #expect(la == ra)
        #expect(la.count == 13)
    }
}
