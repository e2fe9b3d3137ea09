import InsightsNumerics

/// A place in a configuration file: 1-based line and column (in Unicode scalars).
public struct ConfigLocation: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// An error in a configuration file: a lowercase message and where, rendered compiler-style.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let location: ConfigLocation

    public init(_ message: String, at location: ConfigLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): error: \(message)" }

    /// `FILE:line:col: error: message`, the offending line and a caret under the column.
    public func rendered(source: String, name: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var text = "\(name):\(location): error: \(message)"
        if location.line >= 1 && location.line <= lines.count {
            let line = String(lines[location.line - 1]).replacingOccurrences(of: "\r", with: "")
            text += "\n" + line + "\n" + String(repeating: " ", count: max(0, location.column - 1)) + "^"
        }
        return text
    }
}

/// A value of the configuration language, with where it was written.
public indirect enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case array([ConfigValue])
    case table(ConfigTable)

    /// A number (integer or float) as a Double.
    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .float(let value): value
        default: nil
        }
    }

    /// What kind of value, for messages.
    public var kindName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A table: keys in the order written, each with its value and the location of its key.
public struct ConfigTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let key: String
        public var value: ConfigValue
        public let location: ConfigLocation
        /// Where the value starts.
        public let valueLocation: ConfigLocation
    }

    public var entries: [Entry] = []
    /// Where the table's header (or inline `{`) is.
    public var location: ConfigLocation

    public init(location: ConfigLocation) { self.location = location }

    public subscript(key: String) -> Entry? { entries.first { $0.key == key } }
}

