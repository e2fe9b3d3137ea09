import Foundation

/// What every reader shares while reading one file: where it is, the options, the
/// report so far and the bad-row policy.
struct IngestContext {
    let path: String
    let options: IngestOptions
    let timestamps: TimestampParser
    var report: IngestReport

    init(path: String, options: IngestOptions, format: IngestFormat) {
        self.path = path
        self.options = options
        self.timestamps = TimestampParser(unit: options.timestampUnit, timeZone: options.timeZone)
        self.report = IngestReport(format: format)
    }

    func location(_ line: Int, _ column: Int? = nil) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    /// A whole-file problem (`line 0`): the format does not fit.
    func formatError(_ message: String, line: Int = 0, column: Int? = nil) -> IngestError {
        IngestError(.format, at: location(line, column), message)
    }

    /// Records a malformed row: throws it unless bad rows are being skipped.
    mutating func badRow(_ message: String, line: Int, column: Int? = nil) throws(IngestError) {
        let error = IngestError(.badRow, at: location(line, column), message)
        guard options.skipBadRows else { throw error }
        report.badRows.append(error)
    }

    /// The path relative to the `root` option (default: the file's directory), used for
    /// `source` labels and to bind NAB label windows.
    var relativePath: String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let root = options.root else { return url.lastPathComponent }
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        let prefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        return url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.lastPathComponent
    }

    /// The file name without directory and extension.
    var stem: String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }
}

/// A CSV header: trimmed column names, checked for duplicates and empties.
struct CSVHeader {
    let names: [String]
    let line: Int

    init(_ record: CSVRecord, context: IngestContext) throws(IngestError) {
        if let problem = record.problem {
            throw context.formatError("header: \(problem.message)", line: problem.line, column: problem.column)
        }
        var names: [String] = []
        var seen: Set<String> = []
        for index in 0..<record.count {
            let name = record.string(index).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw context.formatError("empty column name in header (column \(index + 1))",
                                          line: record.lines[index], column: record.columns[index])
            }
            guard seen.insert(name).inserted else {
                throw context.formatError("duplicate column '\(name)' in header",
                                          line: record.lines[index], column: record.columns[index])
            }
            names.append(name)
        }
        self.names = names
        self.line = record.line
    }

    /// The index of `explicit` (which must exist) or of the first candidate present.
    func index(of explicit: String?, candidates: [String], role: String,
               context: IngestContext) throws(IngestError) -> Int? {
        if let explicit {
            guard let index = names.firstIndex(of: explicit) else {
                throw context.formatError("no \(role) column '\(explicit)' in header (columns: \(names.joined(separator: ", ")))",
                                          line: line)
            }
            return index
        }
        for candidate in candidates {
            if let index = names.firstIndex(of: candidate) { return index }
        }
        return nil
    }
}
