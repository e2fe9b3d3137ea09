import ArgumentParser
import InsightsNumerics
import InsightsStorage

/// `insights metrics`: the series in the store with their extent.
struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List metric series: labels, point counts, time ranges.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "Only series of this metric name.")
    var metric: String?

    func run() throws {
        let database = try store.open(readOnly: true)
        let series = try database.series(metric: metric)
        if series.isEmpty {
            let names = Set(try database.series().map(\.key.metric)).sorted()
            if let metric, let suggestion = nearestName(to: metric, among: names) {
                throw CommandFailure.data("unknown metric '\(metric)'; did you mean '\(suggestion)'?")
            }
            if let metric { throw CommandFailure.data("unknown metric '\(metric)'") }
        }
        var rows = [["series", "points", "first", "last"]]
        for info in series {
            rows.append([info.key.description, String(info.pointCount),
                         info.first.map(TimestampFormat.iso8601) ?? "-", info.last.map(TimestampFormat.iso8601) ?? "-"])
        }
        print(TextTable.render(rows))
    }
}
