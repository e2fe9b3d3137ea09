extension SVGChart {
    static let heatColor = "#1f77b4"

    /// A grid of cells, rows top to bottom under the column labels: each observed cell a
    /// `<rect class="cell">` with `data-value` holding its rate and a fill whose opacity is its
    /// shade (`HeatmapData.shade`, relative to the largest rate after period 0; at least a faint
    /// 0.04, so a 0% cell still reads as observed), its percentage
    /// written in it as a `cell-label` when the cell is large enough; cells with a NaN rate
    /// (periods not yet observed) are left blank. Row labels with sizes are `y` ticks on the
    /// left, column labels `x` ticks above the grid.
    static func renderHeatmap(_ data: HeatmapData, width: Int, height: Int) -> String {
        let headings = data.rows.map(\.heading)
        let left = Double(headings.map(\.unicodeScalars.count).max() ?? 0) * characterWidth + 14
        let right = max(left + 1, Double(width) - 16)
        // Title, then the column title and the column labels above the grid.
        let top = (data.title.isEmpty ? 8.0 : 34.0) + (data.columnTitle.isEmpty ? 18 : 34)
        let bottom = max(top + 1, Double(height) - 12)
        let cellWidth = (right - left) / Double(max(1, data.columns.count))
        let cellHeight = (bottom - top) / Double(max(1, data.rows.count))
        let widestLabel = Double("100%".count) * characterWidth + 4
        let writesPercent = cellWidth >= widestLabel && cellHeight >= 14
        let scale = data.shadeScale
        return document(width: width, height: height, title: data.title) { svg in
            for (row, entry) in data.rows.enumerated() {
                let y = top + Double(row) * cellHeight
                for (column, rate) in entry.values.enumerated() where rate.isFinite {
                    let x = left + Double(column) * cellWidth
                    let opacity = max(HeatmapData.shade(rate, scale: scale), 0.04)
                    svg.element("rect", [("class", "cell"), ("data-row", entry.label), ("data-column", data.columns[column]),
                                         ("data-value", FixedDecimal.shortest(rate)),
                                         ("x", SVGDocument.number(x + 1)), ("y", SVGDocument.number(y + 1)),
                                         ("width", SVGDocument.number(max(0, cellWidth - 2))),
                                         ("height", SVGDocument.number(max(0, cellHeight - 2))),
                                         ("fill", heatColor), ("fill-opacity", FixedDecimal.format(opacity, decimals: 3))])
                    guard writesPercent else { continue }
                    svg.element("text", [("class", "cell-label"), ("x", SVGDocument.number(x + cellWidth / 2)),
                                         ("y", SVGDocument.number(y + cellHeight / 2 + 4)), ("text-anchor", "middle"),
                                         ("fill", opacity > 0.5 ? "#ffffff" : "#000000")],
                                content: HeatmapData.percent(rate))
                }
                svg.element("text", [("class", "tick"), ("data-axis", "y"), ("x", SVGDocument.number(left - 7)),
                                     ("y", SVGDocument.number(y + cellHeight / 2 + 4)), ("text-anchor", "end"),
                                     ("fill", axisColor)], content: headings[row])
            }
            for (column, label) in data.columns.enumerated() {
                svg.element("text", [("class", "tick"), ("data-axis", "x"),
                                     ("x", SVGDocument.number(left + (Double(column) + 0.5) * cellWidth)),
                                     ("y", SVGDocument.number(top - 6)), ("text-anchor", "middle"),
                                     ("fill", axisColor)], content: label)
            }
            if !data.columnTitle.isEmpty {
                svg.element("text", [("class", "axis-label"), ("data-axis", "x"),
                                     ("x", SVGDocument.number((left + right) / 2)), ("y", SVGDocument.number(top - 22)),
                                     ("text-anchor", "middle"), ("fill", axisColor)], content: data.columnTitle)
            }
            drawTitle(data.title, x: left, &svg)
        }
    }
}
