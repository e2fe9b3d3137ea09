import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsStorage

/// `insights funnel --steps a,b,c --window 7d`: unique actors through ordered (or unordered)
/// steps within a conversion window, with conversions, Wilson intervals, times to convert,
/// breakdowns and drop-off lists.
struct FunnelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel",
        abstract: "Conversion funnel: unique actors reaching each step within a window.",
        discussion: """
            --steps lists event names, comma-separated; a step may require property values, \
            as in 'signup,purchase{plan=pro,coupon!=none}'. By default (--mode ordered) the \
            steps must happen in order, other events allowed between, each within --window of \
            the step-1 event; --mode any accepts them in any order (row k then counts actors \
            who did k of the steps). Each actor counts at the furthest step reached from any \
            of their step-1 events (--attempt first: only from their first). Conversions are \
            fractions of the previous and of the first step; ci_low/ci_high is the 95% Wilson \
            interval of the conversion from the first step; times to convert are seconds from \
            the previous step (median, quartiles, 90th percentile). --by PROPERTY breaks the \
            funnel down by that property's value on the actor's step-1 event. --dropoffs K \
            lists the actors who reached step K but not step K + 1. Definitions: docs/BEHAVIOR.md.

            Exit codes: 0 success, 64 usage error, 65 unknown event or no events in the window.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Comma-separated steps: event names, optionally with {key=value,...}.", valueName: "steps"))
    var steps: String

    @Option(help: ArgumentHelp("Conversion window from the step-1 event, e.g. 1d, 7d, 30m.", valueName: "duration"))
    var window: String

    @Option(help: "ordered (steps in order) or any (all steps in any order).")
    var mode: Funnel.Mode = .ordered

    @Option(help: "furthest (best of every step-1 event) or first (the first step-1 event only).")
    var attempt: Funnel.Attempt = .furthest

    @Option(name: .customLong("by"), help: ArgumentHelp("Break down by this property of the step-1 event.", valueName: "property"))
    var breakdown: String?

    @Option(help: ArgumentHelp("List the actors who reached step K but not step K + 1.", valueName: "K"))
    var dropoffs: Int?

    @OptionGroup var time: TimeWindowOptions

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    func validate() throws {
        let parsed = try FunnelSteps.parse(steps)
        guard let span = DurationText.nanoseconds(window), span > 0 else {
            throw ValidationError("--window '\(window)' is not a positive duration (use e.g. 1d, 7d, 30m)")
        }
        if let dropoffs, !(1..<parsed.count).contains(dropoffs) {
            throw ValidationError("--dropoffs must name a step from 1 to \(parsed.count - 1), got \(dropoffs)")
        }
    }

    func run() throws {
        let parsed = try FunnelSteps.parse(steps)
        let funnel = Funnel(steps: parsed, window: DurationText.nanoseconds(window) ?? 0, mode: mode, attempt: attempt,
                            breakdown: breakdown)
        let keys = Set(parsed.flatMap { $0.filters.map(\.key) } + (breakdown.map { [$0] } ?? []))
        // Under `.chart on` the shell runs this twice (table, then JSON): the second takes the first's report.
        let report = try ReportMemo.report { () throws -> FunnelReport in
            let database = try store.open(readOnly: true)
            let log = try EventReading.log(from: database, names: parsed.map(\.event), window: time,
                                           properties: keys.sorted())
            let result = funnel.run(log, workers: ProcessInfo.processInfo.activeProcessorCount)
            return FunnelReport(result: result, byProperty: breakdown != nil)
        }
        if let dropoffs {
            print(report.dropoffs(after: dropoffs, format: format))
            return
        }
        switch format {
        case .table: print(report.table)
        case .json: print(report.json)
        case .csv: print(report.csv)
        }
    }
}

extension Funnel.Mode: ExpressibleByArgument {}
extension Funnel.Attempt: ExpressibleByArgument {}

/// The `--steps` syntax: `name` or `name{key=value,key!=value}`, comma-separated; values may
/// be double-quoted (to hold commas or braces).
enum FunnelSteps {
    static func parse(_ text: String) throws -> [Funnel.Step] {
        var steps: [Funnel.Step] = []
        var rest = Substring(text)
        while true {
            let name = rest.prefix { $0 != "," && $0 != "{" }.trimmingCharacters(in: .whitespaces)
            rest = rest.dropFirst(rest.prefix { $0 != "," && $0 != "{" }.count)
            guard !name.isEmpty else { throw ValidationError("--steps '\(text)': empty step name") }
            var filters: [Funnel.PropertyFilter] = []
            if rest.first == "{" {
                rest = rest.dropFirst()
                filters = try conditions(&rest, in: text)
            }
            steps.append(Funnel.Step(name, filters: filters))
            rest = rest.drop { $0 == " " }
            guard let separator = rest.first else { break }
            guard separator == "," else { throw ValidationError("--steps '\(text)': expected ',' before '\(rest)'") }
            rest = rest.dropFirst()
        }
        return steps
    }

    /// `key=value, key!=value}`: the conditions up to and including the closing brace.
    private static func conditions(_ rest: inout Substring, in text: String) throws -> [Funnel.PropertyFilter] {
        var filters: [Funnel.PropertyFilter] = []
        while true {
            rest = rest.drop { $0 == " " }
            let key = rest.prefix { $0 != "=" && $0 != "!" && $0 != "}" && $0 != "," }
            rest = rest.dropFirst(key.count)
            let negated = rest.hasPrefix("!=")
            guard !key.trimmingCharacters(in: .whitespaces).isEmpty, negated || rest.hasPrefix("=") else {
                throw ValidationError("--steps '\(text)': expected key=value or key!=value inside { }")
            }
            rest = rest.dropFirst(negated ? 2 : 1).drop { $0 == " " }
            var value: String
            if rest.first == "\"" {
                let body = rest.dropFirst().prefix { $0 != "\"" }
                guard rest.dropFirst(body.count + 1).first == "\"" else {
                    throw ValidationError("--steps '\(text)': unterminated quoted value")
                }
                value = String(body)
                rest = rest.dropFirst(body.count + 2)
            } else {
                value = String(rest.prefix { $0 != "," && $0 != "}" }).trimmingCharacters(in: .whitespaces)
                rest = rest.dropFirst(rest.prefix { $0 != "," && $0 != "}" }.count)
            }
            // The property's JSON text matches the value as a string or as the literal spelled
            // that way (99 matches "99" and 99), as the store's property filters do.
            filters.append(Funnel.PropertyFilter(key: key.trimmingCharacters(in: .whitespaces),
                                                 texts: [JSONText.quoted(value), value], negated: negated))
            rest = rest.drop { $0 == " " }
            switch rest.first {
            case ",": rest = rest.dropFirst()
            case "}": rest = rest.dropFirst(); return filters
            default: throw ValidationError("--steps '\(text)': expected ',' or '}' after a condition")
            }
        }
    }
}
