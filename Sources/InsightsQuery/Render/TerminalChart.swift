/// Line charts for a terminal, drawn in Unicode braille with labelled axes.
///
/// Layout, top to bottom: the title and legend (when there are 8 rows or more), the plot rows
/// with the value labels and a `┤`/`│` axis on their left, the time axis `└──┬──`, and the
/// time labels. Inside the plot, history series are solid braille lines, the forecast mean a dotted
/// one, the widest forecast band a `░` shade behind them, anomalies `●`, markers a `┊` column and
/// thresholds a `┄` row behind everything else.
///
/// The other kinds of `Chart` are drawn in `TerminalChart+Panels.swift` (stacked charts on one
/// time axis), `TerminalChart+Bars.swift` (horizontal block bars) and
/// `TerminalChart+Heatmap.swift` (a grid of percentages or shades).
public enum TerminalChart {
    /// Draws `chart`, of any kind, in `width` × `height` character cells.
    ///
    /// - Parameters:
    ///   - chart: What to draw.
    ///   - width: Columns in total, labels and axes included.
    ///   - height: Lines in total; at most this many are drawn.
    ///   - color: Whether to colour with ANSI SGR escapes.
    /// - Returns: At most `height` lines of at most `width` columns each, joined by "\n"
    ///   without a final newline.
    public static func render(_ chart: Chart, width: Int, height: Int, color: Bool) -> String {
        switch chart {
        case .series(let data): render(data, width: width, height: height, color: color)
        case .panels(let data): renderPanels(data, width: width, height: height, color: color)
        case .bars(let data): renderBars(data, width: width, height: height, color: color)
        case .heatmap(let data): renderHeatmap(data, width: width, height: height, color: color)
        }
    }

    /// The number of lines `chart` reads well in: 16 for one series, 7 per panel, a line per bar
    /// or heatmap row plus the headings, never more than `limit`.
    public static func preferredHeight(_ chart: Chart, limit: Int = 48) -> Int {
        let lines = switch chart {
        case .series: 16
        case .panels(let data): 3 + 7 * max(1, data.panels.count)
        case .bars(let data): 1 + max(1, data.categories.count * max(1, data.groups.count))
        case .heatmap(let data): 2 + max(1, data.rows.count)
        }
        return min(lines, max(1, limit))
    }

    /// Draws `data` in `width` × `height` character cells.
    ///
    /// Sizes too small for axes and a plot of at least 4 × 2 cells degrade to a one-line
    /// sparkline of the history, `width` cells wide; a width or height below 1 draws nothing.
    ///
    /// - Parameters:
    ///   - data: What to draw.
    ///   - width: Columns in total, labels and axes included.
    ///   - height: Lines in total, title and axes included.
    ///   - color: Whether to colour with ANSI SGR escapes (the caller decides from the terminal
    ///     and `NO_COLOR`); without colour the output is plain text.
    /// - Returns: At most `height` lines of at most `width` columns each, joined by "\n"
    ///   without a final newline.
    public static func render(_ data: ChartData, width: Int, height: Int, color: Bool) -> String {
        guard width >= 1, height >= 1 else { return "" }
        let palette = Palette(enabled: color)
        let header = height >= 8 ? headerLine(data, width: width, palette: palette) : nil
        let titleRows = header == nil ? 0 : 1
        let plotRows = height - titleRows - 2
        guard plotRows >= 2 else { return sparkline(data, width: width, color: color) }
        let scales = ChartScales(data, maxValueTicks: min(5, max(2, (plotRows + 1) / 2)))
        let labelWidth = scales.valueLabels.map(\.unicodeScalars.count).max() ?? 0
        let plotColumns = width - labelWidth - 1
        guard plotColumns >= 4 else { return sparkline(data, width: width, color: color) }

        var plot = Plot(data: data, scales: scales, columns: plotColumns, rows: plotRows)
        plot.draw()
        var lines: [String] = []
        if let header { lines.append(header) }
        lines += plot.rows(labels: scales.valueLabels, labelWidth: labelWidth, palette: palette)
        lines += timeAxis(scales: scales, plot: plot, labelWidth: labelWidth, palette: palette)
        return lines.joined(separator: "\n")
    }

    /// The fallback for sizes without room for axes: the history as a sparkline.
    private static func sparkline(_ data: ChartData, width: Int, color: Bool) -> String {
        let line = Sparkline.render(data.history?.values ?? [], width: width)
        return line.isEmpty ? line : Palette(enabled: color).paint(line, .series(0))
    }

