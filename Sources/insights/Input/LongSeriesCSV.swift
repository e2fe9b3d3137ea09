import Foundation
import InsightsAnalysis
import InsightsStorage

/// Series in the long CSV shape `unique_id,ds,y` (statsforecast's input): one row per
/// observation, `ds` either timestamps or integer step numbers.
struct LongSeriesCSV {
    /// One series, on an even grid, oldest first.
    struct Series {
        let id: String
        /// The values; gaps on the grid are filled by linear interpolation.
        let values: [Double]
        /// The first timestamp and the step (nanoseconds), or nil when `ds` holds step numbers.
        let start: Timestamp?
        let step: Int64?
    }

    let series: [Series]

    /// Reads and groups the rows by `unique_id` (in order of first appearance), sorted by `ds`.
    /// - Throws: `CommandFailure` 64 for an unreadable file, 65 for missing columns or bad cells.
    init(path: String) throws {
        let table: CSVTable
        do { table = try CSVTable(contentsOf: path) } catch {
            throw error.isUnreadable ? CommandFailure.usage(error.description) : CommandFailure.data(error.description)
        }
        guard let idColumn = table.columnIndex("unique_id"), let dsColumn = table.columnIndex("ds"),
              let yColumn = table.columnIndex("y") else {
            throw CommandFailure.data("\(path): the header must name the columns unique_id, ds and y (found \(table.header.joined(separator: ",")))")
        }
        let ids = table.textColumn(idColumn)
        let stamps = table.textColumn(dsColumn)
        let values: [Double]
        do { values = try table.numericColumn(yColumn) } catch { throw CommandFailure.data(error.description) }
        let integers = stamps.map { Int($0.trimmingCharacters(in: .whitespaces)) }
        let isInteger = integers.allSatisfy { $0 != nil }
        var positions: [Int64] = []
        if isInteger {
            positions = integers.map { Int64($0!) }
        } else {
            for (row, text) in stamps.enumerated() {
                switch TimestampFormat.parse(text.trimmingCharacters(in: .whitespaces)) {
                case .success(let value): positions.append(value)
                case .failure(let error):
                    throw CommandFailure.data("\(path):\(table.lines[row]): ds '\(text)': \(error.message)")
                }
            }
        }
        var order: [String] = []
        var rows: [String: [Int]] = [:]
        for (row, id) in ids.enumerated() {
            if rows[id] == nil { order.append(id) }
            rows[id, default: []].append(row)
        }
        series = try order.map { id in
            let sorted = rows[id]!.sorted { positions[$0] < positions[$1] }
            let times = sorted.map { positions[$0] }
            let diffs = zip(times.dropFirst(), times).map { $0 - $1 }.filter { $0 > 0 }.sorted()
            let step = diffs.isEmpty ? 1 : diffs[diffs.count / 2]
            guard let first = times.first, let last = times.last else { throw CommandFailure.data("series '\(id)' is empty") }
            let count = Int((last - first) / step) + 1
            guard count <= 4 * sorted.count + 16 else {
                throw CommandFailure.data("series '\(id)': ds values are too irregular to place on a grid of step \(step)")
            }
            var grid = [Double](repeating: .nan, count: count)
            for row in sorted { grid[Int(((positions[row] - first) + step / 2) / step)] = values[row] }
            return Series(id: id, values: MissingValues.interpolated(grid),
                          start: isInteger ? nil : first, step: isInteger ? nil : step)
        }
    }
}
