/// Inline markdown: code spans, emphasis, links, autolinks, backslash escapes, hard breaks.
extension Markdown {
    /// A piece of a paragraph before emphasis is resolved.
    enum Piece {
        /// Text as written, escaped when rendered.
        case text(String)
        /// Finished HTML (a code span, a link, an emphasis already resolved).
        case html(String)
        /// A run of `*` or `_` that may open or close emphasis.
        case delimiter(Delimiter)
    }

    struct Delimiter {
        let character: Character
        /// How many characters are left unused.
        var count: Int
        /// The run's length as written (CommonMark's "rule of three" looks at it).
        let length: Int
        let canOpen: Bool
        let canClose: Bool
    }

    /// The HTML of a paragraph's or heading's text.
    static func inline(_ text: String) -> String {
        render(pieces(Array(text), links: true))
    }

    /// `text`'s inline content without markup, for a document title.
    static func plain(_ text: String) -> String {
        var out = ""
        var inTag = false
        for c in inline(text) {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func pieces(_ chars: [Character], links: Bool) -> [Piece] {
        var pieces: [Piece] = []
        var text = ""
        func flush() {
            if !text.isEmpty { pieces.append(.text(text)) }
            text = ""
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let next = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "\\", let next, isASCIIPunctuation(next) {
                text.append(next)
                i += 2
            } else if c == "\\", next == "\n" {
                flush()
                pieces.append(.html("<br>\n"))
                i += 2
            } else if c == "`" {
                let run = run(of: c, in: chars, at: i)
                if let close = closingBackticks(chars, from: i + run, length: run) {
                    flush()
                    pieces.append(.html("<code>" + escaped(codeSpan(chars[(i + run)..<close])) + "</code>"))
                    i = close + run
                } else {
                    text += String(repeating: "`", count: run)
                    i += run
                }
            } else if c == "*" || c == "_" {
                let run = run(of: c, in: chars, at: i)
                flush()
                pieces.append(.delimiter(delimiter(chars, at: i, length: run)))
                i += run
            } else if links, c == "[" || c == "!" && next == "[", let link = link(chars, at: i) {
                flush()
                pieces.append(.html(link.html))
                i = link.end
            } else if c == "<", let autolink = autolink(chars, at: i) {
                flush()
                pieces.append(.html(autolink.html))
                i = autolink.end
            } else if c == "\n" {
                // Two or more spaces before a line break make a hard break; others are dropped.
                let spaces = text.reversed().prefix { $0 == " " }.count
                text.removeLast(spaces)
                if spaces >= 2 {
                    flush()
                    pieces.append(.html("<br>\n"))
                } else {
                    text.append("\n")
                }
                i += 1
            } else {
                text.append(c)
                i += 1
            }
        }
        flush()
        return pieces
    }

    /// The pieces as HTML, emphasis resolved.
    static func render(_ pieces: [Piece]) -> String {
        var pieces = pieces
        resolveEmphasis(&pieces)
        return flat(pieces[...])
    }

    static func flat(_ pieces: ArraySlice<Piece>) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): escaped(text)
            case .html(let html): html
            case .delimiter(let run): String(repeating: run.character, count: run.count)
            }
        }.joined()
    }

    /// CommonMark's "process emphasis": each closer, left to right, takes the nearest opener
    /// of its character before it; two characters from each make `<strong>`, one `<em>`.
    /// Unmatched runs stay as text.
    static func resolveEmphasis(_ pieces: inout [Piece]) {
        var closer = 0
        while closer < pieces.count {
            guard case .delimiter(var close) = pieces[closer], close.canClose, close.count > 0 else {
                closer += 1
                continue
            }
            let opener = pieces[..<closer].lastIndex { piece in
                guard case .delimiter(let open) = piece, open.character == close.character, open.canOpen, open.count > 0 else { return false }
                // The rule of three: a run that can both open and close does not pair with one
                // whose lengths sum to a multiple of three, unless both are multiples of three.
                let both = open.canClose || close.canOpen
                return !(both && (open.length + close.length) % 3 == 0 && !(open.length % 3 == 0 && close.length % 3 == 0))
            }
            guard let opener, case .delimiter(var open) = pieces[opener] else {
                closer += 1
                continue
            }
            let used = open.count >= 2 && close.count >= 2 ? 2 : 1
            open.count -= used
            close.count -= used
            let tag = used == 2 ? "strong" : "em"
            let inner = flat(pieces[(opener + 1)..<closer])
            pieces.replaceSubrange(opener...closer, with: [.delimiter(open), .html("<\(tag)>\(inner)</\(tag)>"), .delimiter(close)])
            closer = opener + 2
        }
    }

    /// A run of `*` or `_` with whether it can open or close, by CommonMark's flanking rules:
    /// `_` inside a word (as in `cpu_usage_ratio`) does neither.
    static func delimiter(_ chars: [Character], at i: Int, length: Int) -> Delimiter {
        let before: Character = i > 0 ? chars[i - 1] : " "
        let after: Character = i + length < chars.count ? chars[i + length] : " "
        let punctuationBefore = before.isPunctuation || before.isSymbol
        let punctuationAfter = after.isPunctuation || after.isSymbol
        let left = !after.isWhitespace && (!punctuationAfter || before.isWhitespace || punctuationBefore)
        let right = !before.isWhitespace && (!punctuationBefore || after.isWhitespace || punctuationAfter)
        let c = chars[i]
        if c == "_" {
            return Delimiter(character: c, count: length, length: length,
                             canOpen: left && (!right || punctuationBefore), canClose: right && (!left || punctuationAfter))
        }
        return Delimiter(character: c, count: length, length: length, canOpen: left, canClose: right)
    }

    // MARK: Code spans

    static func run(of c: Character, in chars: [Character], at i: Int) -> Int {
        var j = i
        while j < chars.count, chars[j] == c { j += 1 }
        return j - i
    }

    /// Where a backtick run of exactly `length` starts, at or after `from`.
    static func closingBackticks(_ chars: [Character], from: Int, length: Int) -> Int? {
        var j = from
        while j < chars.count {
            guard chars[j] == "`" else { j += 1; continue }
            let run = run(of: "`", in: chars, at: j)
            if run == length { return j }
            j += run
        }
        return nil
    }

    /// A code span's content: line breaks as spaces, one space stripped from each side when both have one.
    static func codeSpan(_ chars: ArraySlice<Character>) -> String {
        var text = String(chars.map { $0 == "\n" ? " " : $0 })
        if text.count >= 2, text.first == " ", text.last == " ", !text.allSatisfy({ $0 == " " }) {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }

    // MARK: Links

    /// `[text](destination "title")`, or `![alt](source)` shown as a link to its source.
    static func link(_ chars: [Character], at start: Int) -> (html: String, end: Int)? {
        let image = chars[start] == "!"
        let open = image ? start + 1 : start
        // The matching `]`, brackets nesting, backslash escapes skipped.
        var depth = 0
        var i = open
        var close: Int?
        while i < chars.count {
            if chars[i] == "\\" { i += 2; continue }
            if chars[i] == "[" { depth += 1 }
            if chars[i] == "]" {
                depth -= 1
                if depth == 0 { close = i; break }
            }
            i += 1
        }
        guard let close, close + 1 < chars.count, chars[close + 1] == "(" else { return nil }
        i = close + 2
        func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\n" { i += 1 } }
        skipSpaces()
        var destination = ""
        if i < chars.count, chars[i] == "<" {
            i += 1
            while i < chars.count, chars[i] != ">" {
                if chars[i] == "\n" || chars[i] == "<" { return nil }
                if chars[i] == "\\", i + 1 < chars.count, isASCIIPunctuation(chars[i + 1]) { i += 1 }
                destination.append(chars[i])
                i += 1
            }
            guard i < chars.count else { return nil }
            i += 1
        } else {
            var parentheses = 0
            while i < chars.count, !chars[i].isWhitespace {
                if chars[i] == "(" { parentheses += 1 }
                if chars[i] == ")" {
                    if parentheses == 0 { break }
                    parentheses -= 1
                }
                if chars[i] == "\\", i + 1 < chars.count, isASCIIPunctuation(chars[i + 1]) { i += 1 }
                destination.append(chars[i])
                i += 1
            }
        }
        skipSpaces()
        var title: String?
        if i < chars.count, "\"'(".contains(chars[i]) {
            let closing: Character = chars[i] == "(" ? ")" : chars[i]
            var text = ""
            i += 1
            while i < chars.count, chars[i] != closing {
                if chars[i] == "\\", i + 1 < chars.count, isASCIIPunctuation(chars[i + 1]) { i += 1 }
                text.append(chars[i])
                i += 1
            }
            guard i < chars.count else { return nil }
            title = text
            i += 1
            skipSpaces()
        }
        guard i < chars.count, chars[i] == ")" else { return nil }
        let label = Array(chars[(open + 1)..<close])
        var content = render(pieces(label, links: false))
        if image && content.isEmpty { content = escaped(destination) }
        return (anchor(destination, title: title, content: content), i + 1)
    }

    /// `<scheme:…>`: a link to itself.
    static func autolink(_ chars: [Character], at start: Int) -> (html: String, end: Int)? {
        guard let end = chars[(start + 1)...].firstIndex(where: { $0 == ">" || $0 == "<" || $0.isWhitespace }), chars[end] == ">" else {
            return nil
        }
        let target = String(chars[(start + 1)..<end])
        guard let colon = target.firstIndex(of: ":"), (2...32).contains(target.distance(from: target.startIndex, to: colon)),
              target.first?.isLetter == true,
              target[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) else { return nil }
        return (anchor(target, title: nil, content: escaped(target)), end + 1)
    }

    /// The schemes a report links to; others (`javascript:`, `data:`, `file:`) are shown as text.
    static let linkSchemes: Set<String> = ["http", "https", "mailto"]

    /// An `<a>` to `destination`, or only `content` when its scheme is not a linkable one.
    static func anchor(_ destination: String, title: String?, content: String) -> String {
        let beforePath = destination.prefix { !"/?#".contains($0) }
        if let colon = beforePath.firstIndex(of: ":"), !linkSchemes.contains(beforePath[..<colon].lowercased()) {
            return content
        }
        let titleAttribute = title.map { " title=\"\(escaped($0))\"" } ?? ""
        return "<a href=\"\(escaped(destination))\"\(titleAttribute)>\(content)</a>"
    }

    static func isASCIIPunctuation(_ c: Character) -> Bool {
        c.isASCII && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".contains(c)
    }
}
