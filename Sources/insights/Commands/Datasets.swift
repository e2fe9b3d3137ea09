import ArgumentParser
import InsightsStorage

/// `insights datasets`: what the store holds, in totals.
struct Datasets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise the database: metrics, series, points, events, annotations, time range.")

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
