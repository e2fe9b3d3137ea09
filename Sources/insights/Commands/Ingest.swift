import ArgumentParser
import Foundation
import InsightsStorage

/// `insights ingest FILE...`: load metric, event and label files into the store.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load metric series, behavior events and label windows from files into the database.",
        discussion: """
            Formats are detected from the extension and content (see docs/DATA.md) or forced with \
            --format. Each file is one transaction: all of it is stored, or none of it, and files \
            before a failing one stay stored. With --skip-bad-rows the good rows are stored and \
            every bad row is reported as file:line:column with its reason.

            --prometheus URL --query PROMQL pulls a range query from a Prometheus server \
            instead: --since 7d (back from now) or --from/--to, one point per --step. Long \
            ranges are split into requests of at most 10,000 steps; failed requests \
            (connection errors, HTTP 429 and 5xx) are retried --retries times with doubling, \
            jittered delays from --retry-delay. The pull is one transaction and records how far \
            it got, so a re-run with the same URL, query and step fetches only newer points. \
            Series without a __name__ label (rate(...) and the like) need --metric NAME. \
            See docs/CLI.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case metricsLong = "metrics-long", metricsWide = "metrics-wide", metricsNDJSON = "metrics-ndjson"
        case prometheus, eventsCSV = "events-csv", eventsNDJSON = "events-ndjson", nabWindows = "nab-windows"
        case annotations

        var ingestFormat: IngestFormat {
            switch self {
            case .metricsLong: .metricsLongCSV
            case .metricsWide: .metricsWideCSV
            case .metricsNDJSON: .metricsNDJSON
            case .prometheus: .prometheusJSON
            case .eventsCSV: .eventsCSV
            case .eventsNDJSON: .eventsNDJSON
            case .nabWindows: .nabWindows
            case .annotations: .annotationsJSON
            }
        }
    }

    enum Kind: String, ExpressibleByArgument, CaseIterable { case metrics, events }
    enum Unit: String, ExpressibleByArgument, CaseIterable { case s, ms, us, ns }
    enum Duplicates: String, ExpressibleByArgument, CaseIterable { case last, first, error }

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Files to load.", valueName: "file"))
    var files: [String] = []

    @OptionGroup(title: "Pulling from Prometheus") var pullOptions: PrometheusPullOptions

    @Option(help: "Force a format instead of detecting it.") var format: Format?
    @Option(help: "Metrics or events, when the columns allow either.") var kind: Kind?
    @Option(name: .customLong("timestamp-col"), help: "Timestamp column (default: timestamp, timestamp_utc, time, date or ts).")
    var timestampColumn: String?
    @Option(name: .customLong("value-col"), help: "Value column of a long CSV (default: value).") var valueColumn: String?
    @Option(help: "Metric name for a long CSV without a metric column, a NAB-style file, or pulled series without __name__.")
    var metric: String?
    @Option(name: .customLong("actor-col"), help: "Actor column of an events file (default: distinct_id, user_id, actor or person_id).")
    var actorColumn: String?
    @Option(name: .customLong("event-col"), help: "Event-name column (default: event or event_name).") var eventColumn: String?
    @Option(name: .customLong("timestamp-unit"), help: "Unit of numeric timestamps (default: detected by magnitude).")
    var timestampUnit: Unit?
    @Option(help: ArgumentHelp("Time zone of timestamps without an offset (default UTC).", valueName: "zone"))
    var tz: String = "UTC"
    @Option(help: ArgumentHelp("Directory that 'source' labels are relative to (default: each file's directory).",
                               valueName: "dir"))
    var root: String?
    @Flag(name: .customLong("skip-bad-rows"), help: "Store the good rows and report every bad one.")
    var skipBadRows = false
    @Option(name: .customLong("on-duplicate"), help: "A point at a timestamp its series already has: last (replace), first (keep) or error.")
    var onDuplicate: Duplicates = .last

    func validate() throws {
        guard TimeZone(identifier: tz) != nil else { throw ValidationError("unknown time zone '\(tz)' (use an IANA name such as Europe/Berlin)") }
        try pullOptions.validate(hasFiles: !files.isEmpty)
        if pullOptions.prometheus != nil {
            let fileOnly: [(String, Bool)] = [
                ("--format", format != nil), ("--kind", kind != nil), ("--timestamp-col", timestampColumn != nil),
                ("--value-col", valueColumn != nil), ("--actor-col", actorColumn != nil), ("--event-col", eventColumn != nil),
                ("--timestamp-unit", timestampUnit != nil), ("--root", root != nil),
            ]
            let given = fileOnly.filter(\.1).map(\.0)
            if !given.isEmpty { throw ValidationError("\(given.joined(separator: ", ")) only work with files, not with --prometheus") }
        }
    }

    func run() throws {
        let database = try store.open()
        let options = IngestOptions(
            format: format?.ingestFormat, kind: kind.map { $0 == .metrics ? .metrics : .events },
            timestampColumn: timestampColumn, valueColumn: valueColumn, metric: metric, actorColumn: actorColumn,
            eventColumn: eventColumn,
            timestampUnit: timestampUnit.map { switch $0 { case .s: .seconds; case .ms: .milliseconds; case .us: .microseconds; case .ns: .nanoseconds } },
            timeZone: TimeZone(identifier: tz) ?? TimeZone(identifier: "UTC")!, root: root, skipBadRows: skipBadRows)
        let policy: Store.DuplicatePolicy = switch onDuplicate {
        case .last: .last
        case .first: .first
        case .error: .error
        }
        if pullOptions.prometheus != nil {
            return try pull(into: database, options: options, duplicates: policy)
        }
        for file in files {
            let report: IngestReport
            var fileOptions = options
            let bar = ProgressBar(file: file)
            fileOptions.progress = bar?.progress
            do {
                defer { bar?.clear() }
                report = try database.ingest(file, options: fileOptions, duplicates: policy) { bar?.update(records: $0) }
            } catch let error as IngestError {
                throw error.kind == .unreadable ? CommandFailure.usage(error.description)
                                                : CommandFailure.data("\(error.description) (nothing from \(file) was stored)")
            } catch let error as StorageError {
                throw CommandFailure.usage("\(file): \(error.message) (nothing from \(file) was stored)")
            }
            for bad in report.badRows {
                FileHandle.standardError.write(Data("insights: skipped: \(bad.description)\n".utf8))
            }
            var parts: [String] = []
            if report.metrics > 0 { parts.append("\(report.metrics) points") }
            if report.events > 0 { parts.append("\(report.events) events") }
            if report.annotations > 0 { parts.append("\(report.annotations) annotations") }
            if parts.isEmpty { parts.append("no records") }
            if report.missingValues > 0 { parts.append("\(report.missingValues) missing values skipped") }
            if !report.badRows.isEmpty { parts.append("\(report.badRows.count) bad rows skipped") }
            print("\(file): \(parts.joined(separator: ", ")) (\(report.format.rawValue))")
        }
    }
}