    /// The `└──┬──` line under the plot and the time labels centred under each `┬`; a label
    /// that would touch its left neighbour is left out.
    static func timeAxis(scales: ChartScales, plot: Plot, labelWidth: Int, palette: Palette) -> [String] {
        let columns = plot.canvasColumns
        let ticks = scales.timeTicks { format in (columns + 1) / (format.width + 2) }
        var axis = Array(repeating: Character("─"), count: columns)
        var labels = Array(repeating: Character(" "), count: columns)
        var nextFree = 0
        for (time, label) in zip(ticks?.times ?? [], ticks?.labels ?? []) {
            let column = plot.column(of: time)
            guard column >= 0, column < columns else { continue }
            axis[column] = "┬"
            let text = Array(label)
            let start = min(max(column - text.count / 2, 0), columns - text.count)
            guard start >= nextFree, start >= 0 else { continue }
            labels.replaceSubrange(start..<start + text.count, with: text)
            nextFree = start + text.count + 1
        }
        let indent = String(repeating: " ", count: labelWidth)
        var labelLine = indent + " " + String(labels)
        while labelLine.last == " " { labelLine.removeLast() }
        return [indent + palette.paint("└" + String(axis), .axis), labelLine]
    }
}

extension TerminalChart {
    /// The plot area: one braille canvas per series and one for the forecast mean, the cells
    /// under the widest band, and the anomaly cells.
    struct Plot {
        let data: ChartData
        let scales: ChartScales
        let canvasColumns: Int
        let canvasRows: Int
        private(set) var seriesCanvases: [BrailleCanvas] = []
        private(set) var forecastCanvas: BrailleCanvas
        private(set) var shaded: [Bool]
        private(set) var anomalous: [Bool]
        /// Per column, whether a marker falls in it.
        private(set) var marked: [Bool]
        /// Per row, whether a threshold falls in it.
        private(set) var thresholdRows: [Bool]

        init(data: ChartData, scales: ChartScales, columns: Int, rows: Int) {
            self.data = data
            self.scales = scales
            canvasColumns = columns
            canvasRows = rows
            forecastCanvas = BrailleCanvas(columns: columns, rows: rows)
            shaded = Array(repeating: false, count: columns * rows)
            anomalous = shaded
            marked = Array(repeating: false, count: columns)
            thresholdRows = Array(repeating: false, count: rows)
        }

        /// The pixel column of a time: 0 at the span's start, the last pixel at its end.
        func pixelX(_ timestamp: Int64) -> Int {
            Self.pixel(scales.x(timestamp), count: 2 * canvasColumns)
        }

        /// The pixel row of a value: 0 at the highest tick, the bottom pixel at the lowest.
        func pixelY(_ value: Double) -> Int {
            Self.pixel(1 - scales.y(value), count: 4 * canvasRows)
        }

        func column(of timestamp: Int64) -> Int { pixelX(timestamp) / 2 }

        /// The nearest of `count` pixels to a fraction of the way across, clamped to the
        /// canvas so that rounding never falls off an edge.
        private static func pixel(_ fraction: Double, count: Int) -> Int {
            guard fraction.isFinite else { return count / 2 }
            let scaled = (min(max(fraction, 0), 1) * Double(count - 1)).rounded()
            return Int(scaled)
        }

        mutating func draw() {
            for series in data.series {
                var canvas = BrailleCanvas(columns: canvasColumns, rows: canvasRows)
                canvas.polyline(zip(series.timestamps, series.values).map { time, value in
                    value.isFinite ? (pixelX(time), pixelY(value)) : nil
                })
                seriesCanvases.append(canvas)
            }
            if let forecast = data.forecast {
                forecastCanvas.polyline(zip(forecast.timestamps, forecast.mean).map { time, value in
                    value.isFinite ? (pixelX(time), pixelY(value)) : nil
                }, dotted: true)
                if let band = forecast.widestBand { shade(band, at: forecast.timestamps) }
            }
            for marker in data.markers {
                marked[column(of: marker.timestamp)] = true
            }
            for threshold in data.thresholds where threshold.value.isFinite {
                thresholdRows[pixelY(threshold.value) / 4] = true
            }
            for point in data.anomalyPoints {
                let row = point.value.map { pixelY($0) / 4 } ?? canvasRows / 2
                anomalous[row * canvasColumns + column(of: point.timestamp)] = true
            }
        }

