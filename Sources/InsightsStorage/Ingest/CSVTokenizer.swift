/// One CSV record: its fields' bytes laid end to end, with where each field starts.
struct CSVRecord {
    /// All field bytes, unquoted, concatenated.
    var bytes: [UInt8] = []
    /// The end offset in `bytes` of each field.
    var ends: [Int] = []
    /// The 1-based line and byte column where each field starts.
    var lines: [Int] = []
    var columns: [Int] = []
    /// The first syntax problem in the record (it is then a bad row): message, line, column.
    var problem: (message: String, line: Int, column: Int)?

    var count: Int { ends.count }
    /// The line the record starts on.
    var line: Int { lines.first ?? 0 }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
        problem = nil
    }

    /// Calls `body` with field `index`'s bytes.
    func withField<R, E: Error>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        let start = index == 0 ? 0 : ends[index - 1]
        let end = ends[index]
        let result: Result<R, E> = bytes.withUnsafeBufferPointer { all in
            do throws(E) {
                return .success(try body(UnsafeBufferPointer(rebasing: all[start..<end])))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The range of field `index` in `bytes`.
    func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Field `index` as a string.
    func string(_ index: Int) -> String {
        let start = index == 0 ? 0 : ends[index - 1]
        return String(decoding: bytes[start..<ends[index]], as: UTF8.self)
    }

    /// Whether field `index` is empty.
    func isEmpty(_ index: Int) -> Bool {
        ends[index] == (index == 0 ? 0 : ends[index - 1])
    }
}

/// Streams RFC 4180 CSV records from a chunked file.
///
/// Handles quoted fields (with `""` escapes and embedded newlines), CRLF or LF line ends,
/// a leading UTF-8 BOM (dropped by `ChunkedFile`) and blank lines (skipped). Line numbers
/// count physical lines, so a record after a quoted newline reports its true line.
struct CSVTokenizer {
    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterQuote
    }

    private let file: ChunkedFile
    private var chunk: [UInt8] = []
    private var position = 0
    private var finished = false
    private var line = 1
    private var column = 0
    private var skipLineFeed = false
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")

    init(file: ChunkedFile) {
        self.file = file
    }

    /// Reads the next non-blank record into `record`; false at end of file.
    mutating func next(into record: inout CSVRecord) throws(IngestError) -> Bool {
        record.reset()
        var state = State.fieldStart
        var quoteLine = 0, quoteColumn = 0
        beginField(&record)
        while true {
            if position == chunk.count {
                if !finished {
                    try file.next(into: &chunk)
                    position = 0
                    finished = chunk.isEmpty
                }
                if finished { break }
            }
            if !skipLineFeed, state == .unquoted || (state == .fieldStart && chunk[position] != Self.quote) {
                // The common case: copy the run of ordinary bytes up to the next comma or
                // line end in one append instead of byte by byte.
                let start = position
                let end = chunk.withUnsafeBufferPointer { bytes in
                    var i = start
                    while i < bytes.count {
                        let c = bytes[i]
                        if c == Self.comma || c == 0x0A || c == 0x0D { break }
                        i += 1
                    }
                    return i
                }
                if end > start {
                    record.bytes.append(contentsOf: chunk[start..<end])
                    column += end - start
                    position = end
                    state = .unquoted
                    continue
                }
            }
            let c = chunk[position]
            position += 1
            if skipLineFeed {
                skipLineFeed = false
                if c == 0x0A { continue }
            }
            column += 1
            switch state {
            case .quoted:
                if c == Self.quote {
                    state = .quoteInQuoted
                } else {
                    record.bytes.append(c)
                    if c == 0x0A { line += 1; column = 0 }
                }
                continue
            case .quoteInQuoted:
                if c == Self.quote {
                    record.bytes.append(c)
                    state = .quoted
                    continue
                }
                state = .afterQuote
            default:
                break
            }
            switch c {
            case Self.comma:
                record.ends.append(record.bytes.count)
                beginField(&record)
                state = .fieldStart
            case 0x0A, 0x0D:
                skipLineFeed = c == 0x0D
                line += 1
                column = 0
                record.ends.append(record.bytes.count)
                if record.count == 1, record.ends[0] == 0, state == .fieldStart {
                    // A blank line: start over on the next one.
                    record.reset()
                    beginField(&record)
                    continue
                }
                return true
            case Self.quote where state == .fieldStart:
                state = .quoted
                quoteLine = line
                quoteColumn = column
            default:
                if state == .afterQuote, record.problem == nil {
                    record.problem = ("unexpected character '\(Character(Unicode.Scalar(c)))' after closing quote",
                                      line, column)
                }
                if state == .fieldStart { state = .unquoted }
                record.bytes.append(c)
            }
        }
        // End of file.
        if state == .quoted, record.problem == nil {
            record.problem = ("unclosed quote", quoteLine, quoteColumn)
        }
        record.ends.append(record.bytes.count)
        if record.count == 1, record.ends[0] == 0, state == .fieldStart { return false }
        return true
    }

    private func beginField(_ record: inout CSVRecord) {
        record.lines.append(line)
        record.columns.append(column + 1)
    }
}
