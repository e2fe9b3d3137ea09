import Foundation
import InsightsQuery

/// The output modes of the shell (`.mode`), and `--format` of scripted runs.
enum OutputMode: String, CaseIterable {
    case table, box, csv, json, ndjson, markdown

    /// The `--format` a subcommand is run with to produce this mode.
    var commandFormat: String {
        switch self {
        case .table, .box, .markdown: "table"
        case .csv: "csv"
        case .json, .ndjson: "json"
        }
    }
}

/// How text tables are laid out: the shell sets it around each statement (its `.mode`, the
/// terminal's width when the output is the terminal, `.maxrows`), so the subcommands'
/// tables follow it too; the command line keeps the default (plain, unbounded).
struct TableLayout {
    var mode: OutputMode = .table
    var width: Int?
    var maxRows = Int.max
    /// Told of every table rendered with this layout.
    var recorder: TableRecorder?

    nonisolated(unsafe) static var current = TableLayout()
}

/// The tables rendered while it is installed, each with the text it was rendered as and the
/// row limit it was rendered under.
final class TableRecorder {
    typealias Entry = (table: ResultTable, text: String, maxRows: Int)
    private(set) var tables: [Entry] = []

    func record(_ table: ResultTable, text: String, maxRows: Int) {
        tables.append((table, text, maxRows))
    }

    func removeAll() {
        tables.removeAll()
    }
}

@available(*, unavailable) extension TableRecorder: Sendable {}

/// A result with named columns, rendered in any output mode (SQL results, series summaries,
/// and every subcommand's text table through `TextTable`).
struct ResultTable {
    var columns: [String]
    var rows: [[Cell]]

    enum Cell {
        case text(String)
        case number(Double)
        case integer(Int64)
        /// A number already formatted (with its sign, precision or unit): shown as is, aligned as a number.
        case figure(String)
        /// A value in a metric's unit: shown scaled with the unit (`115.1 ms`), a plain number in JSON and CSV.
        case measure(Double, MetricUnit)
        case null

        var display: String {
            switch self {
            case .text(let text): text
            case .number(let value): value.isNaN ? "NaN" : String(format: "%.6g", value)
            case .integer(let value): String(value)
            case .figure(let text): text
            case .measure(let value, let unit): unit.format(value) ?? Cell.number(value).display
            case .null: "NULL"
            }
        }

        /// The cell for CSV: a measure without its unit.
        var plain: String {
            if case .measure(let value, _) = self { return Cell.number(value).display }
            return display
        }

        var isNumeric: Bool {
            switch self {
            case .number, .integer, .figure, .measure: true
            default: false
            }
        }

        /// A cell that says "nothing here" and does not decide a column's alignment.
        var isBlank: Bool {
            switch self {
            case .null: true
            case .text(let text): text.isEmpty || text == "-" || text == "none"
            default: false
            }
        }

        var json: JSONWriter.Value {
            switch self {
            case .text(let text): .string(text)
            case .number(let value): .number(value)
            case .integer(let value): .integer(Int(value))
            case .figure(let text): .string(text)
            case .measure(let value, _): .number(value)
            case .null: .null
            }
        }
    }

    /// The table laid out as `layout` says.
    func render(_ layout: TableLayout) -> String {
        let text = render(layout.mode, maxRows: layout.maxRows, width: layout.width)
        layout.recorder?.record(self, text: text, maxRows: layout.maxRows)
        return text
    }

    /// The table in `mode`, at most `maxRows` rows (a last line says how many were left out).
    func render(_ mode: OutputMode, maxRows: Int = .max, width: Int? = nil) -> String {
        let shown = Array(rows.prefix(maxRows))
        let omitted = rows.count - shown.count
        let note = omitted > 0 ? "… \(omitted) more row\(omitted == 1 ? "" : "s") (.maxrows \(rows.count) shows all)" : nil
        switch mode {
        case .json:
            return JSONWriter.render(.array(shown.map(object)), indent: nil)
        case .ndjson:
            return shown.map { JSONWriter.render(object($0), indent: nil) }.joined(separator: "\n")
        case .csv:
            return ([columns] + shown.map { $0.map(\.plain) }).map { $0.map(Export.csvField).joined(separator: ",") }
                .joined(separator: "\n")
        case .markdown:
            let numeric = columns.indices.map { c in
                shown.contains { $0[c].isNumeric } && shown.allSatisfy { $0[c].isNumeric || $0[c].isBlank }
            }
            var lines = ["| " + columns.map(Self.markdownEscaped).joined(separator: " | ") + " |",
                         "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined()]
            lines += shown.map { "| " + $0.map { Self.markdownEscaped($0.display) }.joined(separator: " | ") + " |" }
            return (lines + (note.map { [$0] } ?? [])).joined(separator: "\n")
        case .table, .box:
            return (aligned(shown, box: mode == .box, width: width) + (note.map { [$0] } ?? [])).joined(separator: "\n")
        }
    }

    private func object(_ row: [Cell]) -> JSONWriter.Value {
        .object(zip(columns, row).map { ($0, $1.json) })
    }

    private static func markdownEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    /// Columns padded to their widest cell, numbers right-aligned; cells cut with … so the
    /// table fits `width` when given.
    private func aligned(_ shown: [[Cell]], box: Bool, width: Int?) -> [String] {
        let numeric = columns.indices.map { c in
            shown.contains { $0[c].isNumeric } && shown.allSatisfy { $0[c].isNumeric || $0[c].isBlank }
        }
        var widths = columns.indices.map { c in max(columns[c].count, shown.map { $0[c].display.count }.max() ?? 0) }
        if let width {
            let separators = box ? 3 * columns.count + 1 : 2 * (columns.count - 1)
            // The widest other column gives way first; the first column (what the row is) last.
            func widest(in candidates: Range<Int>) -> Int? {
                candidates.filter { widths[$0] > 8 }.max { widths[$0] < widths[$1] }
            }
            while widths.reduce(0, +) + separators > width, let widest = widest(in: 1..<widths.count) ?? widest(in: 0..<1) {
                widths[widest] -= 1
            }
        }
        func fit(_ text: String, _ c: Int) -> String {
            let cut = text.count > widths[c] ? String(text.prefix(widths[c] - 1)) + "…" : text
            let pad = String(repeating: " ", count: widths[c] - cut.count)
            return numeric[c] ? pad + cut : cut + pad
        }
        func line(_ cells: [String]) -> String {
            let fitted = cells.indices.map { fit(cells[$0], $0) }
            guard !box else { return "│ " + fitted.joined(separator: " │ ") + " │" }
            var plain = fitted.joined(separator: "  ")
            while plain.last == " " { plain.removeLast() }
            return plain
        }
        func rule(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
        }
        var lines: [String] = []
        if box { lines.append(rule("┌", "┬", "┐")) }
        lines.append(line(columns))
        if box { lines.append(rule("├", "┼", "┤")) }
        lines += shown.map { line($0.map(\.display)) }
        if box { lines.append(rule("└", "┴", "┘")) }
        return lines
    }
}
