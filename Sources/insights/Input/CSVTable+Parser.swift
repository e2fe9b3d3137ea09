extension CSVTable {
    /// One record: the byte ranges of its fields and the line it starts on.
    struct Record {
        struct Field {
            /// The field's content, without surrounding quotes.
            let range: Range<Int>
            /// Whether the content holds `""` escapes that must be decoded.
            let hasEscapedQuote: Bool
        }

        var fields: [Field] = []
        let line: Int
    }

    /// A single pass over the bytes that finds records and field boundaries (RFC 4180).
    struct Parser {
        let bytes: [UInt8]
        /// The line of a quoted field that is still open at the end of the input.
        private(set) var unclosedQuoteLine: Int?

        init(bytes: [UInt8]) { self.bytes = bytes }

        private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""),
                            newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

        mutating func parse() -> [Record] {
            var records: [Record] = []
            var position = 0
            // Skip a UTF-8 byte-order mark.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            var line = 1
            var record = Record(line: line)
            let end = bytes.count
            while position <= end {
                // One field starts at `position`.
                var field: Record.Field
                if position < end && bytes[position] == Self.quote {
                    let start = position + 1
                    var cursor = start
                    var escaped = false
                    var closed = false
                    let openingLine = line
                    while cursor < end {
                        let byte = bytes[cursor]
                        if byte == Self.quote {
                            if cursor + 1 < end && bytes[cursor + 1] == Self.quote {
                                escaped = true
                                cursor += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if byte == Self.newline { line += 1 }
                        cursor += 1
                    }
                    if !closed {
                        unclosedQuoteLine = openingLine
                        return records
                    }
                    field = .init(range: start..<cursor, hasEscapedQuote: escaped)
                    position = cursor + 1
                    // Anything between the closing quote and the delimiter is kept out, as most readers do.
                    while position < end, bytes[position] != Self.comma, bytes[position] != Self.newline,
                          bytes[position] != Self.carriageReturn { position += 1 }
                } else {
                    var cursor = position
                    while cursor < end, bytes[cursor] != Self.comma, bytes[cursor] != Self.newline,
                          bytes[cursor] != Self.carriageReturn { cursor += 1 }
                    field = .init(range: position..<cursor, hasEscapedQuote: false)
                    position = cursor
                }
                record.fields.append(field)
                if position < end && bytes[position] == Self.comma {
                    position += 1
                    continue
                }
                // End of record: newline, CRLF, lone CR, or end of input.
                if position < end && bytes[position] == Self.carriageReturn { position += 1 }
                if position < end && bytes[position] == Self.newline { position += 1 }
                let blank = record.fields.count == 1 && record.fields[0].range.isEmpty
                if !blank { records.append(record) }
                line += 1
                record = Record(line: line)
                if position >= end { break }
            }
            return records
        }

        /// The text of a quoted field's content with `""` turned into `"`.
        static func decodeEscaped(_ content: ArraySlice<UInt8>) -> String {
            var result: [UInt8] = []
            result.reserveCapacity(content.count)
            var index = content.startIndex
            while index < content.endIndex {
                result.append(content[index])
                if content[index] == quote && index + 1 < content.endIndex && content[index + 1] == quote {
                    index += 2
                } else {
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
