extension TerminalChart {
    /// Horizontal bars, one line each: the category (and the group, with a breakdown), a `│`,
    /// the bar in eighth blocks proportional to its value, then the value and its share of the
    /// group's first. The title comes first when there is a line for it.
    static func renderBars(_ data: BarChartData, width: Int, height: Int, color: Bool) -> String {
        guard width >= 1, height >= 1 else { return "" }
        let palette = Palette(enabled: color)
        var entries: [(label: String, value: Double, note: String, group: Int)] = []
        var shares: [String?] = []
        for (category, name) in data.categories.enumerated() {
            for (number, group) in data.groups.enumerated() {
                let value = group.values[category]
                let label = data.groups.count > 1 ? name + " · " + (group.name.isEmpty ? "all" : group.name) : name
                entries.append((label, value, value.isFinite ? BarChartData.valueLabel(value) : "-", number))
                shares.append(data.share(value, in: group))
            }
        }
        // Values right-aligned in one column, shares in the next.
        let valueWidth = entries.map(\.note.count).max() ?? 0
        let shareWidth = shares.map { $0?.count ?? 0 }.max() ?? 0
        for index in entries.indices {
            var note = String(repeating: " ", count: valueWidth - entries[index].note.count) + entries[index].note
            if shareWidth > 0 {
                let share = shares[index] ?? ""
                note += " " + String(repeating: " ", count: shareWidth - share.count) + share
            }
            entries[index].note = note
        }
        var lines: [String] = []
        if !data.title.isEmpty && height > entries.count {
            lines.append(palette.paint(String(data.title.unicodeScalars.prefix(width)), .title))
        }
        let labelWidth = min(entries.map(\.label.unicodeScalars.count).max() ?? 0, width / 3)
        let noteWidth = entries.map(\.note.unicodeScalars.count).max() ?? 0
        let barColumns = width - labelWidth - 2 - noteWidth - 1
        let largest = data.maximum
        for entry in entries.prefix(height - lines.count) {
            let label = String(entry.label.unicodeScalars.prefix(labelWidth))
            var line = label + String(repeating: " ", count: labelWidth - label.unicodeScalars.count)
            guard barColumns >= 1 else {
                // No room for bars: the label and as much of the value as fits.
                let rest = String(("│ " + entry.note).prefix(max(0, width - labelWidth)))
                lines.append(line + palette.paint(String(rest.prefix(1)), .axis) + String(rest.dropFirst()))
                continue
            }
            line += palette.paint("│", .axis)
            let bar = entry.value.isFinite && largest > 0 ? blocks(max(entry.value, 0) / largest, columns: barColumns) : ""
            line += palette.paint(bar, .series(entry.group))
            line += String(repeating: " ", count: barColumns - bar.count) + " " + entry.note
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// A bar of `fraction` × `columns` cells in full blocks and one partial eighth block.
    static func blocks(_ fraction: Double, columns: Int) -> String {
        let eighths = Int((min(max(fraction, 0), 1) * Double(8 * columns)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        return String(repeating: "█", count: eighths / 8) + partial
    }
}
