/// A CommonMark subset rendered to HTML, for the markdown cells of a notebook report.
///
/// Blocks: ATX headings, paragraphs, bullet and numbered lists (nested by indentation, tight
/// or loose), fenced and indented code, block quotes and thematic breaks. Inlines: code spans,
/// emphasis and strong emphasis (CommonMark's delimiter-run rules, so `cpu_usage_ratio` stays
/// as it is), links, autolinks, backslash escapes and hard line breaks. Everything else is
/// text: raw HTML and entity references are escaped, not passed through, so the output is
/// well-formed whatever the input. Images become links to their source (a report loads
/// nothing), and links whose scheme is not `http`, `https` or `mailto` are shown as text.
enum Markdown {
    /// The HTML of `text`, one block element per line group, ending with a newline when not empty.
    static func html(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { expandingTabs(String($0)) }
        return blocks(lines, tight: false)
    }

    /// The first ATX heading's text (inline markup removed), if there is one outside code.
    static func firstHeading(_ text: String) -> String? {
        var fence: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let open = fence {
                if isClosingFence(line, open) { fence = nil }
                continue
            }
            if let opening = openingFence(line) { fence = opening.fence; continue }
            if let heading = heading(line) { return plain(heading.text) }
        }
        return nil
    }

    // MARK: Blocks

    /// Renders a run of lines as blocks; in a tight list item, paragraphs go without `<p>`.
    static func blocks(_ lines: [String], tight: Bool) -> String {
        var out = ""
        var i = 0
        var paragraph: [String] = []
        func flush() {
            guard !paragraph.isEmpty else { return }
            let content = inline(String(Substring(paragraph.map { $0.drop { $0 == " " } }.joined(separator: "\n")).trimmingSpaces()))
            out += tight ? content + "\n" : "<p>" + content + "</p>\n"
            paragraph = []
        }
        while i < lines.count {
            let line = lines[i]
            if isBlank(line) {
                flush()
                i += 1
            } else if paragraph.isEmpty, indentation(line) >= 4 {
                // Indented code: up to the last indented line, blank lines inside kept.
                var end = i
                var j = i
                while j < lines.count, isBlank(lines[j]) || indentation(lines[j]) >= 4 {
                    if !isBlank(lines[j]) { end = j }
                    j += 1
                }
                let code = lines[i...end].map { String($0.dropFirst(min(4, indentation($0)))) }
                out += "<pre><code>" + escaped(code.joined(separator: "\n") + "\n") + "</code></pre>\n"
                i = end + 1
            } else if let opening = openingFence(line) {
                flush()
                var code: [String] = []
                i += 1
                while i < lines.count, !isClosingFence(lines[i], opening.fence) {
                    // Content lines lose as much indentation as the opening fence had.
                    code.append(String(lines[i].dropFirst(min(opening.indent, indentation(lines[i])))))
                    i += 1
                }
                i += 1
                let language = opening.info.split(separator: " ").first.map { " class=\"language-\(escaped(String($0)))\"" } ?? ""
                let body = code.isEmpty ? "" : code.joined(separator: "\n") + "\n"
                out += "<pre><code\(language)>" + escaped(body) + "</code></pre>\n"
            } else if let heading = heading(line) {
                flush()
                out += "<h\(heading.level)>" + inline(heading.text) + "</h\(heading.level)>\n"
                i += 1
            } else if isThematicBreak(line) {
                flush()
                out += "<hr>\n"
                i += 1
            } else if let quoted = quoteContent(line) {
                flush()
                var inner = [quoted]
                i += 1
                // Quote lines, and lazy continuation lines of its paragraph.
                while i < lines.count, !isBlank(lines[i]) {
                    if let more = quoteContent(lines[i]) { inner.append(more) } else if startsBlock(lines[i]) { break } else { inner.append(lines[i]) }
                    i += 1
                }
                out += "<blockquote>\n" + blocks(inner, tight: false) + "</blockquote>\n"
            } else if let marker = listMarker(line), paragraph.isEmpty || marker.start == nil || marker.start == 1 {
                flush()
                let list = self.list(lines, from: i, kind: marker)
                out += list.html
                i = list.end
            } else {
                paragraph.append(line)
                i += 1
            }
        }
        flush()
        return out
    }

    /// A list marker: `-`, `+` or `*`, or digits and `.` or `)`, followed by a space or the line's end.
    struct ListMarker {
        let character: Character
        /// The number of an ordered item; nil for a bullet.
        let start: Int?
        /// Columns from the line's start to the item's content.
        let contentIndent: Int
        let content: String
    }

    static func listMarker(_ line: String) -> ListMarker? {
        let indent = indentation(line)
        guard indent < 4 else { return nil }
        let rest = line.dropFirst(indent)
        var digits = ""
        var marker: Character?
        for c in rest {
            if c.isASCII, c.isNumber, digits.count < 9 { digits.append(c); continue }
            if digits.isEmpty ? "-+*".contains(c) : ".)".contains(c) { marker = c }
            break
        }
        guard let marker else { return nil }
        let after = rest.dropFirst(digits.count + 1)
        guard after.isEmpty || after.first == " " else { return nil }
        let spaces = after.prefix { $0 == " " }.count
        // One to four spaces after the marker; more means the content is indented code, kept as text here.
        let gap = after.isEmpty || spaces > 4 ? 1 : spaces
        return ListMarker(character: marker, start: digits.isEmpty ? nil : Int(digits),
                          contentIndent: indent + digits.count + 1 + gap,
                          content: String(after.dropFirst(min(gap, spaces))))
    }

    /// The list starting at `lines[start]`: its items (with their nested blocks) and where it ends.
    static func list(_ lines: [String], from start: Int, kind: ListMarker) -> (html: String, end: Int) {
        var items: [[String]] = []
        var loose = false
        var i = start
        var sawBlank = false
        while i < lines.count {
            guard let marker = listMarker(lines[i]), marker.character == kind.character,
                  (marker.start == nil) == (kind.start == nil), !isThematicBreak(lines[i]) else { break }
            if sawBlank { loose = true }
            var item = [marker.content]
            i += 1
            sawBlank = false
            // The item's lines: indented to its content, blank lines between them, and lazy
            // paragraph continuations.
            while i < lines.count {
                let line = lines[i]
                if isBlank(line) {
                    item.append("")
                    sawBlank = true
                } else if indentation(line) >= marker.contentIndent {
                    // A blank line between two blocks of one item makes the list loose.
                    if sawBlank { loose = true }
                    item.append(String(line.dropFirst(marker.contentIndent)))
                    sawBlank = false
                } else if !sawBlank, !startsBlock(line), listMarker(line) == nil {
                    item.append(line)
                } else {
                    break
                }
                i += 1
            }
            while let last = item.last, isBlank(last) { item.removeLast() }
            items.append(item)
        }
        // Blank lines after the last item belong to the document, not the list.
        var end = i
        while end > start, isBlank(lines[end - 1]) { end -= 1 }
        let tag = kind.start == nil ? "ul" : "ol"
        let startAttribute = kind.start.map { $0 == 1 ? "" : " start=\"\($0)\"" } ?? ""
        var html = "<\(tag)\(startAttribute)>\n"
        for item in items {
            let body = blocks(item, tight: !loose)
            if loose {
                html += "<li>\n" + body + "</li>\n"
            } else {
                // A tight item of one line goes on the line of its <li>.
                html += "<li>" + (body.dropLast().contains("\n") ? body : String(body.dropLast())) + "</li>\n"
            }
        }
        return (html + "</\(tag)>\n", end)
    }

    static func heading(_ line: String) -> (level: Int, text: String)? {
        let indent = indentation(line)
        guard indent < 4 else { return nil }
        let rest = line.dropFirst(indent)
        let level = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let after = rest.dropFirst(level)
        guard after.isEmpty || after.first == " " else { return nil }
        var text = after.trimmingSpaces()
        // A closing sequence of #s, when preceded by a space (or the whole content).
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing == text.count || text.dropLast(closing).last == " " {
            text = text.dropLast(closing).trimmingSpaces()
        }
        return (level, String(text))
    }

    static func openingFence(_ line: String) -> (fence: String, indent: Int, info: String)? {
        let indent = indentation(line)
        guard indent < 4 else { return nil }
        let rest = line.dropFirst(indent)
        guard let c = rest.first, c == "`" || c == "~" else { return nil }
        let fence = rest.prefix { $0 == c }
        guard fence.count >= 3 else { return nil }
        let info = rest.dropFirst(fence.count).trimmingSpaces()
        if c == "`", info.contains("`") { return nil }
        return (String(fence), indent, String(info))
    }

    static func isClosingFence(_ line: String, _ fence: String) -> Bool {
        let indent = indentation(line)
        guard indent < 4, let c = fence.first else { return false }
        let rest = line.dropFirst(indent)
        let run = rest.prefix { $0 == c }.count
        return run >= fence.count && rest.dropFirst(run).allSatisfy { $0 == " " }
    }

    static func isThematicBreak(_ line: String) -> Bool {
        guard indentation(line) < 4 else { return false }
        let marks = line.filter { $0 != " " }
        guard let c = marks.first, "-*_".contains(c), marks.count >= 3 else { return false }
        return marks.allSatisfy { $0 == c }
    }

    static func quoteContent(_ line: String) -> String? {
        let indent = indentation(line)
        guard indent < 4, line.dropFirst(indent).first == ">" else { return nil }
        let rest = line.dropFirst(indent + 1)
        return String(rest.first == " " ? rest.dropFirst() : rest)
    }

    /// Whether `line` starts a block that interrupts a paragraph.
    static func startsBlock(_ line: String) -> Bool {
        heading(line) != nil || openingFence(line) != nil || isThematicBreak(line) || quoteContent(line) != nil
            || listMarker(line).map { $0.start == nil || $0.start == 1 } == true
    }

    static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " } }

    static func indentation(_ line: some StringProtocol) -> Int { line.prefix { $0 == " " }.count }

    /// Tabs as spaces to the next multiple of four, as CommonMark counts them.
    static func expandingTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var out = ""
        var column = 0
        for c in line {
            if c == "\t" {
                let width = 4 - column % 4
                out += String(repeating: " ", count: width)
                column += width
            } else {
                out.append(c)
                column += 1
            }
        }
        return out
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` as character references.
    static func escaped(_ text: String) -> String { ResultTable.htmlEscaped(text) }
}

extension Substring {
    /// Without leading and trailing spaces.
    func trimmingSpaces() -> Substring {
        let start = drop { $0 == " " }
        var end = start.endIndex
        while end > start.startIndex, start[start.index(before: end)] == " " { end = start.index(before: end) }
        return start[..<end]
    }
}
