import ArgumentParser
import InsightsNumerics
import InsightsStorage

/// A selector read onto one regular grid: `SELECTOR [--step] [--aggregation]` plus the time
/// window, shared by the analysis commands.
struct GridOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(#"A PromQL series selector, e.g. 'cpu{service="checkout"}'."#, valueName: "selector"))
    var selector: String

    @Option(help: ArgumentHelp("Grid step, e.g. 5m, 1h (default: the data's sampling step).", valueName: "duration"))
    var step: String?

    @Option(help: "Aggregation into grid buckets: avg, sum, min, max, last, first, count.")
    var aggregation: String = "avg"

    @OptionGroup var window: TimeWindowOptions

    func validate() throws {
        if let step, (DurationText.nanoseconds(step) ?? 0) <= 0 {
            throw ValidationError("--step '\(step)' is not a positive duration (use e.g. 5m, 1h)")
        }
        guard Self.aggregations[aggregation] != nil else {
            throw ValidationError("unknown aggregation '\(aggregation)' (use \(Self.aggregations.keys.sorted().joined(separator: ", ")))")
        }
    }

    static let aggregations: [String: Resampling.Aggregation] = [
        "avg": .avg, "sum": .sum, "min": .min, "max": .max, "last": .last, "first": .first, "count": .count,
    ]

    /// The selected series on the grid; gaps stay NaN. An unknown metric is an error with
    /// the nearest known name; a selector that matches nothing is an error too.
    func read(from database: Store) throws -> (grid: RegularGrid, series: [SeriesKey], columns: [[Double]]) {
        let parsed = try SelectorArgument.parse(selector)
        let selected = try database.series(matching: parsed)
        guard !selected.isEmpty else {
            let names = Set(try database.series().map(\.key.metric)).sorted()
            if let metric = parsed.metricName, !names.contains(metric) {
                let hint = nearestName(to: metric, among: names).map { "; did you mean '\($0)'?" } ?? ""
                throw CommandFailure.data("unknown metric '\(metric)'\(hint)")
            }
            throw CommandFailure.data("no series match \(selector)")
        }
        let range = try window.range(latest: selected.compactMap(\.last).max())
        let stepNanoseconds = try step.flatMap(DurationText.nanoseconds)
            ?? database.extents(of: selected, from: range.from, to: range.to).compactMap(\.step).min()
            ?? 60_000_000_000
        let first = range.from ?? selected.compactMap(\.first).min() ?? 0
        let last = range.to ?? selected.compactMap(\.last).max() ?? first
        let result = try database.grid(matching: parsed, range: first..<(last + 1), step: stepNanoseconds,
                                       aggregation: Self.aggregations[aggregation] ?? .avg, gapFill: .missing)
        return (result.grid, result.series, (0..<result.values.columns).map { result.values.column($0) })
    }
}
