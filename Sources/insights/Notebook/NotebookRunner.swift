import Foundation
import InsightsNumerics
import InsightsQuery
import InsightsStorage

/// Runs a notebook's code cells in order through one shell `Session` (so `let` bindings carry
/// from cell to cell) and writes each cell's outputs in nbformat v4.
struct NotebookRunner {
    /// Values from the command line for the `parameters` cell's bindings.
    var parameters: [(name: String, value: String)] = []
    /// Stop at the first cell with an error (later cells are left without outputs).
    var stopOnError = false

    /// The tag papermill gives the cell of default parameters, and the one of the cell it injects.
    static let parametersTag = "parameters"
    static let injectedTag = "injected-parameters"

    /// Runs `notebook` on `session` and returns it with outputs and execution counts; the
    /// second value counts the cells that failed.
    func run(_ notebook: Notebook, session: Session) -> (notebook: Notebook, failures: Int) {
        var notebook = notebook
        notebook.cells = withParameters(notebook.cells)
        session.terminal = false
        session.color = false
        var count = 0
        var failures = 0
        for index in notebook.cells.indices where notebook.cells[index].type == "code" {
            var cell = notebook.cells[index]
            // After a failure under --stop-on-error, or `.quit`, the remaining cells are not run.
            if stopOnError && failures > 0 || session.quitRequested {
                cell.members["outputs"] = .array([])
                cell.members["execution_count"] = .null
            } else {
                count += 1
                let (outputs, failed) = execute(cell.source, number: count, session: session)
                if failed { failures += 1 }
                cell.members["outputs"] = .array(outputs)
                cell.members["execution_count"] = .integer(Int64(count))
            }
            notebook.cells[index] = cell
        }
        return (notebook, failures)
    }

    /// The cells with the command line's parameters in a cell tagged `injected-parameters`
    /// right after the `parameters` cell (replacing one injected before), as papermill does.
    func withParameters(_ cells: [Notebook.Cell]) -> [Notebook.Cell] {
        guard !parameters.isEmpty else { return cells }
        var cells = cells.filter { !$0.tags.contains(Self.injectedTag) }
        let source = "-- Parameters from the command line.\n" + parameters.map { "let \($0.name) = \(Self.literal($0.value))" }
            .joined(separator: "\n")
        let injected = Notebook.Cell.code(source, id: Self.injectedTag, tags: [Self.injectedTag])
        let at = cells.firstIndex { $0.type == "code" && $0.tags.contains(Self.parametersTag) }.map { $0 + 1 } ?? 0
        cells.insert(injected, at: at)
        return cells
    }

    /// One warning per `-p` name that the `parameters` cell does not bind with `let` (papermill
    /// warns the same way): the value is still injected, but a misspelt name changes nothing.
    func unknownParameters(in notebook: Notebook) -> [String] {
        guard !parameters.isEmpty else { return [] }
        guard let cell = notebook.cells.first(where: { $0.type == "code" && $0.tags.contains(Self.parametersTag) }) else {
            return ["no cell is tagged parameters: -p values go into a cell at the top"]
        }
        // The cell's `let` statements, read by the language's own splitter and parser.
        let bound = ScriptSplitter.statements(cell.source).compactMap { piece -> String? in
            guard case .success(.binding(let name, _)) = Result(catching: { () throws(QueryError) in try Parser.parse(piece.text) }) else {
                return nil
            }
            return name
        }
        return parameters.map(\.name).filter { !bound.contains($0) }.map { name in
            let hint = nearestName(to: name, among: bound).map { "; did you mean '\($0)'?" } ?? ""
            return "-p \(name): the parameters cell does not set '\(name)'\(hint)"
        }
    }

    /// A parameter's value as the language writes it: a number as it is, anything else quoted.
    static func literal(_ value: String) -> String {
        if Double(value) != nil, value.first != "+", !value.contains(where: \.isLetter) { return value }
        var quoted = "\""
        for c in value {
            if c == "\"" || c == "\\" { quoted.append("\\") }
            quoted.append(c)
        }
        return quoted + "\""
    }

