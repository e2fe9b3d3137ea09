extension TerminalChart {
    /// Panels one above another on one time axis: the title, then for each panel its label
    /// line (with a legend when it has several lines) and its braille plot with its own value
    /// labels, and the time axis once under the bottom panel. The value labels of all panels
    /// share one width so that the plots line up.
    ///
    /// When the height leaves a panel fewer than 2 plot rows, or the width fewer than 4 plot
    /// columns, each panel becomes one line: its label and a sparkline.
    static func renderPanels(_ data: PanelChartData, width: Int, height: Int, color: Bool) -> String {
        guard width >= 1, height >= 1 else { return "" }
        let palette = Palette(enabled: color)
        var lines: [String] = []
        if !data.title.isEmpty { lines.append(palette.paint(String(data.title.unicodeScalars.prefix(width)), .title)) }
        let count = data.panels.count
        guard count > 0 else { return lines.prefix(height).joined(separator: "\n") }
        let plotRows = (height - lines.count - 2) / count - 1
        let span = ChartScales.timeSpan(of: data.panels)
        let scales = data.panels.map { ChartScales($0, maxValueTicks: min(5, max(2, (plotRows + 1) / 2)), timeSpan: span) }
        let labelWidth = scales.flatMap(\.valueLabels).map(\.unicodeScalars.count).max() ?? 0
        let plotColumns = width - labelWidth - 1
        guard plotRows >= 2, plotColumns >= 4 else {
            return (lines + sparklines(data.panels, width: width, palette: palette)).prefix(height).joined(separator: "\n")
        }
        var plot: Plot?
        for (panel, scale) in zip(data.panels, scales) {
            var drawn = Plot(data: panel, scales: scale, columns: plotColumns, rows: plotRows)
            drawn.draw()
            lines.append(headerLine(panel, width: width, palette: palette) ?? "")
            lines += drawn.rows(labels: scale.valueLabels, labelWidth: labelWidth, palette: palette)
            plot = drawn
        }
        if let plot, let last = scales.last {
            lines += timeAxis(scales: last, plot: plot, labelWidth: labelWidth, palette: palette)
        }
        return lines.joined(separator: "\n")
    }

    /// One line per panel: its label, cut to a third of the width, and a sparkline of its
    /// first series in the rest.
    private static func sparklines(_ panels: [ChartData], width: Int, palette: Palette) -> [String] {
        let labelWidth = min(panels.map(\.title.unicodeScalars.count).max() ?? 0, width / 3)
        return panels.map { panel in
            let label = String(panel.title.unicodeScalars.prefix(labelWidth))
            let padding = String(repeating: " ", count: labelWidth - label.unicodeScalars.count)
            let room = width - labelWidth - (labelWidth > 0 ? 1 : 0)
            let line = room > 0 ? Sparkline.render(panel.history?.values ?? [], width: room) : ""
            return label + padding + (labelWidth > 0 && !line.isEmpty ? " " : "") + palette.paint(line, .series(0))
        }
    }
}
