import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsStorage

/// `insights behavior-anomalies --event E [--of BASE]`: unusual periods of an event rate or a
/// conversion rate, scored with count-aware (quasi-Poisson / quasi-binomial) residuals.
struct BehaviorAnomaliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "behavior-anomalies",
        abstract: "Anomalies in event counts or conversion rates, scored as counts (quasi-Poisson, quasi-binomial).",
        discussion: """
            Without --of: the event's count per period (--measure count, or actors: distinct \
            actors) against a baseline of earlier periods, with Poisson noise widened by the \
            history's own overdispersion. With --of BASE: the conversion rate, actors who did the \
            event among those who did BASE in the same period, with binomial noise likewise \
            widened; so a drop from 40% to 30% among 50 actors is not flagged like the same drop \
            among 50,000. Baseline: the --baseline periods before each one, or with --season s \
            the periods s, 2s, … before (same weekday on daily data). Flags: Benjamini–Hochberg \
            q ≤ --fdr. The table lists flagged periods (--all for every period); json and csv \
            give every period. Methods: docs/BEHAVIOR.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum CountMeasure: String, ExpressibleByArgument, CaseIterable { case count, actors }

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The event whose rate is scored.", valueName: "name"))
    var event: String

    @Option(help: ArgumentHelp("Score the conversion from this event to --event instead of a count.", valueName: "name"))
    var of: String?

    @Option(help: "Without --of: count events or distinct actors per period.")
    var measure: CountMeasure = .count

    @Option(help: "Period: hour, day, week (from Monday) or month, in --tz.")
    var interval: CalendarPeriods.Unit = .day

    @Option(help: ArgumentHelp("Baseline periods per comparison.", valueName: "n"))
    var baseline: Int = 28

    @Option(help: ArgumentHelp("Compare with the periods this many before (e.g. 7 on daily data).", valueName: "periods"))
    var season: Int?

    @Option(help: ArgumentHelp("Flag at this false discovery rate.", valueName: "q"))
    var fdr: Double = 0.05

    @Flag(help: "List every scored period in the table, not only flagged ones.")
    var all = false

    @OptionGroup var window: TimeWindowOptions

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    func validate() throws {
        guard baseline >= 7 else { throw ValidationError("--baseline must be at least 7 periods") }
        if let season, season < 1 { throw ValidationError("--season must be at least 1") }
        guard fdr > 0 && fdr < 1 else { throw ValidationError("--fdr must be between 0 and 1") }
    }

    func run() throws {
        let database = try store.open(readOnly: true)
        let log = try EventReading.log(from: database, names: [event] + (of.map { [$0] } ?? []), window: window)
        let periods = CalendarPeriods(interval, timeZone: EventReading.timeZone(window))
        let range = try EventReading.periodRange(periods, window: window, database: database, log: log)
        let options = CountAnomalies.Options(baseline: baseline, season: season, minimumBaseline: 7, fdr: fdr)
        let scores: [CountAnomalies.Score]
        var trials: [Double]?
        if let of {
            let rate = EventTrends.conversion(from: of, to: event, in: log, periods: periods, periodRange: range)
            scores = CountAnomalies.rates(successes: rate.successes, trials: rate.trials, options: options)
            trials = rate.trials
        } else {
            let series = EventTrends.series(of: event, in: log, measure: measure == .count ? .count : .actors,
                                            periods: periods, periodRange: range)
            scores = CountAnomalies.counts(series.first?.values ?? [], options: options)
        }
        let labels = range.map(periods.label(ofPeriod:))
        let what = of.map { "conversion \($0) → \(event)" } ?? "\(event) \(measure == .count ? "events" : "actors")"
        func g(_ value: Double) -> String { RegressionReport.general(value, digits: 4) }
        switch format {
        case .table:
            var table = [["period", of == nil ? "observed" : "rate", "expected", of == nil ? "" : "actors", "z", "p", "q", "flag"]]
                .map { $0.filter { !$0.isEmpty } }
            for (t, score) in scores.enumerated() where !score.z.isNaN && (all || score.flagged) {
                var row = [labels[t], of == nil ? g(score.observed) : percent(score.observed), of == nil ? g(score.expected) : percent(score.expected)]
                if let trials { row.append(String(Int(trials[t]))) }
                row += [g(score.z), g(score.pValue), g(score.qValue), score.flagged ? (score.z < 0 ? "low" : "high") : ""]
                table.append(row)
            }
            let flagged = scores.filter(\.flagged).count
            print(table.count == 1 ? "no anomalies in \(what) (\(scores.filter { !$0.z.isNaN }.count) periods scored)"
                  : TextTable.render(table) + "\n\(what): \(flagged) flagged at FDR \(g(fdr)) of \(scores.filter { !$0.z.isNaN }.count) periods scored")
        case .json:
            print(JSONWriter.render(.object([
                ("series", .string(what)), ("interval", .string(interval.rawValue)),
                ("periods", .array(scores.enumerated().map { t, score in
                    var members: [(String, JSONWriter.Value)] = [("start", .string(labels[t]))]
                    if let trials { members.append(("trials", .integer(Int(trials[t])))) }
                    if score.z.isNaN { return .object(members + [("scored", .bool(false))]) }
                    return .object(members + [("observed", .number(score.observed)), ("expected", .number(score.expected)),
                                              ("dispersion", .number(score.dispersion)), ("z", .number(score.z)),
                                              ("p_value", .number(score.pValue)), ("q_value", .number(score.qValue)),
                                              ("flagged", .bool(score.flagged))])
                })),
            ])))
        case .csv:
            var lines = ["start,observed,expected,dispersion,z,p_value,q_value,flagged"]
            for (t, score) in scores.enumerated() where !score.z.isNaN {
                lines.append([labels[t], JSONText.number(score.observed), JSONText.number(score.expected),
                              JSONText.number(score.dispersion), JSONText.number(score.z), JSONText.number(score.pValue),
                              JSONText.number(score.qValue), String(score.flagged)].joined(separator: ","))
            }
            print(lines.joined(separator: "\n"))
        }
    }

    private func percent(_ value: Double) -> String { String(format: "%.2f%%", 100 * value) }
}
