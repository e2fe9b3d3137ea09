import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsStorage

/// `insights retention --start E --return E --period week --periods 12`: cohorts by the period
/// of each actor's first start event, and how many return in each later period.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Cohort retention: actors by the period of their first start event, returning in each later period.",
        discussion: """
            An actor's cohort is the calendar period (--period, in --tz; weeks start on Monday) \
            of their first --start event in the window. counts[k] is the number of the cohort's \
            actors who did the --return event in the k-th period after the cohort's (k = 0 is \
            the cohort's own period); --mode rolling counts those who returned in period k or \
            any later one. rates[k] = counts[k] / size. periods_observed says how many of the N \
            periods had begun by the end of the data (or --to); later ones count 0. \
            Definitions: docs/BEHAVIOR.md.

            Exit codes: 0 success, 64 usage error, 65 unknown event or no events in the window.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum Period: String, ExpressibleByArgument, CaseIterable { case day, week, month }

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("start"), help: ArgumentHelp("The event that puts an actor in a cohort.", valueName: "event"))
    var startEvent: String

    @Option(name: .customLong("return"), help: ArgumentHelp("The event that counts as coming back.", valueName: "event"))
    var returnEvent: String

    @Option(help: "Calendar period: day, week (from Monday) or month.")
    var period: Period

    @Option(help: ArgumentHelp("Number of periods N (0 through N - 1).", valueName: "N"))
    var periods: Int

    @Option(help: "classic (that period) or rolling (that period or any later one).")
    var mode: Retention.Mode = .classic

    @OptionGroup var time: TimeWindowOptions

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    func validate() throws {
        guard periods >= 1 else { throw ValidationError("--periods must be at least 1, got \(periods)") }
    }

    func run() throws {
        let unit: CalendarPeriods.Unit = switch period {
        case .day: .day
        case .week: .week
        case .month: .month
        }
        let retention = Retention(startEvent: startEvent, returnEvent: returnEvent,
                                  periods: CalendarPeriods(unit, timeZone: EventReading.timeZone(time)),
                                  count: periods, mode: mode)
        // Under `.chart on` the shell runs this twice (table, then JSON): the second takes the first's cohorts.
        let cohorts = try ReportMemo.report {
            let database = try store.open(readOnly: true)
            let log = try EventReading.log(from: database, names: [startEvent, returnEvent], window: time)
            let end = try time.range(latest: nil).to
            return retention.run(log, observedUntil: end, workers: ProcessInfo.processInfo.activeProcessorCount)
        }
        switch format {
        case .table: print(table(cohorts))
        case .json: print(json(cohorts))
        case .csv: print(csv(cohorts))
        }
    }

    private func table(_ cohorts: [Retention.Cohort]) -> String {
        var rows = [["cohort", "size"] + (0..<periods).map { "\(period.rawValue) \($0)" }]
        for cohort in cohorts {
            rows.append([cohort.label, String(cohort.size)] + cohort.rates.enumerated().map { k, rate in
                k < cohort.observedPeriods ? String(format: "%.1f%%", 100 * rate) : ""
            })
        }
        let total = cohorts.reduce(0) { $0 + $1.size }
        return TextTable.render(rows) + "\n\(cohorts.count) cohorts, \(total) actors; \(mode.rawValue) retention, "
            + "\(period.rawValue)s in \(time.tz)"
    }

    private func json(_ cohorts: [Retention.Cohort]) -> String {
        JSONWriter.render(.object([("cohorts", .array(cohorts.map { cohort in
            .object([("start", .string(cohort.label)), ("size", .integer(cohort.size)),
                     ("counts", .array(cohort.counts.map { .integer($0) })),
                     ("rates", .array(cohort.rates.map { .number($0) })),
                     ("periods_observed", .integer(cohort.observedPeriods))])
        }))]))
    }

    private func csv(_ cohorts: [Retention.Cohort]) -> String {
        var lines = ["start,size,period,count,rate,observed"]
        for cohort in cohorts {
            for k in 0..<periods {
                lines.append("\(cohort.label),\(cohort.size),\(k),\(cohort.counts[k]),\(JSONText.number(cohort.rates[k])),"
                             + (k < cohort.observedPeriods ? "true" : "false"))
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension Retention.Mode: ExpressibleByArgument {}