    /// Runs one cell's statements (up to the first error) and returns its outputs: what it
    /// printed (with its tables as HTML too), its charts as SVG, and its error.
    private func execute(_ source: String, number: Int, session: Session) -> (outputs: [JSONValue], failed: Bool) {
        var errors: [String] = []
        var charts: [Chart] = []
        let recorder = TableRecorder()
        session.errorSink = { errors.append($0) }
        session.chartSink = { charts.append($0) }
        session.tableRecorder = recorder
        defer {
            session.errorSink = nil
            session.chartSink = nil
            session.tableRecorder = nil
        }
        var text = ""
        do {
            text = try Session.captured { session.run(script: source, name: "cell \(number)", keepGoing: false) }
        } catch {
            errors.append("cell \(number): error: \(error)")
        }
        var outputs: [JSONValue] = []
        if !recorder.tables.isEmpty {
            outputs.append(.object(["output_type": .string("execute_result"), "execution_count": .integer(Int64(number)),
                                    "metadata": .object([:]),
                                    "data": .object(["text/plain": Notebook.lines(Self.trimmed(text)),
                                                     "text/html": Notebook.lines(Self.html(text, tables: recorder.tables)),
                                                     "text/markdown": Notebook.lines(Self.markdown(text, tables: recorder.tables))])]))
        } else if !text.isEmpty {
            outputs.append(.object(["output_type": .string("stream"), "name": .string("stdout"), "text": Notebook.lines(text)]))
        }
        for chart in charts {
            outputs.append(.object(["output_type": .string("display_data"), "metadata": .object([:]),
                                    "data": .object(["image/svg+xml": Notebook.lines(SVGChart.render(chart)),
                                                     "text/plain": .array([.string("<chart: \(chart.title.isEmpty ? "series" : chart.title)>")])])]))
        }
        if let message = errors.first {
            let summary = message.split(separator: "\n").first.map(String.init) ?? message
            outputs.append(.object(["output_type": .string("error"), "ename": .string("InsightsError"),
                                    "evalue": .string(summary.components(separatedBy: "error: ").dropFirst().joined(separator: "error: ")),
                                    "traceback": .array(message.split(separator: "\n", omittingEmptySubsequences: false).map { .string(String($0)) })]))
        }
        return (outputs, !errors.isEmpty)
    }

    private static func trimmed(_ text: String) -> String {
        var text = text
        while text.last == "\n" { text.removeLast() }
        return text
    }

    /// The cell's printed text as HTML: each recorded table as a `<table>`, the text between
    /// them escaped in `<pre>` blocks.
    static func html(_ text: String, tables: [TableRecorder.Entry]) -> String {
        interleaved(text, tables: tables, table: { $0.html(maxRows: $1) },
                    text: { "<pre>" + ResultTable.htmlEscaped($0) + "</pre>" })
            .joined(separator: "\n")
    }

    /// The cell's printed text as Markdown (what `jupyter nbconvert --to markdown` and Markdown
    /// viewers take): each recorded table as a pipe table, the text between them in fenced blocks.
    static func markdown(_ text: String, tables: [TableRecorder.Entry]) -> String {
        interleaved(text, tables: tables, table: { Self.trimmed($0.render(.markdown, maxRows: $1)) },
                    text: { "```\n" + $0 + "\n```" })
            .joined(separator: "\n\n")
    }

    /// The pieces of `text` in order: each recorded table through `table`, the text between
    /// tables (blank lines around it dropped) through `text`.
    private static func interleaved(_ printed: String, tables: [TableRecorder.Entry],
                                    table: (ResultTable, Int) -> String, text: (String) -> String) -> [String] {
        var parts: [String] = []
        var rest = Substring(printed)
        func plain(_ piece: Substring) {
            let trimmed = piece.trimmingCharacters(in: .newlines)
            if !trimmed.isEmpty { parts.append(text(trimmed)) }
        }
        for (recorded, rendered, maxRows) in tables {
            guard !rendered.isEmpty, let range = rest.range(of: rendered) else { continue }
            plain(rest[..<range.lowerBound])
            parts.append(table(recorded, maxRows))
            rest = rest[range.upperBound...]
        }
        plain(rest)
        return parts
    }
}
