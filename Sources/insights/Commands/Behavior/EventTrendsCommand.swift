import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsStorage

/// `insights trends --events 'purchase,signup'`: events per calendar period as series.
struct EventTrendsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Event trends: count, distinct actors, or sum/mean of a property per hour, day, week or month.",
        discussion: """
            One series per event (and per value of --by), on calendar periods in --tz (weeks \
            start on Monday). --formula combines the events' series period by period, A being \
            the first event of --events, B the second (e.g. 'A / B' for purchases per sign-up; \
            a division by zero is empty). csv is the long table unique_id,ds,y that trend, \
            anomalies, changepoints and forecast read with --csv, so any trend can be analysed \
            as a series. Definitions: docs/BEHAVIOR.md.

            Exit codes: 0 success, 64 usage error, 65 unknown event or no events in the window.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum MeasureName: String, ExpressibleByArgument, CaseIterable { case count, actors, sum, avg }

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Events, comma separated (series A, B, … of --formula).", valueName: "names"))
    var events: String

    @Option(help: "What to count per period: count (events), actors (distinct), sum or avg of --property.")
    var measure: MeasureName = .count

    @Option(help: ArgumentHelp("The numeric property of --measure sum or avg.", valueName: "key"))
    var property: String?

    @Option(help: "Period: hour, day, week (from Monday) or month, in --tz.")
    var interval: CalendarPeriods.Unit = .day

    @Option(help: ArgumentHelp("Break each series down by this property.", valueName: "key"))
    var by: String?

    @Option(help: ArgumentHelp("At most this many breakdown values per event (largest totals).", valueName: "n"))
    var limit: Int = 10

    @Option(help: ArgumentHelp("Arithmetic over the series: A / B, (A - B) / A * 100.", valueName: "expression"))
    var formula: String?

    @OptionGroup var window: TimeWindowOptions

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    var names: [String] { events.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func validate() throws {
        guard !names.isEmpty else { throw ValidationError("--events needs at least one event name") }
        if (measure == .sum || measure == .avg) != (property != nil) {
            throw ValidationError("--property goes with --measure sum or avg (and they need it)")
        }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        if let formula {
            guard by == nil else { throw ValidationError("--formula combines whole series; it does not go with --by") }
            let parsed: SeriesFormula
            do { parsed = try SeriesFormula(formula) } catch {
                throw ValidationError("--formula '\(formula)': \(error.message) at character \(error.offset + 1)")
            }
            guard parsed.seriesCount <= names.count else {
                throw ValidationError("--formula uses \(parsed.seriesCount) series but --events names \(names.count)")
            }
        }
    }

    var measureValue: EventTrends.Measure {
        switch measure {
        case .count: .count
        case .actors: .actors
        case .sum: .sum(property ?? "")
        case .avg: .average(property ?? "")
        }
    }

    func run() throws {
        // Under `.chart on` the shell runs this twice (table, then JSON): the second takes the first's series.
        let periods = CalendarPeriods(interval, timeZone: EventReading.timeZone(window))
        let (rows, range) = try ReportMemo.report { () throws -> ([(name: String, values: [Double])], Range<Int>) in
            let database = try store.open(readOnly: true)
            let log = try EventReading.log(from: database, names: names, window: window,
                                           properties: [by, property].compactMap { $0 })
            let range = try EventReading.periodRange(periods, window: window, database: database, log: log)
            var rows: [(name: String, values: [Double])] = []
            for name in names {
                let series = EventTrends.series(of: name, in: log, measure: measureValue, periods: periods,
                                                periodRange: range, breakdown: by)
                for one in series.prefix(limit) {
                    rows.append((one.breakdown.map { "\(name) [\(by ?? "")=\(EventLog.display($0 == "(none)" ? nil : $0))]" } ?? name,
                                 one.values))
                }
            }
            if let formula, let parsed = try? SeriesFormula(formula) {
                rows.append((formula, parsed.evaluate(rows.map(\.values))))
            }
            return (rows, range)
        }
        let labels = range.map(periods.label(ofPeriod:))
        switch format {
        case .table:
            var table = [["period"] + rows.map(\.name)]
            for (t, label) in labels.enumerated() {
                table.append([label] + rows.map { $0.values[t].isNaN ? "-" : RegressionReport.general($0.values[t], digits: 6) })
            }
            print(TextTable.render(table))
        case .json:
            print(JSONWriter.render(.object([
                ("interval", .string(interval.rawValue)), ("tz", .string(window.tz)), ("measure", .string(measure.rawValue)),
                ("periods", .array(labels.map { .string($0) })),
                ("series", .array(rows.map { row in
                    .object([("name", .string(row.name)), ("values", .array(row.values.map { $0.isNaN ? .null : .number($0) }))])
                })),
            ])))
        case .csv:
            var lines = ["unique_id,ds,y"]
            for row in rows {
                for (t, period) in range.enumerated() where !row.values[t].isNaN {
                    lines.append("\(Export.csvField(row.name)),\(TimestampFormat.iso8601(periods.start(ofPeriod: period))),"
                                 + JSONText.number(row.values[t]))
                }
            }
            print(lines.joined(separator: "\n"))
        }
    }
}

extension CalendarPeriods.Unit: ExpressibleByArgument {}
