import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsNumerics
import InsightsQuery
import InsightsStorage

/// One shell session: the database, `let` bindings and display settings, shared by the REPL,
/// `insights -c`, `insights run FILE` and piped scripts. Statements run on the same engine as
/// the subcommands: an analysis statement becomes the subcommand's arguments and runs it.
final class Session {
    var databasePath: String?
    var bindings: [String: Value] = [:]
    var mode: OutputMode
    var timer = false
    var chart = false
    /// `.writable on` / `--writable`: `sql` statements may change the database.
    var writable = false
    var maxRows = 1000
    /// `.output FILE` (until `.output` with no file) and `.once FILE` (the next result only).
    var outputPath: String?
    var oncePath: String?
    /// Whether standard output is a terminal (tables are then fitted to its width); a notebook
    /// turns it off so its outputs do not depend on where it was run.
    var terminal: Bool
    var color: Bool
    /// Whether the last statement failed, for scripted exit codes.
    private(set) var failures = 0
    private var cachedCatalog: Catalog?
    private var pendingCatalog: CatalogLoad?
    private var interactive: Bool

    init(databasePath: String?, mode: OutputMode, interactive: Bool) {
        self.databasePath = databasePath
        self.mode = mode
        self.interactive = interactive
        let tty = isatty(STDOUT_FILENO) != 0
        color = tty && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        terminal = tty
    }

