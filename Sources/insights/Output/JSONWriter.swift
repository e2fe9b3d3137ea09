import InsightsStorage

/// Builds JSON text with keys in the order written, numbers in their shortest
/// round-trip form, and non-finite numbers as `null`.
///
/// Foundation's `JSONEncoder` neither keeps key order nor promises the shortest
/// representation, and machine consumers of `--format json` rely on both.
struct JSONWriter {
    private(set) var text = ""

    /// A JSON value.
    indirect enum Value {
        case number(Double)
        case integer(Int)
        case string(String)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])
    }

    /// Renders `value`; `indent` spaces per level, or compact when nil.
    static func render(_ value: Value, indent: Int? = 2) -> String {
        var writer = JSONWriter()
        writer.write(value, indent: indent, level: 0)
        return writer.text
    }

    private mutating func write(_ value: Value, indent: Int?, level: Int) {
        switch value {
        case .number(let number): text += JSONText.number(number)
        case .integer(let integer): text += String(integer)
        case .string(let string): text += JSONText.quoted(string)
        case .bool(let bool): text += bool ? "true" : "false"
        case .null: text += "null"
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, indent: indent, level: level) { writer, i in
                writer.write(items[i], indent: indent, level: level + 1)
            }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count, indent: indent, level: level) { writer, i in
                writer.text += JSONText.quoted(members[i].0) + (indent == nil ? ":" : ": ")
                writer.write(members[i].1, indent: indent, level: level + 1)
            }
        }
    }

    private mutating func writeContainer(open: String, close: String, count: Int, indent: Int?, level: Int,
                                         element: (inout JSONWriter, Int) -> Void) {
        text += open
        guard count > 0 else { text += close; return }
        for i in 0..<count {
            if i > 0 { text += "," }
            if let indent { text += "\n" + String(repeating: " ", count: indent * (level + 1)) }
            element(&self, i)
        }
        if let indent { text += "\n" + String(repeating: " ", count: indent * level) }
        text += close
    }
}
