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

    @OptionGroup var store: StoreOptions

    @OptionGroup var grid: GridOptions

    @OptionGroup var seasonal: SeasonalTermsOptions

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
        guard level > 0 && level < 100 else {
            throw ValidationError("--level must be a percentage between 0 and 100, got \(level)")
        }
    }

    func run() throws {
        let read = try grid.read(from: store)
        let stepNanoseconds = read.grid.step
        let options = TrendOptions(seasonal: seasonal.terms(step: stepNanoseconds), level: level / 100)
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
}
