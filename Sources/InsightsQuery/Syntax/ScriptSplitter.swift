/// Splits a script into statements.
///
/// A statement ends at `;`, or at a line break when no bracket or quote is open and the line
/// does not end with `\` or `,`. A dot-command ends at its line break. SQL (a statement starting
/// with `sql`, `SELECT` or `WITH`) ends only at `;` or at the end of the script, so it may span
/// lines freely. A dot-command also ends at `;`. Comments (`--` or `#` to the end of the line) are kept in the statement text
/// (the lexer skips them) but never open or close anything.
public enum ScriptSplitter {
    public struct Piece: Sendable, Equatable {
        public let text: String
        public let location: TextPosition
    }

    /// The statements of `script`, blank ones left out.
    public static func statements(_ script: String) -> [Piece] {
        scan(script).pieces
    }

    /// Whether `text` is complete: nothing left open, so the REPL can run it rather than ask
    /// for another line.
    public static func isComplete(_ text: String) -> Bool {
        scan(text).complete
    }

    private static func scan(_ script: String) -> (pieces: [Piece], complete: Bool) {
        let scalars = Array(script.unicodeScalars)
        var pieces: [Piece] = []
        var start = 0
        var startLocation = TextPosition(line: 1, column: 1, offset: 0)
        var location = startLocation
        var depth = 0
        var quote: Unicode.Scalar?
        var inComment = false
        var lastSignificant: Unicode.Scalar?

        func kind(_ from: Int, _ to: Int) -> (dot: Bool, sql: Bool) {
            var text = ""
            for c in scalars[from..<to] { text.unicodeScalars.append(c) }
            let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            let word = trimmed.prefix { $0.isLetter }.lowercased()
            return (trimmed.hasPrefix("."), word == "sql" || word == "select" || word == "with")
        }

        func emit(_ end: Int) {
            var text = ""
            for c in scalars[start..<end] { text.unicodeScalars.append(c) }
            let blank = text.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == ";" }
            if !blank && !isOnlyComments(text) { pieces.append(Piece(text: text, location: startLocation)) }
        }

        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            var next = location.advanced(past: c)
            if inComment {
                if c == "\n" { inComment = false }
            } else if let q = quote {
                if c == "\\" && i + 1 < scalars.count {
                    // Skip the escaped scalar (it cannot end the string).
                    i += 1
                    next.offset += 1
                    if scalars[i] == "\n" {
                        next.line += 1
                        next.column = 1
                    } else {
                        next.column += 1
                    }
                } else if c == q {
                    quote = nil
                }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "#" || (c == "-" && i + 1 < scalars.count && scalars[i + 1] == "-") {
                inComment = true
            } else if "([{".unicodeScalars.contains(c) {
                depth += 1
            } else if ")]}".unicodeScalars.contains(c) {
                depth = max(0, depth - 1)
            }
            let inCode = quote == nil && !inComment
            var ends = false
            if c == ";" && quote == nil && !inComment {
                ends = true
            } else if c == "\n" && quote == nil {
                let (dot, sql) = kind(start, i)
                if dot {
                    ends = true
                } else if !sql && depth == 0 && lastSignificant != "\\" && lastSignificant != "," {
                    ends = true
                }
            }
            if inCode && c != " " && c != "\t" && c != "\r" && c != "\n" && !(c == "-" && inComment) { lastSignificant = c }
            if c == "\n" { lastSignificant = lastSignificant == "\\" || lastSignificant == "," ? lastSignificant : nil }
            i += 1
            location = next
            if ends {
                emit(i)
                start = i
                startLocation = location
                depth = 0
                lastSignificant = nil
            }
        }
        let (_, sql) = kind(start, scalars.count)
        var restText = ""
        for c in scalars[start..<scalars.count] { restText.unicodeScalars.append(c) }
        let restBlank = restText.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } || isOnlyComments(restText)
        let complete = restBlank || (quote == nil && depth == 0 && !sql && lastSignificant != "\\" && lastSignificant != ",")
        emit(scalars.count)
        return (pieces, complete)
    }

    private static func isOnlyComments(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            return trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("--")
        }
    }
}
