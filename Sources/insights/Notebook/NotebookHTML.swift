import InsightsStorage

/// A run notebook as one standalone HTML page: the report an SRE opens in a browser or
/// attaches to an incident.
///
/// The page has its CSS inline, no scripts and no external references: charts are inline SVG,
/// and a Content-Security-Policy forbids every load, so the file shows the same offline, in a
/// mail attachment or years later. Markdown cells go through `Markdown` (text escaped); code
/// cells show their source with the execution count, then their outputs. The page depends only
/// on the notebook and its name: the same notebook gives byte-identical HTML.
struct NotebookHTML {
    let notebook: Notebook
    /// The notebook's file name, shown in the header and the title when no markdown cell has a heading.
    let name: String

    /// The first markdown heading's text, else the file name.
    var title: String {
        for cell in notebook.cells where cell.type == "markdown" {
            if let heading = Markdown.firstHeading(cell.source) { return heading }
        }
        return name
    }

    /// The page, ending with a newline.
    var html: String {
        let codeCells = notebook.cells.filter { $0.type == "code" }
        let failed = codeCells.filter { cell in Self.outputs(cell).contains { $0["output_type"]?.stringValue == "error" } }.count
        var summary = "\(codeCells.count) code cell\(codeCells.count == 1 ? "" : "s")"
        if failed > 0 { summary += ", <span class=\"failed\">\(failed) failed</span>" }
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(title))</title>
            <style>
            \(Self.style)</style>
            </head>
            <body>
            <header class="report">
            <p class="file">\(escaped(name)) · \(summary)</p>

