import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsStorage

/// `insights stickiness --event E`: how many days of each week (or month) actors are active.
struct StickinessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stickiness",
        abstract: "Stickiness: actors by the number of days they did the event in each week or month.",
        discussion: """
            For each week (from Monday) or month in --tz: how many actors did the event on exactly \
            1, 2, … distinct calendar days of it, the total, and the mean days. Without --event, \
            any event counts. Definitions: docs/BEHAVIOR.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum Per: String, ExpressibleByArgument, CaseIterable { case week, month }

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The event (default: any event).", valueName: "name"))
    var event: String?

    @Option(help: "Count days per week or per month.")
    var per: Per = .week

    @OptionGroup var window: TimeWindowOptions

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    func run() throws {
        let database = try store.open(readOnly: true)
        let log = try EventReading.log(from: database, names: event.map { [$0] }, window: window)
        let periods = CalendarPeriods(per == .week ? .week : .month, timeZone: EventReading.timeZone(window))
        let range = try EventReading.periodRange(periods, window: window, database: database, log: log)
        let rows = Engagement.stickiness(of: event, in: log, periods: periods, periodRange: range)
        let width = per == .week ? 7 : 31
        func mean(_ row: Engagement.Stickiness) -> String { row.meanDays.isNaN ? "-" : String(format: "%.3f", row.meanDays) }
        switch format {
        case .table:
            var table = [["period", "actors"] + (1...width).map { "\($0)d" } + ["mean days"]]
            for row in rows {
                table.append([periods.label(ofPeriod: row.period), String(row.actors)] + row.actorsByDays.map(String.init) + [mean(row)])
            }
            print(TextTable.render(table))
        case .json:
            print(JSONWriter.render(.object([
                ("per", .string(per.rawValue)), ("tz", .string(window.tz)),
                ("periods", .array(rows.map { row in
                    .object([("start", .string(periods.label(ofPeriod: row.period))), ("actors", .integer(row.actors)),
                             ("actors_by_days", .array(row.actorsByDays.map { .integer($0) })),
                             ("mean_days", row.meanDays.isNaN ? .null : .number(row.meanDays))])
                })),
            ])))
        case .csv:
            var lines = ["start,actors," + (1...width).map { "days_\($0)" }.joined(separator: ",") + ",mean_days"]
            for row in rows {
                lines.append(([periods.label(ofPeriod: row.period), String(row.actors)] + row.actorsByDays.map(String.init)
                              + [row.meanDays.isNaN ? "" : JSONText.number(row.meanDays)]).joined(separator: ","))
            }
            print(lines.joined(separator: "\n"))
        }
    }
}

/// `insights lifecycle --event E --interval week`: new, returning, resurrecting and dormant actors.
struct LifecycleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifecycle",
        abstract: "Lifecycle: new, returning, resurrecting and dormant actors per period.",
        discussion: """
            Per period in the window (--tz calendar; weeks from Monday), the actors who did the \
            event: new (their first such event ever is in this period), returning (also active \
            in the previous period), resurrecting (not in the previous period but in an earlier \
            one); and dormant: active in the previous period, not in this one. History before \
            the window is read so "new" means new. Definitions: docs/BEHAVIOR.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The event (default: any event).", valueName: "name"))
    var event: String?

    @Option(help: "Period: hour, day, week (from Monday) or month, in --tz.")
    var interval: CalendarPeriods.Unit = .week

    @OptionGroup var window: TimeWindowOptions

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    func run() throws {
        let database = try store.open(readOnly: true)
        let log = try EventReading.log(from: database, names: event.map { [$0] }, window: window, fromTheStart: true)
        let periods = CalendarPeriods(interval, timeZone: EventReading.timeZone(window))
        let range = try EventReading.periodRange(periods, window: window, database: database, log: log)
        let rows = Engagement.lifecycle(of: event, in: log, periods: periods, periodRange: range)
        switch format {
        case .table:
            var table = [["period", "new", "returning", "resurrecting", "dormant"]]
            for row in rows {
                table.append([periods.label(ofPeriod: row.period), String(row.new), String(row.returning),
                              String(row.resurrecting), String(row.dormant)])
            }
            print(TextTable.render(table))
        case .json:
            print(JSONWriter.render(.object([
                ("interval", .string(interval.rawValue)), ("tz", .string(window.tz)),
                ("periods", .array(rows.map { row in
                    .object([("start", .string(periods.label(ofPeriod: row.period))), ("new", .integer(row.new)),
                             ("returning", .integer(row.returning)), ("resurrecting", .integer(row.resurrecting)),
                             ("dormant", .integer(row.dormant))])
                })),
            ])))
        case .csv:
            var lines = ["start,new,returning,resurrecting,dormant"]
            for row in rows {
                lines.append("\(periods.label(ofPeriod: row.period)),\(row.new),\(row.returning),\(row.resurrecting),\(row.dormant)")
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
