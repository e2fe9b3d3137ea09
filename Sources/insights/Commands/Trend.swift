import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsNumerics
import InsightsStorage

/// `insights trend SELECTOR`: slope, % change and change points of every selected series.
struct Trend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Trend of each selected series: slope with HAC interval, % change, change points.",
        discussion: """
            The series are read onto one grid (--step, default the largest median sampling step \
            of the selected series; --aggregation, default avg; empty buckets are missing and \
            dropped). Each series is fitted by OLS of value on time with Newey–West (HAC) \
            standard errors, all series at once on one factorisation of the design. The slope is \
            reported per hour and per day; % change is the trend line's change over the window \
            relative to its value at the window start. Change points are changes in mean found \
            by PELT (robust noise scale, penalty 2·log n; the fitted --season removed first), \
            with nominal p-values; the table names the largest, JSON and CSV list all. --robust adds \
            the Theil–Sen slope and the Mann–Kendall test with Hamed–Rao's autocorrelation \
            correction (at most 5000 points per series). --threshold T adds when each trend line \
            reaches T, with Fieller's interval from the HAC covariance ("unbounded" when the \
            slope is not significant). JSON adds the best single split in mean (sup-F and its \
            asymptotic p-value). Methods: docs/STATISTICS.md.

            Exit codes: 0 success, 64 usage error, 65 unknown metric or no data in the window.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    enum Aggregation: String, ExpressibleByArgument, CaseIterable {
        case avg, sum, min, max, first, last, count
        var resampling: Resampling.Aggregation {
            switch self {
            case .avg: .avg
            case .sum: .sum
            case .min: .min
            case .max: .max
            case .first: .first
            case .last: .last
            case .count: .count
            }
        }
    }

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp(#"A PromQL series selector, e.g. 'latency_p95{service="checkout"}'."#,
                                 valueName: "selector"))
    var selector: String

    @OptionGroup var window: TimeWindowOptions

    @Option(help: ArgumentHelp("Grid step, e.g. 1h (default: the data's sampling step).", valueName: "duration"))
    var step: String?

    @Option(help: "How values in one step are combined: avg, sum, min, max, first, last, count.")
    var aggregation: Aggregation = .avg

    @Option(help: ArgumentHelp("Fit a seasonal cycle of this period (Fourier terms), e.g. 1d or 7d.",
                               valueName: "duration"))
    var season: String?

    @Option(help: ArgumentHelp("Fourier harmonics of --season.", valueName: "k"))
    var harmonics: Int = 2

    @Option(help: ArgumentHelp("Confidence level of the intervals, in percent.", valueName: "percent"))
    var level: Double = 95

    @Option(help: ArgumentHelp("Also estimate when each trend line reaches this value, with Fieller's interval.",
                               valueName: "value"))
    var threshold: Double?

    @Flag(help: "Add the Theil–Sen slope and the Mann–Kendall test (Hamed–Rao corrected).")
    var robust = false

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    func validate() throws {
        if let step, (DurationText.nanoseconds(step) ?? 0) <= 0 {
            throw ValidationError("--step '\(step)' is not a positive duration (use e.g. 1h, 15m)")
        }
        if let season, (DurationText.nanoseconds(season) ?? 0) <= 0 {
            throw ValidationError("--season '\(season)' is not a positive duration (use e.g. 1d, 7d)")
        }
        guard harmonics >= 1 else { throw ValidationError("--harmonics must be at least 1, got \(harmonics)") }
        guard level > 0 && level < 100 else {
            throw ValidationError("--level must be a percentage between 0 and 100, got \(level)")
        }
    }

    func run() throws {
        let parsed = try SelectorArgument.parse(selector)
        let database = try store.open(readOnly: true)
        let selected = try database.series(matching: parsed)
        if selected.isEmpty { try explainNoMatch(parsed, in: database) }
        let window = try self.window.range(latest: selected.compactMap(\.last).max())
        let extents = try database.extents(of: selected, from: window.from, to: window.to)
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
        let range = (window.from ?? first)..<((window.to ?? last) + 1)
        let read = try database.grid(matching: parsed, range: range, step: stepNanoseconds,
                                     aggregation: aggregation.resampling, gapFill: .missing)
        var seasonal = SeasonalTerms.none
        if let season, let period = DurationText.nanoseconds(season) {
            seasonal = .fourier(period: Double(period) / Double(stepNanoseconds), harmonics: harmonics)
        }
        let options = TrendOptions(seasonal: seasonal, level: level / 100)
        let fits = TrendAnalysis.fitBatched(read.values, options: options)
        let rows = read.series.indices.map { c in
            TrendRow(series: read.series[c].description, values: read.values.column(c), fit: fits[c],
                     grid: read.grid, options: options, robust: robust, threshold: threshold)
        }
        let report = TrendReport(rows: rows, step: stepNanoseconds, grid: read.grid)
        switch format {
        case .table: print(report.table)
        case .json: print(report.json)
        case .csv: print(report.csv)
        }
    }

    /// An unknown metric is an error with the nearest known name; known names with labels
    /// that match nothing are an error too (there is nothing to fit).
    private func explainNoMatch(_ selector: SeriesSelector, in database: Store) throws {
        if let metric = selector.metricName {
            let names = Set(try database.series().map(\.key.metric)).sorted()
            if !names.contains(metric) {
                if let suggestion = nearestName(to: metric, among: names) {
                    throw CommandFailure.data("unknown metric '\(metric)'; did you mean '\(suggestion)'?")
                }
                throw CommandFailure.data("unknown metric '\(metric)'")
            }
        }
        throw CommandFailure.data("no series match '\(selector)'")
    }
}
