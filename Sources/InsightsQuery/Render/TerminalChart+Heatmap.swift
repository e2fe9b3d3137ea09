extension TerminalChart {
    /// The heatmap as a table: the title, a heading line with the column title and labels,
    /// then one line per row with its label and size and each rate as a percentage (5 columns
    /// a cell). When percentages do not fit the width each cell is two shade characters
    /// (`░▒▓█` by quarter of the shade, `HeatmapData.shade`) instead. Unobserved cells are blank. Rows that do not fit
    /// the height are summed up in a last line.
    static func renderHeatmap(_ data: HeatmapData, width: Int, height: Int, color: Bool) -> String {
        guard width >= 1, height >= 1 else { return "" }
        let palette = Palette(enabled: color)
        var lines: [String] = []
        if !data.title.isEmpty && height >= 3 {
            lines.append(palette.paint(String(data.title.unicodeScalars.prefix(width)), .title))
        }
        let headings = data.rows.map(\.heading)
        // Labels get what shaded cells leave, and at least half the width, if they need it.
        let labelWidth = min(max(headings.map(\.unicodeScalars.count).max() ?? 0, data.columnTitle.unicodeScalars.count),
                             max(width / 2, width - 2 * data.columns.count))
        let room = width - labelWidth
        let cellWidth = room >= 5 * data.columns.count ? 5 : 2
        let shown = max(0, room / cellWidth)
        func pad(_ text: String, _ width: Int, right: Bool) -> String {
            let cut = String(text.unicodeScalars.prefix(width))
            let padding = String(repeating: " ", count: width - cut.unicodeScalars.count)
            return right ? padding + cut : cut + padding
        }
        var heading = pad(data.columnTitle, labelWidth, right: false)
        for label in data.columns.prefix(shown) { heading += pad(label, cellWidth, right: true) }
        lines.append(palette.paint(heading, .axis))
        let available = height - lines.count
        let fits = data.rows.count <= available ? data.rows.count : max(0, available - 1)
        let scale = data.shadeScale
        for (row, entry) in data.rows.prefix(fits).enumerated() {
            var line = pad(headings[row], labelWidth, right: false)
            for rate in entry.values.prefix(shown) {
                guard rate.isFinite else {
                    line += String(repeating: " ", count: cellWidth)
                    continue
                }
                let text = cellWidth == 5
                    ? pad(HeatmapData.percent(rate), 5, right: true)
                    : String(repeating: ["░", "▒", "▓", "█"][min(3, max(0, Int(HeatmapData.shade(rate, scale: scale) * 4)))], count: 2)
                line += palette.paint(text, .series(0))
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        if fits < data.rows.count && available >= 1 {
            lines.append(String("… \(data.rows.count - fits) more rows".prefix(width)))
        }
        return lines.prefix(height).joined(separator: "\n")
    }
}
