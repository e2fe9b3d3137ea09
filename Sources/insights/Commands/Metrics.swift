import ArgumentParser
import InsightsNumerics
import InsightsStorage

/// `insights metrics [SELECTOR]`: the series in the store with their extent.
struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List metric series: labels, point counts, time ranges, sampling step.",
        discussion: """
            With a time window, counts and ranges are those inside it. The step is the median \
            spacing of the first 1001 points in the window. --labels lists label keys and values \
            instead of series.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp(#"Only series a PromQL selector picks, e.g. 'cpu{host=~"db-.*"}'."#,
                                 valueName: "selector"))
    var selector: String?

    @Flag(help: "List the label keys of the selected series with their values.")
    var labels = false

    @OptionGroup var window: TimeWindowOptions

    func run() throws {
        let database = try store.open(readOnly: true)
        let selected: [Store.SeriesInfo]
        if let selector {
            let parsed = try SelectorArgument.parse(selector)
            selected = try database.series(matching: parsed)
            // An unknown metric is an error with the nearest known name; a known metric whose
            // labels match nothing prints an empty table (that is an answer, not a mistake).
            if selected.isEmpty { try SelectorArgument.checkMetricExists(parsed, in: database) }
        } else {
            selected = try database.series()
        }
        if labels {
            var rows = [["label", "series", "values"]]
            for label in Store.labels(of: selected) {
                let shown = label.values.prefix(8).joined(separator: ", ")
                rows.append([label.key, String(label.seriesCount),
                             label.values.count > 8 ? "\(shown), … (\(label.values.count) values)" : shown])
            }
            print(TextTable.render(rows))
            return
        }
        let range = try window.range(latest: selected.compactMap(\.last).max())
        var rows = [["series", "points", "first", "last", "step"]]
        for extent in try database.extents(of: selected, from: range.from, to: range.to) {
            rows.append([extent.key.description, String(extent.pointCount),
                         extent.first.map(TimestampFormat.iso8601) ?? "-", extent.last.map(TimestampFormat.iso8601) ?? "-",
                         extent.step.map(DurationText.format) ?? "-"])
        }
        print(TextTable.render(rows))
    }
}