    static func terminalWidth() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The path in effect: `.open`, `--db`, then `$INSIGHTS_DB`, then `./insights.db`.
    var path: String {
        databasePath ?? ProcessInfo.processInfo.environment["INSIGHTS_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "insights.db"
    }

    /// The catalog of the current database (empty when there is none yet).
    var catalog: Catalog {
        if let cachedCatalog { return cachedCatalog }
        let read = pendingCatalog?.wait() ?? Catalog(path: path)
        pendingCatalog = nil
        cachedCatalog = read
        return read
    }

    /// Starts reading the catalog on another thread, so the first Tab finds it ready.
    func preloadCatalog() {
        cachedCatalog = nil
        pendingCatalog = CatalogLoad(path: path)
    }

    // MARK: Running scripts

    /// Runs every statement of `script`; stops at the first error unless `keepGoing`.
    /// - Parameter name: The file name for messages (`FILE:line:col: error: …`).
    /// - Returns: Whether every statement succeeded.
    @discardableResult
    func run(script: String, name: String? = nil, keepGoing: Bool = false) -> Bool {
        var ok = true
        for piece in ScriptSplitter.statements(script) {
            if Cancellation.isRequested { break }
            if !execute(piece.text, at: piece.location, source: script, name: name) {
                ok = false
                if !keepGoing { break }
            }
            if quitRequested { break }
        }
        return ok
    }

    private(set) var quitRequested = false

    /// Runs one statement, printing its result or its error. Returns whether it succeeded.
    @discardableResult
    func execute(_ text: String, at location: TextPosition, source: String, name: String?) -> Bool {
        let started = ContinuousClock.now
        Cancellation.reset()
        defer { Cancellation.reset() }
        do {
            let statement = try Parser.parse(text, base: location, bindings: bindings)
            try run(statement, text: text)
            if timer { reportTime(since: started) }
            return true
        } catch let error as QueryError {
            failures += 1
            printError(error.rendered(source: source, name: name))
        } catch let failure as ShellFailure {
            failures += 1
            let prefix = name.map { "\($0):" } ?? ""
            printError("\(prefix)\(failure.location ?? location): error: \(failure.message)")
        } catch {
            failures += 1
            printError("\(name.map { "\($0):" } ?? "")\(location): error: \(error)")
        }
        return false
    }

    private func reportTime(since start: ContinuousClock.Instant) {
        let seconds = Double((ContinuousClock.now - start) / .microseconds(1)) / 1e6
        FileHandle.standardError.write(Data(String(format: "Run Time: %.3f s\n", seconds).utf8))
    }

    /// Where error messages go instead of standard error (a notebook puts them in the cell).
    var errorSink: ((String) -> Void)?
    /// Where charts go instead of the terminal under `.chart on` (a notebook draws them as SVG).
    var chartSink: ((Chart) -> Void)?
    /// Receives every table written (with its text as written), so a notebook can give a
    /// cell's tables as HTML beside the text.
    var tableRecorder: TableRecorder?

    func printError(_ text: String) {
        if let errorSink {
            errorSink(text)
            return
        }
        let painted = color && isatty(STDERR_FILENO) != 0 ? "\u{1B}[31m" + text + "\u{1B}[0m" : text
        FileHandle.standardError.write(Data((painted + "\n").utf8))
    }

    // MARK: Statements

    private func run(_ statement: Statement, text: String) throws {
        switch statement {
        case .binding(let name, let value):
            bindings[name] = value
        case .sql(let sql, let location):
            try runSQL(sql, at: location)
        case .dot(let name, let arguments, let location):
            try runDot(name, arguments, at: location)
        case .regress(let formula, let file, let options):
            try runRegress(formula: formula, csv: file, options: options)
        case .regressSeries(let formula, let columns, let selection, let options):
            let file = try seriesTable(columns, selection: selection)
            defer { unlink(file) }
            try runRegress(formula: formula, csv: file, options: options)
        case .query(let selection):
            try runQuery(selection)
        case .analysis(let analysis):
            try runAnalysis(analysis)
        case .behavior(let query):
            try runBehavior(query)
        case .advice(let query):
            try runAdvice(query)
        }
    }

    /// `recommend`, `health`, `explain`: the subcommand of the same name with the options as
    /// flags. `recommend` is a dry run unless the statement says `record`: looking around in the
    /// shell leaves the history (and what Alertmanager is sent next) alone.
    private func runAdvice(_ query: AdviceQuery) throws {
        var arguments = [query.kind.rawValue] + (query.fingerprint.map { [$0] } ?? []) + ["--db", path]
        var record = false
        for option in query.options {
            if option.name == "record" {
                record = true
                continue
            }
            let spec = Parser.adviceOptions[query.kind]?.first { $0.name == option.name }
            arguments.append(spec?.flag ?? "--" + option.name)
            if spec?.takesValue ?? true { arguments.append(option.values.joined(separator: ",")) }
        }
        if query.kind == .recommend && !record { arguments.append("--dry-run") }
        try runCommand(arguments + ["--format", mode == .json || mode == .ndjson ? "json" : "table"])
    }

    /// A behavior statement: its events and options become the subcommand's flags.
    private func runBehavior(_ query: BehaviorQuery) throws {
        let known = catalog.events
        for event in query.events where !known.contains(event.name) {
            let hint = nearestName(to: event.name, among: known).map { "; did you mean '\($0)'?" } ?? ""
            throw QueryError("unknown event '\(event.name)'\(hint)", at: event.location, length: event.length)
        }
        let names = query.events.map(\.name)
        var arguments: [String]
        switch query.kind {
        case .trends: arguments = ["trends", "--events", names.joined(separator: ",")]
        case .funnel: arguments = ["funnel", "--steps", names.joined(separator: ",")]
        case .retention: arguments = ["retention", "--start", names[0], "--return", names.last!]
        case .experiment: arguments = ["experiment", "--metric", names[0]]
        case .stickiness, .lifecycle: arguments = [query.kind.rawValue] + (names.first.map { ["--event", $0] } ?? [])
        }
        arguments += ["--db", path] + TimeWindow.arguments(query.window)
        for option in query.options {
            let spec = Parser.behaviorOptions[query.kind]?.first { $0.name == option.name }
            arguments.append(spec?.flag ?? "--" + option.name)
            if spec?.takesValue ?? true { arguments.append(option.values.joined(separator: ",")) }
        }
        // The chart's run reads what the table's run computed (same arguments but the format).
        try ReportMemo.sharing(key: arguments.joined(separator: "\u{1F}")) {
            try runCommand(arguments + ["--format", mode.commandFormat])
            if chart && (query.kind == .funnel || query.kind == .retention || query.kind == .trends) {
                try chartBehavior(query, arguments: arguments)
            }
        }
    }

    private func runRegress(formula: String, csv: String, options: [StatementOption]) throws {
        var arguments = ["regress", "--csv", csv, "--formula", formula]
        arguments += options.flatMap { ["--" + $0.name.replacingOccurrences(of: "_", with: "-"), $0.values.joined(separator: ",")] }
        try runCommand(arguments + ["--format", mode == .json || mode == .ndjson ? "json" : "table"])
    }

    /// The named series of `regress … with` as a temporary CSV: `t` (days since the first
    /// common time) and one column per name, on the times where every series has a value.
    private func seriesTable(_ columns: [RegressColumn], selection: Selection) throws -> String {
        let store = try StoreOptions.parse(["--db", path]).open(readOnly: true)
        var tables: [(name: String, values: [Int64: Double])] = []
        for column in columns {
            try checkMetric(column.selector)
            let read = try GridOptions.read(selector: column.selector.description, step: selection.step,
                                            aggregation: selection.aggregation ?? "avg", window: try windowOptions(selection),
                                            from: store)
            guard read.series.count == 1 else {
                throw ShellFailure("'\(column.name)' selects \(read.series.count) series; narrow \(column.selector) to one with labels",
                                   at: column.selector.location)
            }
            var values: [Int64: Double] = [:]
            for (i, value) in read.values.column(0).enumerated() where !value.isNaN { values[read.grid.timestamp(at: i)] = value }
            tables.append((column.name, values))
        }
        let common = tables.dropFirst().reduce(Set(tables[0].values.keys)) { $0.intersection($1.values.keys) }.sorted()
        guard common.count > columns.count + 1 else {
            throw ShellFailure("the series share only \(common.count) times; align them with a common step", at: selection.location)
        }
        var lines = [(["t"] + tables.map(\.name)).joined(separator: ",")]
        for time in common {
            let days = Double(time - common[0]) / 86_400e9
            lines.append(([String(days)] + tables.map { String($0.values[time]!) }).joined(separator: ","))
        }
        let file = NSTemporaryDirectory() + "insights-regress-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The series a PromQL expression evaluates to, as a temporary long CSV `unique_id,ds,y`
    /// (times with no value are left out; forecast reads them onto its grid).
    private func evaluatedCSV(_ selection: Selection) throws -> String {
        try checkMetrics(in: selection.expression)
        let store = try StoreOptions.parse(["--db", path]).open(readOnly: true)
        let evaluator = SeriesEvaluator(store: store, times: try SeriesEvaluator.times(for: selection, store: store))
        var lines = ["unique_id,ds,y"]
        for series in try evaluator.evaluate(selection.expression) {
            let id = Export.csvField(SeriesEvaluator.describe(series.labels))
            for (time, value) in zip(series.timestamps, series.values) where value.isFinite {
                lines.append("\(id),\(TimestampFormat.iso8601(time)),\(value)")
            }
        }
        let file = NSTemporaryDirectory() + "insights-series-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// `events{event="NAME"[, measure="count|actors"]}` with `step 1h|1d|7d` (default 1d): the
    /// event's trend (insights trends) as a temporary long CSV, so every analysis applies to it.
    private func eventSeriesCSV(_ selector: Selector, selection: Selection) throws -> String {
        var event: String?, measure = "count"
        for matcher in selector.matchers {
            guard matcher.operation == .equal, ["event", "measure"].contains(matcher.label) else {
                throw ShellFailure("events{…} takes event=\"NAME\" and optionally measure=\"count\" or \"actors\"",
                                   at: matcher.location)
            }
            if matcher.label == "event" { event = matcher.value } else { measure = matcher.value }
        }
        guard let event else { throw ShellFailure("events{…} needs event=\"NAME\"", at: selector.location) }
        let intervals = ["1h": "hour", "60m": "hour", "1d": "day", "24h": "day", "7d": "week", "1w": "week"]
        guard let interval = intervals[selection.step ?? "1d"] else {
            throw ShellFailure("events{…} is counted per hour, day or week: step 1h, 1d or 7d", at: selection.location)
        }
        let text = try Self.captured {
            try Self.invoke(["trends", "--db", path, "--events", event, "--measure", measure, "--interval", interval,
                             "--format", "csv"] + selection.windowArguments)
        }
        let file = NSTemporaryDirectory() + "insights-events-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).csv"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Arguments for a subcommand reading `selection`: the selector, window, step and aggregation.
    private func selectionArguments(_ selection: Selection) throws -> [String] {
        guard let selector = selection.expression.plainSelector else {
            throw ShellFailure("this statement takes a series selector, not a PromQL expression", at: selection.location)
        }
        try checkMetric(selector)
        var arguments = [selector.description, "--db", path] + selection.windowArguments
        if let step = selection.step { arguments += ["--step", step] }
        if let aggregation = selection.aggregation { arguments += ["--aggregation", aggregation] }
        return arguments
    }

    /// An unknown metric is an error at the metric's name with the nearest known one.
    func checkMetric(_ selector: Selector) throws {
        guard let metric = selector.metric else { return }
        guard !catalog.hasMetric(metric) else { return }
        let known = catalog.metrics
        let hint = nearestName(to: metric, among: known).map { "; did you mean '\($0)'?" } ?? ""
        throw QueryError("unknown metric '\(metric)'\(hint)", at: selector.location, length: selector.metricLength)
    }

    private func runAnalysis(_ analysis: Analysis) throws {
        let subcommand: String
        switch analysis.kind {
        case .trend: subcommand = "trend"
        case .changepoints: subcommand = "changepoints"
        case .anomalies: subcommand = "anomalies"
        case .forecast: subcommand = "forecast"
        case .backtest: subcommand = "backtest"
        case .decompose: subcommand = "decompose"
        }
        var temporary: String?
        defer { temporary.map { _ = unlink($0) } }
        var arguments: [String]
        if analysis.selection.expression.plainSelector == nil {
            // A PromQL expression: its result series, as the long CSV every analysis reads with --csv.
            temporary = try evaluatedCSV(analysis.selection)
            arguments = [subcommand, "--csv", temporary!]
        } else if let selector = analysis.selection.expression.plainSelector, selector.metric == "events",
                  !catalog.hasMetric("events") {
            // `events{event="purchase"}`: the event's trend as a series.
            temporary = try eventSeriesCSV(selector, selection: analysis.selection)
            arguments = [subcommand, "--csv", temporary!]
        } else {
            arguments = [subcommand] + (try selectionArguments(analysis.selection))
        }
        for option in analysis.options {
            let spec = Parser.options[analysis.kind]?.first { $0.name == option.name }
            arguments.append(spec?.flag ?? "--" + option.name)
            if spec?.takesValue ?? true { arguments.append(option.values.joined(separator: ",")) }
        }
        // The chart's run reads the report the table's run computed (same arguments but the format).
        try ReportMemo.sharing(key: ([path] + arguments).joined(separator: "\u{1F}")) {
            try runCommand(arguments + ["--format", mode.commandFormat])
            if chart && analysis.kind != .backtest {
                try chartAnalysis(analysis, arguments: arguments, csv: temporary)
            }
        }
    }

    /// Runs a subcommand in this process with its output going where the session's output goes;
    /// in `ndjson` mode its JSON is compacted to one line.
    func runCommand(_ arguments: [String]) throws {
        guard mode == .ndjson else {
            try withOutput { try Self.invoke(arguments) }
            return
        }
        let text = try Self.captured { try Self.invoke(arguments) }
        try withOutput { print(Self.compactJSON(text), terminator: text.isEmpty ? "" : "\n") }
    }

    static func invoke(_ arguments: [String]) throws {
        do {
            var command = try Insights.parseAsRoot(arguments)
            try command.run()
        } catch let failure as CommandFailure {
            throw ShellFailure(failure.description)
        } catch let error as ShellFailure {
            throw error
        } catch {
            let message = Insights.message(for: error)
            throw ShellFailure(message.isEmpty ? "\(error)" : message.split(separator: "\n").first.map(String.init) ?? message)
        }
    }

    /// What `body` writes to standard output.
    static func captured(_ body: () throws -> Void) throws -> String {
        let path = NSTemporaryDirectory() + "insights-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out"
        defer { unlink(path) }
        try redirectingOutput(to: path, flags: O_RDWR | O_CREAT | O_TRUNC, mode: 0o600, body)
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Runs `body` with standard output (the descriptor, so subcommands' `print` too) going to
    /// the file at `path`, opened with `flags`.
    static func redirectingOutput(to path: String, flags: Int32, mode: mode_t = 0o644, _ body: () throws -> Void) throws {
        fflush(nil)
        let saved = dup(STDOUT_FILENO)
        let file = open(path, flags, mode)
        guard file >= 0 else { throw ShellFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
        dup2(file, STDOUT_FILENO)
        close(file)
        defer {
            fflush(nil)
            dup2(saved, STDOUT_FILENO)
            close(saved)
        }
        try body()
    }

    /// JSON text without the blanks between tokens (strings untouched), one line.
    static func compactJSON(_ text: String) -> String {
        var result = ""
        var inString = false
        var escaped = false
        for c in text.trimmingCharacters(in: .whitespacesAndNewlines) {
            if inString {
                result.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
                result.append(c)
            } else if !c.isWhitespace {
                result.append(c)
            }
        }
        return result
    }

    /// Sends standard output to the session's output file for the duration of `body`.
    func withOutput(_ body: () throws -> Void) throws {
        let target = oncePath ?? outputPath
        oncePath = nil
        // Every table written meanwhile (ours and the subcommands') follows the session's
        // mode and row limit, and fits the terminal's width now (it may have been resized)
        // when it is going to the terminal.
        let saved = TableLayout.current
        TableLayout.current = TableLayout(mode: mode, width: target == nil && terminal ? Self.terminalWidth() : nil,
                                          maxRows: maxRows, recorder: tableRecorder)
        defer { TableLayout.current = saved }
        guard let target else {
            try body()
            fflush(nil)
            return
        }
        try Self.redirectingOutput(to: target, flags: O_WRONLY | O_CREAT | O_APPEND, body)
    }

    /// Prints a result table in the current mode.
    func show(_ table: ResultTable) throws {
        try withOutput {
            print(table.render(TableLayout.current))
        }
    }

    /// The `let` bindings as SQL parameter values: `$name` in a SQL statement is bound (not
    /// spliced into the text), numbers as numbers and everything else as text.
    private var sqlParameters: [String: SQLValue] {
        bindings.mapValues { value in
            guard value.kind == .number, let number = Double(value.text) else { return .text(value.text) }
            if number.rounded() == number, let integer = Int64(exactly: number) { return .integer(integer) }
            return .real(number)
        }
    }

    private func runSQL(_ sql: String, at location: TextPosition) throws {
        // Read-only unless opted in; a writing statement is one SQLite statement, so it either
        // takes effect whole or (on any error) not at all.
        let store: Store
        do { store = try Store(path: path, readOnly: !writable) } catch {
            throw ShellFailure("cannot open \(path): \(error.message)", at: location)
        }
        let answer: (result: SQLResult, truncated: Bool)
        do { answer = try store.query(sql, parameters: sqlParameters, allowWrites: writable, limit: 1_000_000) } catch {
            // The opt-in hint only where writing could be what failed (not for a parameter).
            let parameter = error.message.hasPrefix("parameter ") || error.message.hasPrefix("positional parameters")
            let hint = writable || parameter ? "" : " (.writable on, or --writable)"
            throw ShellFailure("sql: \(error.message)\(hint)", at: location)
        }
        if writable {
            // Names may have changed: read the catalog again when next needed.
            cachedCatalog = nil
            pendingCatalog = nil
        }
        let rows: [[ResultTable.Cell]] = answer.result.rows.map { row in
            row.map { value in
                switch value {
                case .null: .null
                case .integer(let v): .integer(v)
                case .real(let v): .number(v)
                case .text(let v): .text(v)
                case .blob(let size): .text("<blob \(size) bytes>")
                }
            }
        }
        try show(ResultTable(columns: answer.result.columns, rows: rows))
    }

    /// A selection on its own: one row per series with its extent, last value and a sparkline;
    /// with `.chart on`, a chart of the series under it.
    private func runQuery(_ selection: Selection) throws {
        let store = try StoreOptions.parse(["--db", path]).open(readOnly: true)
        var series: [(name: String, timestamps: [Int64], values: [Double])] = []
        if let selector = selection.expression.plainSelector {
            try checkMetric(selector)
            let read = try GridOptions.read(selector: selector.description, step: selection.step,
                                            aggregation: selection.aggregation ?? "avg", window: try windowOptions(selection),
                                            from: store)
            let stamps = (0..<read.grid.count).map { read.grid.timestamp(at: $0) }
            series = read.series.enumerated().map { ($1.description, stamps, read.values.column($0)) }
        } else {
            try checkMetrics(in: selection.expression)
            let evaluator = SeriesEvaluator(store: store, times: try SeriesEvaluator.times(for: selection, store: store))
            series = try evaluator.evaluate(selection.expression).map {
                (SeriesEvaluator.describe($0.labels), $0.timestamps, $0.values)
            }
        }
        var rows: [[ResultTable.Cell]] = []
        for one in series {
            let present = one.values.filter { !$0.isNaN }
            let unit = MetricUnit(series: one.name)
            func measure(_ value: Double?) -> ResultTable.Cell { value.map { .measure($0, unit) } ?? .null }
            rows.append([.text(one.name), .integer(Int64(present.count)),
                         one.timestamps.first.map { .text(TimestampFormat.iso8601($0)) } ?? .null,
                         one.timestamps.last.map { .text(TimestampFormat.iso8601($0)) } ?? .null,
                         measure(one.values.last { !$0.isNaN }), measure(present.min()), measure(present.max()),
                         .text(Sparkline.render(one.values, width: 24))])
        }
        try show(ResultTable(columns: ["series", "points", "first", "last", "last_value", "min", "max", "trend"], rows: rows))
        guard !series.isEmpty else { return }
        var chart = ChartData(series: series.prefix(6).map { ChartData.Series(name: $0.name, timestamps: $0.timestamps, values: $0.values) })
        // The axis in the series' unit when they share one (p50/p95/p99 in ms; not cpu beside bytes).
        let units = Set(chart.series.map { MetricUnit(series: $0.name) })
        if units.count == 1, let unit = units.first { chart.valueUnit = unit }
        try draw(.series(chart))
    }

    /// The window clauses of a selection as the subcommands' options.
    func windowOptions(_ selection: Selection) throws -> TimeWindowOptions {
        try TimeWindowOptions.parse(selection.windowArguments)
    }

    /// Every metric an expression names must exist.
    private func checkMetrics(in expression: SeriesExpression) throws {
        switch expression {
        case .selector(let selector): try checkMetric(selector)
        case .call(_, let arguments, _): try arguments.forEach(checkMetrics)
        case .aggregate(_, _, let operand, _): try checkMetrics(in: operand)
        case .number: break
        }
    }

    /// The chart `.plot` writes; the last one drawn (or that would have been, with `.chart off`).
    private(set) var lastChart: Chart?

    /// Remembers `chart` for `.plot` and, with `.chart on`, prints it sized to the terminal.
    func draw(_ chart: Chart) throws {
        lastChart = chart
        guard self.chart else { return }
        if let chartSink {
            chartSink(chart)
            return
        }
        let width = min((terminal ? Self.terminalWidth() : nil) ?? 100, 160)
        let text = TerminalChart.render(chart, width: width, height: TerminalChart.preferredHeight(chart),
                                        color: color && outputPath == nil)
        try withOutput { print(text) }
    }

    // MARK: Dot-commands

    static let dotCommands: [(name: String, usage: String, summary: String)] = [
        ("help", ".help [TOPIC]", "this list, or help on a statement or dot-command"),
        ("open", ".open FILE", "use another database file"),
        ("datasets", ".datasets", "what the database holds"),
        ("metrics", ".metrics [PATTERN]", "metrics and series (a selector, or a name with * wildcards)"),
        ("events", ".events [NAME]", "event names, or one event's properties"),
        ("describe", ".describe SELECTOR", "the series a selector picks, with their labels"),
        ("mode", ".mode table|box|csv|json|ndjson|markdown", "how results are printed"),
        ("timer", ".timer on|off", "print each statement's run time"),
        ("output", ".output [FILE]", "send results to FILE (appending), or back to the screen"),
        ("once", ".once FILE", "send the next result to FILE"),
        ("read", ".read FILE", "run the statements in FILE"),
        ("maxrows", ".maxrows N", "print at most N rows of a table"),
        ("chart", ".chart on|off", "draw charts under series, analysis, funnel, retention and trends results"),
        ("writable", ".writable on|off", "let sql statements change the database (off by default)"),
        ("plot", ".plot FILE.svg", "write the last chart as an SVG file"),
        ("quit", ".quit", "leave (also Ctrl-D)"),
    ]

    private func runDot(_ name: String, _ arguments: [String], at location: TextPosition) throws {
        func need(_ count: ClosedRange<Int>) throws {
            guard count.contains(arguments.count) else {
                let usage = Self.dotCommands.first { $0.name == name }?.usage ?? "." + name
                throw ShellFailure("usage: \(usage)", at: location)
            }
        }
        func onOff() throws -> Bool {
            try need(1...1)
            switch arguments[0].lowercased() {
            case "on": return true
            case "off": return false
            default: throw ShellFailure("expected on or off, got '\(arguments[0])'", at: location)
            }
        }
        switch name {
        case "help":
            try withOutput { print(Help.text(topic: arguments.first)) }
        case "open":
            try need(1...1)
            databasePath = arguments[0]
            cachedCatalog = nil
            pendingCatalog = nil
        case "datasets":
            try runCommand(["datasets", "--db", path])
        case "metrics":
            try runCommand(["metrics", "--db", path] + arguments.prefix(1))
        case "events":
            try runCommand(["events", "--db", path] + arguments.prefix(1))
        case "describe":
            try need(1...Int.max)
            try runCommand(["metrics", "--db", path, arguments.joined(separator: " "), "--labels"])
        case "mode":
            try need(1...1)
            guard let chosen = OutputMode(rawValue: arguments[0].lowercased()) else {
                let hint = nearestName(to: arguments[0], among: OutputMode.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
                throw ShellFailure("unknown mode '\(arguments[0])'\(hint)", at: location)
            }
            mode = chosen
        case "timer":
            timer = try onOff()
        case "chart":
            chart = try onOff()
        case "writable":
            writable = try onOff()
        case "output":
            try need(0...1)
            outputPath = arguments.first
        case "once":
            try need(1...1)
            oncePath = arguments[0]
        case "read":
            try need(1...1)
            guard let text = try? String(contentsOfFile: arguments[0], encoding: .utf8) else {
                throw ShellFailure("cannot read \(arguments[0])", at: location)
            }
            if !run(script: text, name: arguments[0]) { throw ShellFailure("\(arguments[0]) stopped at an error", at: location) }
        case "maxrows":
            try need(1...1)
            guard let value = Int(arguments[0]), value >= 1 else { throw ShellFailure("expected a positive number of rows", at: location) }
            maxRows = value
        case "plot":
            try need(1...1)
            guard let lastChart else {
                throw ShellFailure(".plot needs a chart: show a series first (a selection, or an analysis, funnel or retention with .chart on)",
                                   at: location)
            }
            do { try SVGChart.render(lastChart).write(toFile: arguments[0], atomically: true, encoding: .utf8) } catch {
                throw ShellFailure("cannot write \(arguments[0]): \(error.localizedDescription)", at: location)
            }
        case "quit", "exit":
            quitRequested = true
        default:
            let hint = nearestName(to: name, among: Self.dotCommands.map(\.name)).map { "; did you mean '.\($0)'?" } ?? ""
            throw ShellFailure("unknown command '.\(name)'\(hint)", at: location)
        }
    }
}

extension Selection {
    /// The window clauses as the subcommands' flags: `--since D`, or `--from T --to T`.
    var windowArguments: [String] { TimeWindow.arguments(window) }
}

extension TimeWindow {
    /// The subcommands' window flags for `window`.
    static func arguments(_ window: TimeWindow?) -> [String] {
        switch window {
        case .since(let duration): ["--since", duration]
        case .between(let from, let to): ["--from", from, "--to", to]
        case nil: []
        }
    }
}

/// A shell error that is not a syntax error: a message and, when known, where.
struct ShellFailure: Error, CustomStringConvertible {
    let message: String
    let location: TextPosition?

    init(_ message: String, at location: TextPosition? = nil) {
        self.message = message
        self.location = location
    }

    var description: String { message }
}