            """
        if !notebook.cells.contains(where: { $0.type == "markdown" && Markdown.firstHeading($0.source) != nil }) {
            page += "<h1>\(escaped(name))</h1>\n"
        }
        page += "</header>\n<main>\n"
        for cell in notebook.cells {
            page += section(cell)
        }
        return page + "</main>\n</body>\n</html>\n"
    }

    /// One cell as a `<section>`.
    func section(_ cell: Notebook.Cell) -> String {
        let anchor = cell.members["id"]?.stringValue.map { " id=\"cell-\(escaped($0))\"" } ?? ""
        switch cell.type {
        case "markdown":
            return "<section class=\"cell markdown\"\(anchor)>\n" + Markdown.html(cell.source) + "</section>\n"
        case "code":
            let count: String
            if case .integer(let number) = cell.members["execution_count"] { count = String(number) } else { count = " " }
            var out = "<section class=\"cell code\"\(anchor)>\n"
            out += "<div class=\"source\"><span class=\"prompt\">In [\(count)]:</span>"
            out += "<pre><code class=\"language-insights\">\(escaped(cell.source))</code></pre></div>\n"
            let outputs = Self.outputs(cell)
            if !outputs.isEmpty {
                out += "<div class=\"outputs\">\n" + outputs.map(output).joined() + "</div>\n"
            }
            return out + "</section>\n"
        default:
            // Raw cells are meant for other formats: shown as the text they are.
            return "<section class=\"cell raw\"\(anchor)>\n<pre>\(escaped(cell.source))</pre>\n</section>\n"
        }
    }

    /// One output: the richest of its representations, or the stream, or the error.
    func output(_ output: JSONValue) -> String {
        switch output["output_type"]?.stringValue {
        case "stream":
            let stream = output["name"]?.stringValue == "stderr" ? "stderr" : "stdout"
            return "<pre class=\"output stream \(stream)\">\(escaped(Self.text(output["text"])))</pre>\n"
        case "error":
            let name = output["ename"]?.stringValue ?? "Error"
            let message = output["evalue"]?.stringValue ?? ""
            var traceback: [String] = []
            if case .array(let lines) = output["traceback"] { traceback = lines.compactMap(\.stringValue) }
            var out = "<div class=\"output error\" role=\"alert\">\n<p><strong>\(escaped(name))</strong>: \(escaped(message))</p>\n"
            if !traceback.isEmpty {
                out += "<pre>\(escaped(Self.withoutTerminalCodes(traceback.joined(separator: "\n"))))</pre>\n"
            }
            return out + "</div>\n"
        default:
            return data(output["data"] ?? .object([:]))
        }
    }

    /// A mime bundle: SVG inline, then HTML, markdown, a PNG or JPEG as a data URL, plain text.
    func data(_ bundle: JSONValue) -> String {
        if let svg = bundle["image/svg+xml"].map(Self.text) {
            return "<div class=\"output svg\">\n\(Self.inlineSVG(svg))\n</div>\n"
        }
        // Outputs are written by `notebook run` itself (tables already escaped), so their HTML is trusted.
        if let html = bundle["text/html"].map(Self.text) {
            return "<div class=\"output html\">\n\(html)\n</div>\n"
        }
        if let markdown = bundle["text/markdown"].map(Self.text) {
            return "<div class=\"output markdown\">\n\(Markdown.html(markdown))</div>\n"
        }
        for type in ["image/png", "image/jpeg"] {
            if let base64 = bundle[type].map(Self.text) {
                let encoded = base64.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }
                return "<div class=\"output image\"><img alt=\"\" src=\"data:\(type);base64,\(encoded)\"></div>\n"
            }
        }
        if let plain = bundle["text/plain"].map(Self.text) {
            return "<pre class=\"output text\">\(escaped(plain))</pre>\n"
        }
        guard case .object(let members) = bundle, !members.isEmpty else { return "" }
        let types = members.keys.sorted().joined(separator: ", ")
        return "<p class=\"output unknown\">(an output of type \(escaped(types)) is not shown)</p>\n"
    }

    // MARK: Helpers

    static func outputs(_ cell: Notebook.Cell) -> [JSONValue] {
        if case .array(let outputs) = cell.members["outputs"] { return outputs }
        return []
    }

    /// A multiline string as nbformat stores it: one string or a list of lines.
    static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): text
        case .array(let lines): lines.compactMap(\.stringValue).joined()
        default: ""
        }
    }

    /// An SVG document as an element of the page: without its XML declaration and doctype.
    static func inlineSVG(_ document: String) -> String {
        var rest = Substring(document)
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard rest.hasPrefix("<?") || rest.hasPrefix("<!DOCTYPE") || rest.hasPrefix("<!doctype"),
                  let end = rest.firstIndex(of: ">") else { break }
            rest = rest[rest.index(after: end)...]
        }
        while rest.last?.isWhitespace == true { rest.removeLast() }
        return String(rest)
    }

    /// `text` without ANSI escape sequences (colours in tracebacks from other kernels).
    static func withoutTerminalCodes(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var out = ""
        var escape = false
        for scalar in text.unicodeScalars {
            if escape {
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { escape = false }
            } else if scalar == "\u{1B}" {
                escape = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    func escaped(_ text: String) -> String { Markdown.escaped(text) }

    /// The page's CSS. Selectors stay off the class names charts use inside their SVG
    /// (`title`, `axis`, `tick`, `grid`, …).
    static let style = """
        body { margin: 0; background: #f6f7f9; color: #1d2129; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        header.report, main { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
        header.report p.file { margin: 16px 0 0; color: #5b6470; font-size: 13px; }
        header.report span.failed { color: #b42318; font-weight: bold; }
        section.cell { margin: 16px 0; }
        section.markdown h1 { font-size: 28px; margin: 8px 0; }
        section.markdown h2 { font-size: 21px; margin: 20px 0 8px; border-bottom: 1px solid #d9dde3; }
        section.markdown code, div.output code { background: #eceff3; padding: 1px 4px; border-radius: 3px; }
        section.markdown pre code { background: none; padding: 0; }
        pre { margin: 0; padding: 10px 12px; overflow-x: auto; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        section.markdown pre { background: #eceff3; border-radius: 4px; }
        blockquote { margin: 8px 0; padding: 0 12px; border-left: 4px solid #d9dde3; color: #5b6470; }
        section.code { background: #fff; border: 1px solid #d9dde3; border-radius: 6px; overflow: hidden; }
        div.source { display: flex; background: #f0f3f7; border-bottom: 1px solid #d9dde3; }
        span.prompt { flex: none; width: 64px; padding: 10px 0 0 12px; color: #3b5bdb; font: 12px/1.45 ui-monospace, monospace; }
        div.source pre { flex: 1; }
        div.outputs { padding: 8px 12px 12px 76px; }
        div.output, pre.output, p.output { margin: 6px 0; }
        pre.output { padding: 0; }
        div.outputs pre { white-space: pre-wrap; overflow-wrap: anywhere; }
        pre.stderr { color: #b42318; }
        div.svg svg { max-width: 100%; height: auto; display: block; }
        div.html { overflow-x: auto; }
        div.html table { border-collapse: collapse; font-size: 13px; }
        div.html th, div.html td { border: 1px solid #d9dde3; padding: 3px 8px; }
        div.html td[style*="text-align: right"] { white-space: nowrap; }
        @media print { div.html td { white-space: normal !important; } div.html { overflow-x: visible; } }
        div.html th { background: #f0f3f7; text-align: left; }
        div.html caption { caption-side: bottom; color: #5b6470; font-size: 12px; text-align: left; }
        div.error { border-left: 4px solid #d92d20; background: #fef3f2; color: #7a271a; padding: 6px 12px; border-radius: 4px; }
        div.error p { margin: 0 0 4px; }
        div.error pre { padding: 0; color: #7a271a; }
        p.unknown { color: #5b6470; font-style: italic; }

        """
}
