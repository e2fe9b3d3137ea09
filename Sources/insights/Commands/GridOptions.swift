import ArgumentParser
import InsightsNumerics
import InsightsStorage

/// A selector read onto one regular grid: `SELECTOR [--step] [--aggregation]` plus the time
/// window, shared by the analysis commands.
struct GridOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(#"A PromQL series selector, e.g. 'cpu{service="checkout"}' (not with --csv)."#,
                                 valueName: "selector"))
    var selector: String?

    @Option(help: ArgumentHelp("Read the series from a long CSV unique_id,ds,y (ds timestamps on one step) instead of the database.",
                               valueName: "file"))
    var csv: String?

    @Option(help: ArgumentHelp("Grid step, e.g. 5m, 1h (default: the data's sampling step).", valueName: "duration"))
    var step: String?

    @Option(help: "Aggregation into grid buckets: avg, sum, min, max, last, first, count.")
    var aggregation: String = "avg"

    @OptionGroup var window: TimeWindowOptions

    func validate() throws {
        if (selector == nil) == (csv == nil) { throw ValidationError("give a selector or --csv FILE, not both or neither") }
        try Self.validate(step: step, aggregation: aggregation)
    }

    /// The checks of `--step` and `--aggregation`, for commands that hold them in their own options.
    static func validate(step: String?, aggregation: String) throws {
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

    /// The selected series on the grid; gaps stay NaN. The step defaults to the largest
    /// median sampling step of the selected series (a finer grid would be mostly gaps). An
    /// unknown metric is an error with the nearest known name; a selector that matches
    /// nothing, or nothing in the window, is an error too (there is nothing to analyse).
    /// With `--csv`, the CSV's series on one grid instead (the database is not opened).
    func read(from store: StoreOptions) throws -> (grid: RegularGrid, series: [SeriesKey], values: Matrix) {
        if let csv { return try Self.read(csv: csv) }
        return try Self.read(selector: selector ?? "", step: step, aggregation: aggregation, window: window,
                             from: try store.open(readOnly: true))
    }

    /// The series of a long CSV on the grid that holds them all: they must share one step and
    /// be timestamped (not step numbers); each series is named by its `unique_id`. Inner gaps
    /// come interpolated (as forecast reads the same file); times a series does not reach are NaN.
    static func read(csv path: String) throws -> (grid: RegularGrid, series: [SeriesKey], values: Matrix) {
        let series = try LongSeriesCSV(path: path).series
        guard let step = series.first?.step, series.allSatisfy({ $0.step == step && $0.start != nil }) else {
            throw CommandFailure.data("\(path): the series must have timestamps (ds) and share one step")
        }
        let starts = series.compactMap(\.start)
        guard let start = starts.min(),
              let end = zip(series, starts).map({ $1 + Int64($0.values.count - 1) * step }).max() else {
            throw CommandFailure.data("\(path): no series")
        }
        let grid = RegularGrid(start: start, step: step, count: Int((end - start) / step) + 1)
        var values = Matrix(rows: grid.count, columns: series.count, repeating: .nan)
        for (c, (one, first)) in zip(series, starts).enumerated() {
            let offset = Int((first - start) / step)
            for (t, value) in one.values.enumerated() { values[offset + t, c] = value }
        }
        return (grid, series.map { SeriesKey(metric: $0.id) }, values)
    }

    /// The same read for a command that holds these settings in options of its own.
    static func read(selector: String, step: String?, aggregation: String, window: TimeWindowOptions,
                     from database: Store) throws -> (grid: RegularGrid, series: [SeriesKey], values: Matrix) {
        let parsed = try SelectorArgument.parse(selector)
        let selected = try database.series(matching: parsed)
        guard !selected.isEmpty else {
            try SelectorArgument.checkMetricExists(parsed, in: database)
            throw CommandFailure.data("no series match '\(selector)'")
        }
        let range = try window.range(latest: selected.compactMap(\.last).max())
        let extents = try database.extents(of: selected, from: range.from, to: range.to)
        guard let first = extents.compactMap(\.first).min(), let last = extents.compactMap(\.last).max() else {
            throw CommandFailure.data("no points of '\(selector)' in the time window")
        }
        let stepNanoseconds: Int64
        if let step, let value = DurationText.nanoseconds(step) {
            stepNanoseconds = value
        } else if let estimated = extents.compactMap(\.step).filter({ $0 > 0 }).max() {
            stepNanoseconds = estimated
        } else {
            throw CommandFailure.data("too few points to estimate the sampling step of '\(selector)'; pass --step")
        }
        let result = try database.grid(matching: parsed, range: (range.from ?? first)..<((range.to ?? last) + 1),
                                       step: stepNanoseconds, aggregation: aggregations[aggregation] ?? .avg,
                                       gapFill: .missing)
        return (result.grid, result.series, result.values)
    }
}
