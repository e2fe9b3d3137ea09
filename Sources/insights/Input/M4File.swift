/// A file in the M4 competition's wide layout: a header row (`"V1","V2",…`), then one row per
/// series whose first field is the series id and whose other fields are its values in time
/// order, the row padded with empty fields to the longest series.
struct M4File {
    /// One series of the file.
    struct Series {
        let id: String
        let values: [Double]
        /// The 1-based line the series' row starts on, for messages.
        let line: Int
    }

    let path: String
    let series: [Series]

    /// Reads `path`.
    /// - Throws: `InputError` when the file cannot be read or parsed as CSV, a value is not a
    ///   finite number, a series has no values or a value after its padding, or an id repeats;
    ///   each names `file:line` (and the column of a bad cell).
    init(contentsOf path: String) throws(InputError) {
        try self.init(table: CSVTable(contentsOf: path))
    }

    /// Parses M4 CSV `text`; `path` only labels errors.
    init(text: String, path: String) throws(InputError) {
        try self.init(table: CSVTable(text: text, path: path))
    }

    private init(table: CSVTable) throws(InputError) {
        path = table.path
        guard table.header.count >= 2 else {
            throw .at(path: path, line: 1, column: nil, "an M4 file needs an id column and at least one value column")
        }
        guard table.rowCount > 0 else { throw .at(path: path, line: 1, column: nil, "file has no series") }
        var columns: [[Double]] = []
        columns.reserveCapacity(table.header.count - 1)
        for column in 1..<table.header.count { columns.append(try table.numericColumn(column)) }
        let ids = table.textColumn(0)
        var seen: [String: Int] = [:]
        var series: [Series] = []
        series.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            let line = table.lines[row]
            guard !ids[row].isEmpty else { throw .at(path: path, line: line, column: 1, "series id is empty") }
            if let first = seen[ids[row]] {
                throw .at(path: path, line: line, column: 1, "series id '\(ids[row])' repeats the one on line \(first)")
            }
            seen[ids[row]] = line
            let count = columns.firstIndex { $0[row].isNaN } ?? columns.count
            guard count > 0 else { throw .at(path: path, line: line, column: nil, "series '\(ids[row])' has no values") }
            if let gap = columns[count...].firstIndex(where: { !$0[row].isNaN }) {
                throw .at(path: path, line: line, column: gap + 2,
                          "series '\(ids[row])' has a value after the empty field in column \(count + 2); "
                          + "M4 rows hold no gaps, only trailing padding")
            }
            series.append(Series(id: ids[row], values: columns[..<count].map { $0[row] }, line: line))
        }
        self.series = series
    }
}
