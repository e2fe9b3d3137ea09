/// Tables as HTML, for notebook outputs.
extension ResultTable {
    /// The table as an HTML `<table>`: a header row, at most `maxRows` rows (a caption says how
    /// many were left out), numeric columns right-aligned; every cell's text escaped.
    func html(maxRows: Int = .max) -> String {
        let shown = Array(rows.prefix(maxRows))
        let numeric = columns.indices.map { c in
            shown.contains { $0[c].isNumeric } && shown.allSatisfy { $0[c].isNumeric || $0[c].isBlank }
        }
        func cell(_ tag: String, _ text: String, _ c: Int) -> String {
            let align = numeric[c] ? " style=\"text-align: right\"" : ""
            return "<\(tag)\(align)>\(Self.htmlEscaped(text))</\(tag)>"
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
