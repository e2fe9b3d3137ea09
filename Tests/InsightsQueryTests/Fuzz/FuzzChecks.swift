import InsightsQuery

/// The invariants the fuzz test checks on each input; each returns what it found wrong.
enum FuzzChecks {
    /// A valid script splits into its statements, is complete, and each statement parses to the
    /// kind it was generated as.
    static func validScript(_ script: String, _ statements: [ValidStatement], bindings: [String: Value]) -> [String] {
        var problems: [String] = []
        let pieces = ScriptSplitter.statements(script)
        if pieces.count != statements.count {
            problems.append("split into \(pieces.count) pieces, not \(statements.count): \(pieces.map(\.text))")
        }
        if !ScriptSplitter.isComplete(script) { problems.append("a script of whole statements is not complete") }
        for (piece, expected) in zip(pieces, statements) {
            do {
                let statement = try Parser.parse(piece.text, base: piece.location, bindings: bindings)
                if kind(of: statement) != expected.kind {
                    problems.append("'\(expected.text)' parsed as \(statement)")
                }
            } catch {
                problems.append("valid statement '\(expected.text)' failed: \(error.rendered(source: script))")
            }
        }
        return problems
    }

    static func kind(of statement: Statement) -> ValidStatement.Kind {
        switch statement {
        case .query: .query
        case .analysis(let analysis): .analysis(analysis.kind)
        case .behavior(let query): .behavior(query.kind)
        case .advice(let query): .advice(query.kind)
        case .regress, .regressSeries: .regress
        case .sql: .sql
        case .binding(let name, _): .binding(name)
        case .dot(let name, _, _): .dot(name)
        }
    }

    /// Any script: pieces are the script's own text at their locations; tokens and errors lie
    /// inside the input with line and column matching the offset; errors render.
    static func anyScript(_ script: String, bindings: [String: Value]) -> [String] {
        let scalars = Array(script.unicodeScalars)
        let lines = positions(scalars)
        var problems: [String] = []
        let pieces = ScriptSplitter.statements(script)
        _ = ScriptSplitter.isComplete(script)
        for piece in pieces {
            let length = piece.text.unicodeScalars.count
            if let problem = check(piece.location, in: lines, what: "piece") {
                problems.append(problem)
            } else if piece.location.offset + length > scalars.count
                || String(String.UnicodeScalarView(scalars[piece.location.offset..<piece.location.offset + length])) != piece.text {
                problems.append("piece '\(piece.text)' is not the script's text at offset \(piece.location.offset)")
            }
        }
        do {
            let tokens = try Lexer.tokens(script)
            if tokens.last?.kind != .end { problems.append("tokens do not end with .end") }
            for token in tokens {
                if let problem = check(token.location, in: lines, what: "token '\(token.text)'") { problems.append(problem) }
                if token.kind != .end && token.location.offset + token.length > scalars.count {
                    problems.append("token '\(token.text)' runs past the end")
                }
            }
        } catch {
            problems += check(error, in: script, lines)
        }
        do {
            _ = try Parser.parse(script, bindings: bindings)
        } catch {
            problems += check(error, in: script, lines)
        }
        for piece in pieces {
            do {
                _ = try Parser.parse(piece.text, base: piece.location, bindings: bindings)
            } catch {
                problems += check(error, in: script, lines)
            }
        }
        return problems
    }

    static func check(_ error: QueryError, in script: String, _ lines: [(line: Int, column: Int)]) -> [String] {
        var problems: [String] = []
        if let problem = check(error.location, in: lines, what: "error '\(error.message)'") { problems.append(problem) }
        let rendered = error.rendered(source: script)
        if !rendered.hasPrefix("\(error.location.line):\(error.location.column): error: \(error.message)") {
            problems.append("rendered error does not start with its location and message: \(rendered)")
        }
        return problems
    }

    /// The line and column of every offset of `scalars`, the end included.
    static func positions(_ scalars: [Unicode.Scalar]) -> [(line: Int, column: Int)] {
        var result = [(line: 1, column: 1)]
        result.reserveCapacity(scalars.count + 1)
        for scalar in scalars {
            let last = result[result.count - 1]
            result.append(scalar == "\n" ? (last.line + 1, 1) : (last.line, last.column + 1))
        }
        return result
    }

    /// `position` is inside the input (the end counts) and its line and column are those of its offset.
    static func check(_ position: TextPosition, in lines: [(line: Int, column: Int)], what: String) -> String? {
        guard position.line >= 1, position.column >= 1, position.offset >= 0, position.offset < lines.count else {
            return "\(what) at \(position) (offset \(position.offset)) is outside an input of \(lines.count - 1) scalars"
        }
        let expected = lines[position.offset]
        guard expected.line == position.line, expected.column == position.column else {
            return "\(what) at \(position) but its offset \(position.offset) is at \(expected.line):\(expected.column)"
        }
        return nil
    }

    /// Completion of the word before scalar `cut`: every candidate starts with the word, sorted
    /// and unique.
    static func completion(_ script: String, cut: Int) -> [String] {
        let prefix = String(String.UnicodeScalarView(script.unicodeScalars.prefix(cut)))
        let word = String(prefix.reversed().prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }.reversed())
        let before = String(prefix.dropLast(word.count))
        let candidates = Completion.candidates(before: before, word: word, source: FakeCatalog())
        var problems: [String] = []
        if let bad = candidates.first(where: { !$0.hasPrefix(word) }) {
            problems.append("completion of '\(word)' after '\(before)' offered '\(bad)'")
        }
        if candidates != Array(Set(candidates)).sorted() {
            problems.append("completion of '\(word)' after '\(before)' is not sorted and unique: \(candidates)")
        }
        return problems
    }
}

/// A small catalog for completion.
struct FakeCatalog: CompletionSource {
    var metricNames: [String] { StatementGenerator.metrics.sorted() }
    var eventNames: [String] { ["deploy", "incident"] }
    func labelKeys(metric: String?) -> [String] { StatementGenerator.labels.sorted() }
    func labelValues(key: String, metric: String?) -> [String] { ["checkout", "eu-west", "it's"] }
    func paths(prefix: String) -> [String] { [prefix + "data/", prefix + "x.csv"] }
    func propertyNames(event: String?) -> [String] { ["plan", "variant"] }
}
