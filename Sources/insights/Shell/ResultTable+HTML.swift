/// Tables as HTML, for notebook outputs.
extension ResultTable {
    /// The table as an HTML `<table>`: a header row, at most `maxRows` rows (a caption says how
    /// many were left out), numeric columns right-aligned, columns of date-times kept on one
    /// line (a browser would break `2026-01-16T07:00:00Z` at its hyphens); every cell's text
    /// escaped.
    func html(maxRows: Int = .max) -> String {
        let shown = Array(rows.prefix(maxRows))
        let numeric = columns.indices.map { c in
            shown.contains { $0[c].isNumeric } && shown.allSatisfy { $0[c].isNumeric || $0[c].isBlank }
        }
        let dateTimes = columns.indices.map { c in
            shown.contains { Self.isDateTime($0[c].display) } && shown.allSatisfy { Self.isDateTime($0[c].display) || $0[c].isBlank }
        }
        func cell(_ tag: String, _ text: String, _ c: Int) -> String {
            let style = numeric[c] ? " style=\"text-align: right\"" : tag == "td" && dateTimes[c] ? " style=\"white-space: nowrap\"" : ""
            return "<\(tag)\(style)>\(Self.htmlEscaped(text))</\(tag)>"
        }
        var lines = ["<table>", "<thead>", "<tr>" + columns.indices.map { cell("th", columns[$0], $0) }.joined() + "</tr>",
                     "</thead>", "<tbody>"]
        lines += shown.map { row in "<tr>" + row.indices.map { cell("td", row[$0].display, $0) }.joined() + "</tr>" }
        lines.append("</tbody>")
        let omitted = rows.count - shown.count
        if omitted > 0 { lines.insert("<caption>… \(omitted) more row\(omitted == 1 ? "" : "s")</caption>", at: 1) }
        lines.append("</table>")
        return lines.joined(separator: "\n")
    }

    /// Whether `text` is one ISO 8601 date-time, `YYYY-MM-DDThh:mm…` with no spaces (a cell with
    /// more after it, such as a time with its interval, may wrap).
    static func isDateTime(_ text: String) -> Bool {
        guard text.unicodeScalars.count <= 35, !text.contains(" ") else { return false }
        let scalars = Array(text.unicodeScalars.prefix(16))
        guard scalars.count == 16 else { return false }
        return scalars.enumerated().allSatisfy { index, scalar in
            switch index {
            case 4, 7: scalar == "-"
            case 10: scalar == "T"
            case 13: scalar == ":"
            default: ("0"..."9").contains(scalar)
            }
        }
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` as character references.
    static func htmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
