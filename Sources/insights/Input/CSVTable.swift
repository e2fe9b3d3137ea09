import Foundation

/// A CSV file read into memory, its cells kept as byte ranges until a column is asked for.
///
/// RFC 4180: comma-separated, fields optionally double-quoted with `""` as an
/// escaped quote, quoted fields may span lines, CRLF or LF line ends, a UTF-8 BOM
/// is skipped, blank lines are ignored. The first record is the header. Cells are
/// converted only when their column is requested, numeric or text, so the caller
/// decides which columns are numbers and an error names the exact cell.
struct CSVTable {
    /// The file name as given, for error messages.
    let path: String
    /// Column names from the header.
    let header: [String]
    /// The 1-based line each data row starts on.
    let lines: [Int]
    /// The file's bytes.
    private let bytes: [UInt8]
    /// Byte ranges of the data cells, row-major, `header.count` per row.
    private let cells: [Range<Int>]
    /// Decoded text of quoted cells that contained an escaped quote (`""`), by cell index.
    private let unescaped: [Int: String]

    /// The number of data rows.
    var rowCount: Int { lines.count }

    /// Reads and parses `path`.
    /// - Throws: `InputError` when the file cannot be read, is not UTF-8, has no header,
    ///   has an unclosed quote, or a row has the wrong number of fields.
    init(contentsOf path: String) throws(InputError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        try self.init(bytes: [UInt8](data), path: path)
    }

    /// Parses CSV `text`; `path` only labels errors.
    init(text: String, path: String) throws(InputError) {
        try self.init(bytes: Array(text.utf8), path: path)
    }

    private init(bytes: [UInt8], path: String) throws(InputError) {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw .at(path: path, line: 1, column: nil, "file is not valid UTF-8")
        }
        var parser = Parser(bytes: bytes)
        let records = parser.parse()
        if let unclosed = parser.unclosedQuoteLine {
            throw .at(path: path, line: unclosed, column: nil, "quoted field is never closed")
        }
        guard let headerRecord = records.first else { throw .at(path: path, line: 1, column: nil, "file is empty") }
        let width = headerRecord.fields.count
        var cells: [Range<Int>] = []
        var unescaped: [Int: String] = [:]
        cells.reserveCapacity(width * max(0, records.count - 1))
        for record in records.dropFirst() {
            guard record.fields.count == width else {
                throw .at(path: path, line: record.line, column: nil,
                          "row has \(record.fields.count) fields, the header has \(width)")
            }
            for field in record.fields {
                if field.hasEscapedQuote { unescaped[cells.count] = Parser.decodeEscaped(bytes[field.range]) }
                cells.append(field.range)
            }
        }
        self.path = path
        self.bytes = bytes
        self.header = headerRecord.fields.map { field in
            let text = field.hasEscapedQuote ? Parser.decodeEscaped(bytes[field.range])
                                             : String(decoding: bytes[field.range], as: UTF8.self)
            return text.trimmingCharacters(in: .whitespaces)
        }
        self.lines = records.dropFirst().map(\.line)
        self.cells = cells
        self.unescaped = unescaped
    }

    /// The index of the column named `name`.
    func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The text of the cell in data row `row`, column `column`, as written.
    func cell(_ row: Int, _ column: Int) -> String {
        let index = row * header.count + column
        return unescaped[index] ?? String(decoding: bytes[cells[index]], as: UTF8.self)
    }

    /// The cell's bytes without surrounding blanks.
    private func trimmedBytes(_ row: Int, _ column: Int) -> ArraySlice<UInt8> {
        var range = cells[row * header.count + column]
        while let first = range.first, bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t") {
            range = (first + 1)..<range.upperBound
        }
        while let last = range.last, bytes[last] == UInt8(ascii: " ") || bytes[last] == UInt8(ascii: "\t") {
            range = range.lowerBound..<last
        }
        return bytes[range]
    }

    /// Values that mean "missing" in a cell: empty, `NA`, `NaN`, `null` (any case), blanks around.
    private func isMissing(_ cell: ArraySlice<UInt8>) -> Bool {
        switch cell.count {
        case 0: return true
        case 2, 3, 4:
            let lowered = cell.map { $0 | 0x20 }
            return lowered == Array("na".utf8) || lowered == Array("nan".utf8) || lowered == Array("null".utf8)
        default: return false
        }
    }

    /// Whether the column's first non-missing cell is a number (true for an all-missing column).
    func looksNumeric(_ column: Int) -> Bool {
        for row in 0..<rowCount {
            let cell = trimmedBytes(row, column)
            if isMissing(cell) { continue }
            return Self.number(cell) != nil
        }
        return true
    }

    /// Column `index` parsed as numbers; missing cells become NaN.
    /// - Throws: `InputError` at the first cell that is neither a finite number nor missing.
    func numericColumn(_ index: Int) throws(InputError) -> [Double] {
        var values = [Double](repeating: .nan, count: rowCount)
        for row in 0..<rowCount {
            let trimmed = trimmedBytes(row, index)
            if isMissing(trimmed) { continue }
            guard let value = Self.number(trimmed), value.isFinite else {
                throw .at(path: path, line: lines[row], column: index + 1,
                          "non-numeric value '\(cell(row, index))' in numeric column '\(header[index])'")
            }
            values[row] = value
        }
        return values
    }

    /// Column `index` as trimmed strings (missing cells become empty strings).
    func textColumn(_ index: Int) -> [String] {
        (0..<rowCount).map { row in
            let trimmed = trimmedBytes(row, index)
            if isMissing(trimmed) { return "" }
            return unescaped[row * header.count + index]?.trimmingCharacters(in: .whitespaces)
                ?? String(decoding: trimmed, as: UTF8.self)
        }
    }

    /// The number spelled by `cell` (Swift's `Double` grammar: decimal, exponent, `inf`, `nan`).
    private static func number(_ cell: ArraySlice<UInt8>) -> Double? {
        // Numbers are short: decoding them as a String stays in the small-string form.
        Double(String(decoding: cell, as: UTF8.self))
    }
}
