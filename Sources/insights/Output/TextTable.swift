/// Plain aligned text tables for catalog listings.
enum TextTable {
    /// Left-aligns text columns and right-aligns columns whose cells (after the header)
    /// are all numbers; two spaces between columns.
    static func render(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let columns = header.count
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns { widths[index] = max(widths[index], cell.count) }
        }
        let numeric = (0..<columns).map { index in
            rows.count > 1 && rows.dropFirst().allSatisfy { Double($0[index]) != nil }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return numeric[index] ? padding + cell : cell + (index == columns - 1 ? "" : padding)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