/// A parser for the subset of TOML (v1.0) that insights configuration files use.
///
/// Supported: `# comments`; `key = value` lines with bare (`A-Za-z0-9_-`) or quoted keys;
/// `[table]` and `[[array-of-tables]]` headers (one key, not dotted); basic strings `"…"` with the
/// escapes `\" \\ \n \t \r \uXXXX`, literal strings `'…'`; decimal integers and floats (sign,
/// `_` between digits, fraction, exponent, `inf`, `nan`); `true`/`false`; arrays `[a, b]`
/// (may span lines); inline tables `{ k = v, … }` (one line). Not supported: dotted keys,
/// multi-line strings, dates, hexadecimal/octal/binary integers. A duplicate key is an error.
public struct ConfigParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    /// The document's root table, with `[[…]]` tables as arrays of tables.
    /// - Throws: ``ConfigError`` at the first problem.
    public static func parse(_ text: String) throws(ConfigError) -> ConfigTable {
        var parser = ConfigParser(scalars: Array(text.unicodeScalars))
        return try parser.document()
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private var here: ConfigLocation { ConfigLocation(line: line, column: column) }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }

    private mutating func advance() {
        guard let c = current else { return }
        index += 1
        if c == "\n" { line += 1; column = 1 } else { column += 1 }
    }

    private mutating func skipBlanks() {
        while let c = current, c == " " || c == "\t" { advance() }
    }

    /// Blanks, then a comment, then the end of the line (or file).
    private mutating func endOfLine(after what: String) throws(ConfigError) {
        skipBlanks()
        if current == "#" { while let c = current, c != "\n" { advance() } }
        if current == "\r" { advance() }
        guard current == nil || current == "\n" else {
            throw ConfigError("unexpected \(describe(current)) after \(what); expected the end of the line", at: here)
        }
        advance()
    }

    private func describe(_ c: Unicode.Scalar?) -> String {
        guard let c else { return "end of file" }
        return c == "\n" ? "end of line" : "'\(Character(c))'"
    }

    private mutating func document() throws(ConfigError) -> ConfigTable {
        var root = ConfigTable(location: ConfigLocation(line: 1, column: 1))
        // The path to the table receiving key/value lines: (key in root, index in its array if [[…]]).
        var target: (key: String, arrayIndex: Int?)?
        while current != nil {
            skipBlanks()
            switch current {
            case "#", "\n", "\r":
                try endOfLine(after: "a comment")
            case "[":
                let start = here
                advance()
                let isArray = current == "["
                if isArray { advance() }
                skipBlanks()
                let keyLocation = here
                let key = try self.key()
                skipBlanks()
                guard current == "]" else { throw ConfigError("expected ']' to close the table header '\(key)'", at: here) }
                advance()
                if isArray {
                    guard current == "]" else { throw ConfigError("expected ']]' to close the array of tables '\(key)'", at: here) }
                    advance()
                }
                try endOfLine(after: "the table header")
                let table = ConfigValue.table(ConfigTable(location: start))
                if let i = root.entries.firstIndex(where: { $0.key == key }) {
                    guard isArray, case .array(var tables) = root.entries[i].value else {
                        throw ConfigError("table '\(key)' is defined twice (first at \(root.entries[i].location))", at: keyLocation)
                    }
                    tables.append(table)
                    root.entries[i].value = .array(tables)
                    target = (key, tables.count - 1)
                } else {
                    root.entries.append(.init(key: key, value: isArray ? .array([table]) : table, location: keyLocation,
                                              valueLocation: start))
                    target = (key, isArray ? 0 : nil)
                }
            default:
                let entry = try keyValue()
                try endOfLine(after: "the value of '\(entry.key)'")
                guard let target else {
                    try insert(entry, into: &root)
                    continue
                }
                let i = root.entries.firstIndex { $0.key == target.key }!
                switch (root.entries[i].value, target.arrayIndex) {
                case (.table(var table), nil):
                    try insert(entry, into: &table)
                    root.entries[i].value = .table(table)
                case (.array(var tables), let j?):
                    guard case .table(var table) = tables[j] else { preconditionFailure("arrays of tables hold tables") }
                    try insert(entry, into: &table)
                    tables[j] = .table(table)
                    root.entries[i].value = .array(tables)
                default: preconditionFailure("the target is a table or an array of tables")
                }
            }
        }
        return root
    }

    private func insert(_ entry: ConfigTable.Entry, into table: inout ConfigTable) throws(ConfigError) {
        if let first = table[entry.key] {
            throw ConfigError("key '\(entry.key)' is set twice (first at \(first.location))", at: entry.location)
        }
        table.entries.append(entry)
    }

    private static func isBare(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    private mutating func key() throws(ConfigError) -> String {
        switch current {
        case "\"": return try basicString()
        case "'": return try literalString()
        case let c? where Self.isBare(c):
            var key = ""
            while let c = current, Self.isBare(c) {
                key.unicodeScalars.append(c)
                advance()
            }
            if current == "." { throw ConfigError("dotted keys are not supported; write a [table] instead", at: here) }
            return key
        default:
            throw ConfigError("expected a key (letters, digits, '_' and '-', or a quoted string), found \(describe(current))", at: here)
        }
    }

    private mutating func keyValue() throws(ConfigError) -> ConfigTable.Entry {
        let location = here
        let key = try self.key()
        skipBlanks()
        guard current == "=" else { throw ConfigError("expected '=' after the key '\(key)', found \(describe(current))", at: here) }
        advance()
        skipBlanks()
        let valueLocation = here
        return .init(key: key, value: try value(), location: location, valueLocation: valueLocation)
    }

    private mutating func value() throws(ConfigError) -> ConfigValue {
        switch current {
        case "\"": return .string(try basicString())
        case "'": return .string(try literalString())
        case "[": return try array()
        case "{": return try inlineTable()
        case "t", "f":
            let word = self.word()
            if word.text == "true" { return .boolean(true) }
            if word.text == "false" { return .boolean(false) }
            throw ConfigError("unknown value '\(word.text)'; strings are quoted (\"\(word.text)\")", at: word.location)
        case let c? where ("0"..."9").contains(c) || c == "+" || c == "-" || c == "i" || c == "n":
            return try number()
        case nil, "\n", "\r", "#":
            throw ConfigError("expected a value after '='", at: here)
        default:
            let word = self.word()
            throw ConfigError("unknown value '\(word.text.isEmpty ? String(Character(current!)) : word.text)'; "
                              + "expected a string, number, boolean, array or inline table", at: word.location)
        }
    }

    private mutating func word() -> (text: String, location: ConfigLocation) {
        let location = here
        var text = ""
        while let c = current, Self.isBare(c) || c == "." || c == "+" {
            text.unicodeScalars.append(c)
            advance()
        }
        return (text, location)
    }

    private mutating func number() throws(ConfigError) -> ConfigValue {
        let (text, location) = word()
        var digits = text
        if let sign = digits.first, sign == "+" || sign == "-" { digits.removeFirst() }
        let negative = text.hasPrefix("-")
        if digits == "inf" { return .float(negative ? -.infinity : .infinity) }
        if digits == "nan" { return .float(.nan) }
        guard let first = digits.unicodeScalars.first, ("0"..."9").contains(first) else {
            throw ConfigError("unknown value '\(text)'; expected a string, number, boolean, array or inline table", at: location)
        }
        // Underscores only between digits.
        let scalars = Array(text.unicodeScalars)
        for (i, c) in scalars.enumerated() where c == "_" {
            let isDigit = { (j: Int) in j >= 0 && j < scalars.count && ("0"..."9").contains(scalars[j]) }
            guard isDigit(i - 1) && isDigit(i + 1) else {
                throw ConfigError("'_' in a number must stand between digits: '\(text)'", at: location)
            }
        }
        let plain = text.replacingOccurrences(of: "_", with: "")
        if !plain.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            let body = negative || plain.hasPrefix("+") ? String(plain.dropFirst()) : plain
            if body.count > 1 && body.hasPrefix("0") {
                throw ConfigError("leading zeros are not allowed in '\(text)'", at: location)
            }
            guard !body.isEmpty, body.allSatisfy(\.isASCII), body.allSatisfy(\.isNumber), let value = Int64(plain) else {
                throw ConfigError("invalid number '\(text)'", at: location)
            }
            return .integer(value)
        }
        // A float needs digits on both sides of the point.
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2 {
            let before = parts[0].last, after = parts[1].first
            guard before?.isNumber == true, after?.isNumber == true else {
                throw ConfigError("a decimal point needs digits on both sides: '\(text)'", at: location)
            }
        }
        guard plain.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }), let value = Double(plain) else {
            throw ConfigError("invalid number '\(text)'", at: location)
        }
        return .float(value)
    }

    private mutating func basicString() throws(ConfigError) -> String {
        let start = here
        advance()
        var text = ""
        while true {
            guard let c = current, c != "\n" else { throw ConfigError("unterminated string (strings end on their line)", at: start) }
            advance()
            if c == "\"" { return text }
            guard c == "\\" else {
                text.unicodeScalars.append(c)
                continue
            }
            let escape = here
            switch current {
            case "\"": text += "\""
            case "\\": text += "\\"
            case "n": text += "\n"
            case "t": text += "\t"
            case "r": text += "\r"
            case "u":
                var hex = ""
                for k in 1...4 { if let d = peek(k) { hex.unicodeScalars.append(d) } }
                guard hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw ConfigError("'\\u' needs four hexadecimal digits of a Unicode scalar", at: escape)
                }
                text.unicodeScalars.append(scalar)
                for _ in 0..<4 { advance() }
            default:
                throw ConfigError("unknown escape '\\\(current.map { String(Character($0)) } ?? "")' in a string "
                                  + "(use \\\" \\\\ \\n \\t \\r \\uXXXX, or a 'literal string')", at: escape)
            }
            advance()
        }
    }

    private mutating func literalString() throws(ConfigError) -> String {
        let start = here
        advance()
        var text = ""
        while true {
            guard let c = current, c != "\n" else { throw ConfigError("unterminated string (strings end on their line)", at: start) }
            advance()
            if c == "'" { return text }
            text.unicodeScalars.append(c)
        }
    }

    /// Blanks, line breaks and comments inside an array.
    private mutating func skipInsideArray() {
        while let c = current {
            if c == " " || c == "\t" || c == "\n" || c == "\r" { advance() } else if c == "#" {
                while let d = current, d != "\n" { advance() }
            } else { break }
        }
    }

    private mutating func array() throws(ConfigError) -> ConfigValue {
        let start = here
        advance()
        var items: [ConfigValue] = []
        while true {
            skipInsideArray()
            if current == "]" { advance(); return .array(items) }
            guard current != nil else { throw ConfigError("unterminated array: expected ']'", at: start) }
            items.append(try value())
            skipInsideArray()
            if current == "," { advance(); continue }
            guard current != nil else { throw ConfigError("unterminated array: expected ']'", at: start) }
            guard current == "]" else { throw ConfigError("expected ',' or ']' in the array, found \(describe(current))", at: here) }
        }
    }

    private mutating func inlineTable() throws(ConfigError) -> ConfigValue {
        var table = ConfigTable(location: here)
        advance()
        skipBlanks()
        if current == "}" { advance(); return .table(table) }
        while true {
            skipBlanks()
            let entry = try keyValue()
            try insert(entry, into: &table)
            skipBlanks()
            if current == "," { advance(); continue }
            if current == "}" { advance(); return .table(table) }
            throw ConfigError("expected ',' or '}' in the inline table, found \(describe(current))", at: here)
        }
    }
}
