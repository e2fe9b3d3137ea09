import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsNumerics
import InsightsQuery
import InsightsStorage

/// `insights decompose SELECTOR`: trend, one seasonal component per period and the remainder
/// of every selected series (MSTL; STL for one period).
struct Decompose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decompose",
        abstract: "Split each selected series into trend, seasonal components and remainder (MSTL).",
        discussion: """
            Reads the series onto one grid as trend does (inner gaps interpolated). Periods come \
            from --season (steps, or durations such as 1d,7d), else from Seasonality.detect on \
            the calendar periods of the step. The table gives per series the periods, the \
            seasonal strength F_s of each (0 none, 1 all), the trend's start and end and the \
            remainder's standard deviation; csv and json give every component at every step. \
            Methods: docs/STATISTICS.md (MSTL).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var store: StoreOptions
    @OptionGroup var grid: GridOptions

    @Option(help: ArgumentHelp("Seasonal periods, comma separated: steps (24,168) or durations (1d,7d).", valueName: "periods"))
    var season: String?

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    func run() throws {
        let read = try grid.read(from: store)
        var rows: [[String]] = [["series", "periods", "strength", "trend start", "trend end", "remainder sd"]]
        var csvLines = ["series,ds,observed,trend,seasonal,remainder"]
        var jsonSeries: [JSONWriter.Value] = []
        for (c, key) in read.series.enumerated() {
            let values = MissingValues.interpolated(read.values.column(c))
            let periods = try ForecastCommand.seasonalPeriods(season: season, values: values, step: read.grid.step)
                .filter { 2 * $0 <= values.count }
            guard !periods.isEmpty else {
                throw CommandFailure.data("series '\(key)': no seasonal period to decompose (give --season, or more data)")
            }
            let parts: MultipleDecomposition
            switch Result(catching: { () throws(DecompositionError) in try MSTL(periods: periods).decompose(values) }) {
            case .success(let value): parts = value
            case .failure(let error): throw CommandFailure.data("series '\(key)': \(error)")
            }
            let strengths = parts.seasonals.map { Seasonality.seasonalStrength(seasonal: $0, residual: parts.residual) }
            // In the metric's unit when its name gives one (`115.1 ms`), else plain numbers.
            let unit = MetricUnit(series: key.metric)
            func measure(_ value: Double, _ format: String) -> String { unit.format(value) ?? String(format: format, value) }
            rows.append([key.description, parts.periods.map(String.init).joined(separator: ","),
                         strengths.map { String(format: "%.3f", $0) }.joined(separator: ","),
                         measure(parts.trend.first ?? .nan, "%.6g"), measure(parts.trend.last ?? .nan, "%.6g"),
                         measure(Statistics.standardDeviation(parts.residual), "%.4g")])
            let stamps = (0..<values.count).map { TimestampFormat.iso8601(read.grid.timestamp(at: $0)) }
            for t in values.indices {
                let seasonal = parts.seasonals.map { String($0[t]) }.joined(separator: ";")
                csvLines.append([Export.csvField(key.description), stamps[t], String(values[t]), String(parts.trend[t]),
                                 seasonal, String(parts.residual[t])].joined(separator: ","))
            }
            jsonSeries.append(.object([
                ("series", .string(key.description)), ("periods", .array(parts.periods.map { .integer($0) })),
                ("strength", .array(strengths.map { .number($0) })),
                ("ds", .array(stamps.map { .string($0) })), ("observed", .array(values.map { .number($0) })),
                ("trend", .array(parts.trend.map { .number($0) })),
                ("seasonal", .array(parts.seasonals.map { .array($0.map { .number($0) }) })),
                ("remainder", .array(parts.residual.map { .number($0) })),
            ]))
        }
        switch format {
        case .table: print(TextTable.render(rows))
        case .csv: print(csvLines.joined(separator: "\n"))
        case .json: print(JSONWriter.render(.array(jsonSeries)))
        }
    }
}
