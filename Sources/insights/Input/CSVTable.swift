import Foundation

/// A CSV file read into memory as text cells, remembering where each cell came from.
///
/// RFC 4180: comma-separated, fields optionally double-quoted with `""` as an
/// escaped quote, quoted fields may span lines, CRLF or LF line ends, a UTF-8 BOM
/// is skipped. The first record is the header. Cells stay strings; the caller
/// decides which columns are numeric so that an error names the exact cell.
struct CSVTable {
    /// The file name as given, for error messages.
    let path: String
    /// Column names from the header.
    let header: [String]
    /// Cells of each data row, row-major.
    let rows: [[String]]
    /// The 1-based line each data row starts on.
    let lines: [Int]

    /// Reads and parses `path`.
    /// - Throws: `InputError` when the file cannot be read, has no header, or a
    ///   row has the wrong number of fields.
    init(contentsOf path: String) throws(InputError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .at(path: path, line: 1, column: nil, "file is not valid UTF-8")
        }
        try self.init(text: text, path: path)
    }

    /// Parses CSV `text`; `path` only labels errors.
    init(text: String, path: String) throws(InputError) {
        self.path = path
        var records: [[String]] = []
        var recordLines: [Int] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var recordStart = 1
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        func endRecord() {
            record.append(field)
            field = ""
            // A blank line is not a record.
            if !(record.count == 1 && record[0].isEmpty) {
                records.append(record)
                recordLines.append(recordStart)
            }
            record = []
        }
        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else {
                            inQuotes = false
                            pending = following
                        }
                    } else { inQuotes = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: inQuotes = true
            case ",": record.append(field); field = ""
            case "\r":
                if let following = next(), following != "\n" { pending = following }
                endRecord(); line += 1; recordStart = line
            case "\n": endRecord(); line += 1; recordStart = line
            default: field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw .at(path: path, line: recordStart, column: nil, "quoted field is never closed") }
        if !field.isEmpty || !record.isEmpty { endRecord() }
        guard let header = records.first else { throw .at(path: path, line: 1, column: nil, "file is empty") }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        for (index, row) in records.enumerated().dropFirst() where row.count != header.count {
            throw .at(path: path, line: recordLines[index], column: nil,
                      "row has \(row.count) fields, the header has \(header.count)")
        }
        self.rows = Array(records.dropFirst())
        self.lines = Array(recordLines.dropFirst())
    }

    /// The index of the column named `name`.
    func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Values that mean "missing" in a cell: empty, `NA`, `NaN`, `null` (any case).
    static func isMissing(_ cell: String) -> Bool {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || ["na", "nan", "null"].contains(trimmed.lowercased())
    }

    /// Column `index` parsed as numbers; missing cells become NaN.
    /// - Throws: `InputError` at the first cell that is neither a number nor missing.
    func numericColumn(_ index: Int) throws(InputError) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(rows.count)
        for (r, row) in rows.enumerated() {
            let cell = row[index]
            if Self.isMissing(cell) { values.append(.nan); continue }
            guard let value = Double(cell.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw .at(path: path, line: lines[r], column: index + 1,
                          "non-numeric value '\(cell)' in numeric column '\(header[index])'")
            }
            values.append(value)
        }
        return values
    }

    /// Column `index` as trimmed strings (missing cells become empty strings).
    func textColumn(_ index: Int) -> [String] {
        rows.map { Self.isMissing($0[index]) ? "" : $0[index].trimmingCharacters(in: .whitespaces) }
    }
}