        /// Marks the cells between the band's bounds, interpolating the bounds linearly across
        /// every pixel column between two forecast steps where both steps are finite.
        private mutating func shade(_ band: ChartData.Band, at timestamps: [Int64]) {
            func fill(x: Int, lower: Double, upper: Double) {
                let top = pixelY(upper) / 4
                let bottom = pixelY(lower) / 4
                for row in min(top, bottom)...max(top, bottom) {
                    shaded[row * canvasColumns + x / 2] = true
                }
            }
            let finite = { (index: Int) in band.lower[index].isFinite && band.upper[index].isFinite }
            for index in timestamps.indices where finite(index) {
                let x0 = pixelX(timestamps[index])
                fill(x: x0, lower: band.lower[index], upper: band.upper[index])
                let next = index + 1
                guard next < timestamps.count, finite(next) else { continue }
                let x1 = pixelX(timestamps[next])
                guard x1 > x0 + 1 else { continue }
                for x in x0 + 1..<x1 {
                    let t = Double(x - x0) / Double(x1 - x0)
                    fill(x: x,
                         lower: band.lower[index] + t * (band.lower[next] - band.lower[index]),
                         upper: band.upper[index] + t * (band.upper[next] - band.upper[index]))
                }
            }
        }

        /// The plot lines with their value labels and the axis, one per canvas row.
        func rows(labels: [String], labelWidth: Int, palette: Palette) -> [String] {
            var labelAtRow: [Int: String] = [:]
            for (value, label) in zip(scales.valueTicks.values, labels) {
                labelAtRow[pixelY(value) / 4] = label
            }
            return (0..<canvasRows).map { row in
                let label = labelAtRow[row] ?? ""
                let padding = String(repeating: " ", count: labelWidth - label.unicodeScalars.count)
                var line = padding + palette.paint(label + (labelAtRow[row] == nil ? "│" : "┤"), .axis)
                if scales.isEmpty && row == canvasRows / 2 {
                    // Nothing has a time: say so mid-plot rather than leave a blank frame.
                    let message = String("no data".prefix(canvasColumns))
                    let left = (canvasColumns - message.count) / 2
                    return line + String(repeating: " ", count: left) + message
                        + String(repeating: " ", count: canvasColumns - left - message.count)
                }
                var run = ""
                var runRole: Palette.Role?
                for column in 0..<canvasColumns {
                    let (character, role) = cell(column: column, row: row)
                    if role != runRole {
                        line += palette.paint(run, runRole)
                        run = ""
                        runRole = role
                    }
                    run.append(character)
                }
                line += palette.paint(run, runRole)
                return line
            }
        }

        /// What one cell shows, in order of precedence: an anomaly, the dots of the series and
        /// the forecast (coloured as the first of them with a dot there), the band, a threshold,
        /// a marker, nothing.
        private func cell(column: Int, row: Int) -> (Character, Palette.Role?) {
            let index = row * canvasColumns + column
            if anomalous[index] { return ("●", .anomaly) }
            var bits: UInt8 = 0
            var role: Palette.Role?
            for (number, canvas) in seriesCanvases.enumerated() {
                let cellBits = canvas.bits(column: column, row: row)
                if cellBits != 0 && role == nil { role = .series(number) }
                bits |= cellBits
            }
            let forecastBits = forecastCanvas.bits(column: column, row: row)
            if forecastBits != 0 && role == nil { role = .forecast }
            bits |= forecastBits
            if bits != 0 { return (BrailleCanvas.character(bits), role) }
            if shaded[index] { return ("░", .band) }
            if thresholdRows[row] { return ("┄", .threshold) }
            if marked[column] { return ("┊", .marker) }
            return (" ", nil)
        }
    }

    /// ANSI SGR colours for each element, or none at all.
    struct Palette {
        enum Role: Equatable {
            case title, axis, band, forecast, anomaly, marker, threshold
            case series(Int)
        }

        let enabled: Bool

        /// `text` in the colour of `role`, reset after; unchanged without colour or role.
        func paint(_ text: String, _ role: Role?) -> String {
            guard enabled, let role, !text.isEmpty else { return text }
            return "\u{1B}[" + code(role) + "m" + text + "\u{1B}[0m"
        }

        private func code(_ role: Role) -> String {
            switch role {
            case .title: "1"
            case .axis: "2"
            case .band: "90"
            case .forecast: "33"
            case .anomaly: "1;31"
            case .marker: "2"
            case .threshold: "31"
            case .series(let number): ["36", "35", "32", "34"][number % 4]
            }
        }
    }
}
