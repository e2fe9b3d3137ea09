extension TerminalChart {
    /// The line above the plot: the title, then a legend when there is more than one history
    /// line to tell apart, if both fit; else the title alone, cut to the width. Nil when there
    /// is neither a title nor a legend.
    static func headerLine(_ data: ChartData, width: Int, palette: Palette) -> String? {
        let entries = legendEntries(data)
        let title = data.title
        let legendWidth = entries.reduce(0) { $0 + $1.swatch.unicodeScalars.count + 1 + $1.text.unicodeScalars.count }
            + 2 * max(0, entries.count - 1)
        let separator = title.isEmpty ? 0 : 2
        if entries.count > 1 && title.unicodeScalars.count + separator + legendWidth <= width {
            let legend = entries.map { palette.paint($0.swatch, $0.role) + " " + $0.text }.joined(separator: "  ")
            return (title.isEmpty ? "" : palette.paint(title, .title) + "  ") + legend
        }
        guard !title.isEmpty else { return nil }
        return palette.paint(String(title.unicodeScalars.prefix(width)), .title)
    }

    /// One entry per series (`─`), the forecast mean (`┈`), the shaded band (`░` and its
    /// level), the anomalies (`●`), the markers (`┊`) and each threshold (`┄` and its label), in
    /// the colours the plot uses.
    private static func legendEntries(_ data: ChartData) -> [(swatch: String, role: Palette.Role, text: String)] {
        var entries: [(swatch: String, role: Palette.Role, text: String)] = []
        for (number, name) in data.legendNames.enumerated() {
            entries.append(("─", .series(number), name))
        }
        if let forecast = data.forecast {
            entries.append(("┈", .forecast, "forecast"))
            if let band = forecast.widestBand { entries.append(("░", .band, band.label)) }
        }
        if !data.anomalies.isEmpty { entries.append(("●", .anomaly, "anomaly")) }
        if !data.markers.isEmpty { entries.append(("┊", .marker, data.markers.count == 1 ? "marker" : "markers")) }
        for threshold in data.thresholds {
            entries.append(("┄", .threshold, threshold.label.isEmpty ? FixedDecimal.shortest(threshold.value) : threshold.label))
        }
        return entries
    }
}
