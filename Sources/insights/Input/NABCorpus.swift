import Foundation
import InsightsAnalysis
import InsightsStorage

/// NAB data files under a directory with their windows from a NAB windows file
/// (`{"<category>/<file>.csv": [["first timestamp", "last timestamp"], ...]}`).
struct NABCorpus {
    /// One data file: its key in the windows file, timestamps (ns) and values.
    struct File {
        let name: String
        let timestamps: [Int64]
        let values: [Double]
        let labels: NABLabels
    }

    /// The files named by the windows file, in sorted order.
    let files: [File]
    /// Every window in the windows file (NAB normalises by this count).
    let windowCount: Int
    /// CSV files under the directory that the windows file does not name (not evaluated).
    let unlabelledFiles: [String]

    /// Reads the windows file and every CSV under `directory` that it names.
    /// - Throws: `CommandFailure.usage` when the windows file or directory cannot be read,
    ///   `.data` for a malformed windows file, a named file that is missing, a bad CSV row
    ///   (`file:line`), or a window end that is not a timestamp of its file.
    init(directory: String, labelsPath: String) throws {
        let labelData: Data
        do { labelData = try Data(contentsOf: URL(fileURLWithPath: labelsPath)) } catch {
            throw CommandFailure.usage("\(labelsPath): cannot read labels file: \((error as NSError).localizedDescription)")
        }
        let windows = try Self.parseWindows(labelData, path: labelsPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure.usage("\(directory): not a directory")
        }
        let found = Self.csvFiles(under: directory)
        for name in windows.keys.sorted() where !found.contains(name) {
            throw CommandFailure.data("\(labelsPath): names '\(name)', which is not a CSV file under \(directory)")
        }
        var files: [File] = []
        for name in windows.keys.sorted() {
            files.append(try Self.readFile(name: name, directory: directory, windows: windows[name]!,
                                           labelsPath: labelsPath))
        }
        self.files = files
        self.windowCount = windows.values.reduce(0) { $0 + $1.count }
        self.unlabelledFiles = found.subtracting(windows.keys).sorted()
    }

    /// Relative paths (with `/`) of the `.csv` files under `directory`, recursively.
    private static func csvFiles(under directory: String) -> Set<String> {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var names: Set<String> = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator where url.pathExtension.lowercased() == "csv" {
            let path = url.standardizedFileURL.path
            if path.hasPrefix(prefix) { names.insert(String(path.dropFirst(prefix.count))) }
        }
        return names
    }

    /// The windows file as file name → (first, last) timestamps.
    private static func parseWindows(_ data: Data, path: String) throws -> [String: [(start: Int64, end: Int64)]] {
        guard let object = try? JSONSerialization.jsonObject(with: data), let map = object as? [String: Any] else {
            throw CommandFailure.data("\(path): not a JSON object of file names to window lists")
        }
        var windows: [String: [(start: Int64, end: Int64)]] = [:]
        for (name, value) in map {
            guard let list = value as? [Any] else {
                throw CommandFailure.data("\(path): '\(name)': expected a list of [start, end] windows")
            }
            var parsed: [(start: Int64, end: Int64)] = []
            for (index, item) in list.enumerated() {
                guard let pair = item as? [String], pair.count == 2 else {
                    throw CommandFailure.data("\(path): '\(name)' window \(index + 1): expected [start, end] timestamps")
                }
                let ends = try pair.map { text -> Int64 in
                    switch TimestampFormat.parse(text) {
                    case .success(let timestamp): return timestamp
                    case .failure(let error):
                        throw CommandFailure.data("\(path): '\(name)' window \(index + 1): '\(text)': \(error.message)")
                    }
                }
                parsed.append((start: ends[0], end: ends[1]))
            }
            windows[name] = parsed
        }
        return windows
    }

    private static func readFile(name: String, directory: String, windows: [(start: Int64, end: Int64)],
                                 labelsPath: String) throws -> File {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        let table: CSVTable
        do { table = try CSVTable(contentsOf: path) } catch {
            throw error.isUnreadable ? CommandFailure.usage(error.description) : CommandFailure.data(error.description)
        }
        guard let timeColumn = table.columnIndex("timestamp"), let valueColumn = table.columnIndex("value") else {
            throw CommandFailure.data("\(path):1: expected columns 'timestamp' and 'value', found \(table.header.joined(separator: ", "))")
        }
        let values: [Double]
        do { values = try table.numericColumn(valueColumn) } catch { throw CommandFailure.data(error.description) }
        var timestamps: [Int64] = []
        timestamps.reserveCapacity(table.rowCount)
        for (row, text) in table.textColumn(timeColumn).enumerated() {
            switch TimestampFormat.parse(text) {
            case .success(let timestamp):
                timestamps.append(timestamp)
            case .failure(let error):
                throw CommandFailure.data("\(path):\(table.lines[row]):\(timeColumn + 1): '\(text)': \(error.message)")
            }
        }
        let labels: NABLabels
        do {
            let ranges = try NABLabels.rowRanges(of: windows, timestamps: timestamps)
            labels = try NABLabels(rowCount: timestamps.count, windows: ranges)
        } catch {
            let window = windows[error.window]
            let ends = "\(TimestampFormat.iso8601(window.start)) to \(TimestampFormat.iso8601(window.end))"
            throw CommandFailure.data("\(labelsPath): '\(name)' \(error.message) (\(ends))")
        }
        return File(name: name, timestamps: timestamps, values: values, labels: labels)
    }
}
