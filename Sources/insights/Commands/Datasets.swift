import ArgumentParser
import Foundation
import InsightsStorage

/// `insights datasets`: what the store holds, and the demo dataset generator.
struct Datasets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise the database, or generate the demo dataset.",
        subcommands: [Summary.self, Generate.self],
        defaultSubcommand: Summary.self)

    /// `insights datasets [summary]`: totals and time range.
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counts of metrics, series, points, events and annotations, and the time range.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let summary = try store.open(readOnly: true).summary()
            let range = [summary.first, summary.last].map { $0.map(TimestampFormat.iso8601) ?? "-" }
            print(TextTable.render([
                ["what", "count"],
                ["metrics", String(summary.metrics)],
                ["series", String(summary.series)],
                ["points", String(summary.points)],
                ["event names", String(summary.eventNames)],
                ["actors", String(summary.actors)],
                ["events", String(summary.events)],
                ["annotations", String(summary.annotations)],
            ]))
            print("time range: \(range[0]) .. \(range[1])")
        }
    }

    /// `insights datasets generate`: the deterministic production-like demo dataset.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the deterministic demo dataset into the database, or as files with --out.",
            discussion: "Metrics, error events, behavior events and every injected incident as annotations; see datasets/README.md.")

        @OptionGroup var store: StoreOptions

        @Option(help: "Seed of the generator.") var seed: UInt64 = 42
        @Option(help: "Days of data.") var days: Int = 14
        @Option(help: "Number of services (1-6).") var services: Int = 4
        @Option(help: "Number of users for behavior events.") var users: Int = 2000
        @Flag(help: "Add to a database that already holds data.") var append = false
        @Option(help: ArgumentHelp("Write CSV/NDJSON/labels files into this directory instead.", valueName: "dir"))
        var out: String?

        func validate() throws {
            guard days >= 1 else { throw ValidationError("--days must be at least 1") }
            guard (1...DatasetGenerator.serviceNames.count).contains(services) else {
                throw ValidationError("--services must be between 1 and \(DatasetGenerator.serviceNames.count)")
            }
            guard users >= 0 else { throw ValidationError("--users must not be negative") }
        }

        func run() throws {
            let generator = DatasetGenerator(options: .init(seed: seed, days: days, services: services, users: users))
            if let out {
                try generator.writeFiles(to: URL(fileURLWithPath: out))
                print("wrote metrics.csv, events.ndjson, labels.json to \(out)")
                return
            }
            let database = try store.open()
            let existing = try database.summary()
            if !append && (existing.points > 0 || existing.events > 0) {
                throw CommandFailure.usage("\(store.path) already holds data (\(existing.points) points, \(existing.events) events); pass --append to add to it")
            }
            let written = try database.write { writer in
                try generator.generate(into: &writer)
                return (writer.pointsWritten, writer.eventsWritten, writer.annotationsWritten)
            }
            print("wrote \(written.0) points, \(written.1) events, \(written.2) annotations to \(store.path)")
        }
    }
}
