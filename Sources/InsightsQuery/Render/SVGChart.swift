/// Standalone SVG documents of a chart, for files and notebooks.
///
/// The document has no scripts, styles or external references; colours are presentation
/// attributes. Elements carry stable classes: `history` (one `<path>` per series, one `M` or
/// `L` command per finite observation, a new `M` after each gap), `forecast` (the mean),
/// `band` (one closed `<path>` per band, widest first, a subpath per run of finite bounds),
/// `anomaly` (one `<circle>` per anomaly), `axis` (the two axis lines), `tick` (tick marks and
/// their `<text>` labels, with `data-axis` "x" or "y"), `point` (a dot for an observation
/// between two gaps, which a path alone would not show), `marker` (one vertical `<line>` per
/// marker with a `<title>` tooltip), `threshold` (one horizontal `<line>` per threshold, its
/// `<text>` labelled `threshold-label`), `grid`, `title` and `legend`.
///
/// The other kinds of `Chart` keep these classes and add their own: panels are `<g class="panel">`
/// groups of the elements above, each labelled by a `panel-label` text; bars are
/// `<rect class="bar">` with `data-value` (and `data-share` for a share of the first), labelled by
/// `bar-label` texts; a heatmap's cells are `<rect class="cell">` with `data-value` holding the
/// rate, and `cell-label` texts with the percentage.
public enum SVGChart {
    /// Draws `chart`, of any kind, as an SVG document `width` user units wide.
    ///
    /// The output depends only on the arguments: the same input gives byte-identical text.
    ///
    /// - Parameters:
    ///   - chart: What to draw.
    ///   - width: Document width; values below 1 are raised to 1.
    ///   - height: Document height; nil for the kind's own (300 for one series, more for
    ///     several panels or many heatmap rows); values below 1 are raised to 1.
    /// - Returns: The document, starting with the XML declaration and ending with a newline.
    public static func render(_ chart: Chart, width: Int = 800, height: Int? = nil) -> String {
        let width = max(1, width)
        switch chart {
        case .series(let data):
            return render(data, width: width, height: height ?? 300)
        case .panels(let data):
            return renderPanels(data, width: width, height: max(1, height ?? 70 + 130 * max(1, data.panels.count)))
        case .bars(let data):
            return renderBars(data, width: width, height: max(1, height ?? 300))
        case .heatmap(let data):
            return renderHeatmap(data, width: width, height: max(1, height ?? max(200, 90 + 24 * data.rows.count)))
        }
    }

    /// The `<svg>` element with its background and `title`, around what `body` draws.
    static func document(width: Int, height: Int, title: String, body: (inout SVGDocument) -> Void) -> String {
        var svg = SVGDocument()
        svg.raw(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        let size = [("width", String(width)), ("height", String(height))]
        svg.group("svg", [("xmlns", "http://www.w3.org/2000/svg")] + size
                  + [("viewBox", "0 0 \(width) \(height)"),
                     ("font-family", "sans-serif"), ("font-size", "11")]) { svg in
            if !title.isEmpty { svg.element("title", [], content: title) }
            svg.element("rect", [("class", "background"), ("x", "0"), ("y", "0")] + size
                        + [("fill", "white")])
            body(&svg)
        }
        return svg.text
    }

    /// The chart's title at the top left, bold, or nothing for an empty one.
    static func drawTitle(_ title: String, x: Double, _ svg: inout SVGDocument) {
        guard !title.isEmpty else { return }
        svg.element("text", [("class", "title"), ("x", SVGDocument.number(x)), ("y", "20"),
                             ("font-size", "13"), ("font-weight", "bold"), ("fill", "#000000")],
                    content: title)
    }

    /// Draws `data` as an SVG document of `width` × `height` user units.
    ///
    /// The output depends only on the arguments: the same input gives byte-identical text.
    ///
    /// - Parameters:
    ///   - data: What to draw.
    ///   - width: Document width; values below 1 are raised to 1.
    ///   - height: Document height; values below 1 are raised to 1.
    /// - Returns: The document, starting with the XML declaration and ending with a newline.
    public static func render(_ data: ChartData, width: Int = 800, height: Int = 300) -> String {
        let frame = Frame(data: data, width: max(1, width), height: max(1, height))
        return document(width: frame.width, height: frame.height, title: data.title) { svg in
            frame.drawPlot(&svg)
            frame.drawAxes(&svg)
            frame.drawHeader(&svg)
        }
    }
}

extension SVGChart {
    static let seriesColors = ["#1f77b4", "#9467bd", "#2ca02c", "#8c564b"]
    static let forecastColor = "#ff7f0e"
    static let anomalyColor = "#d62728"
    static let axisColor = "#333333"
    static let markerColor = "#7f7f7f"
    static let thresholdColor = "#d62728"
    static let bandOpacity = 0.18
    /// Average advance of a character at font size 11, for laying out labels.
    static let characterWidth = 7.0
    /// Average advance of a character of the title (bold, font size 13).
    static let titleCharacterWidth = 8.0

    /// The plot rectangle inside the document and the scales that map data into it.
    struct Frame {
        let data: ChartData
        let width: Int
        let height: Int
        let scales: ChartScales
        let left: Double
        let right: Double
        let top: Double
        let bottom: Double

        /// Whether the time ticks are labelled (panels label only the bottom one's).
        var labelsTime = true

        /// The legend's entries where they are drawn (none for a panel).
        var legend: [LegendItem] = []

        /// A frame with the legend above the plot: the plot starts lower when the legend takes
        /// rows of its own under the title.
        init(data: ChartData, width: Int, height: Int) {
            var top = 34.0
            var bottom = max(top + 1, Double(height) - 36)
            var scales = Self.scales(data, top: top, bottom: bottom, timeSpan: nil)
            var left = Self.leftMargin(scales)
            let legend = Self.layOutLegend(data, left: left, right: max(left + 1, Double(width) - 16))
            if legend.lowestBaseline > 20 {
                top = legend.lowestBaseline + 14
                bottom = max(top + 1, Double(height) - 36)
                scales = Self.scales(data, top: top, bottom: bottom, timeSpan: nil)
                left = Self.leftMargin(scales)
            }
            self.init(data: data, width: width, height: height, scales: scales, left: left, top: top, bottom: bottom)
            self.legend = legend.items
        }

        init(data: ChartData, width: Int, height: Int, scales: ChartScales, left: Double, top: Double, bottom: Double) {
            self.data = data
            self.width = width
            self.height = height
            self.scales = scales
            self.left = left
            self.top = top
            self.bottom = bottom
            right = max(left + 1, Double(width) - 16)
        }

        /// Scales with as many value ticks as fit between `top` and `bottom` (one per 30 units,
        /// 2 to 5).
        static func scales(_ data: ChartData, top: Double, bottom: Double,
                           timeSpan: (start: Int64, end: Int64)?) -> ChartScales {
            ChartScales(data, maxValueTicks: min(5, max(2, Int((bottom - top) / 30))), timeSpan: timeSpan)
        }

        /// Room for the longest value label left of the axis.
        static func leftMargin(_ scales: ChartScales) -> Double {
            let labelWidth = Double(scales.valueLabels.map(\.unicodeScalars.count).max() ?? 0)
            return labelWidth * SVGChart.characterWidth + 14
        }

        /// Everything inside the plot rectangle, back to front.
        func drawPlot(_ svg: inout SVGDocument) {
            drawGrid(&svg)
            drawBands(&svg)
            drawThresholds(&svg)
            drawMarkers(&svg)
            drawSeries(&svg)
            drawForecast(&svg)
            drawAnomalies(&svg)
        }

        func x(_ timestamp: Int64) -> Double { left + scales.x(timestamp) * (right - left) }
        func y(_ value: Double) -> Double { bottom - scales.y(value) * (bottom - top) }

        /// Path data through the finite points: `M` opens each run, `L` continues it.
        func pathData(_ timestamps: [Int64], _ values: [Double]) -> String {
            var commands: [String] = []
            var open = false
            for (time, value) in zip(timestamps, values) {
                guard value.isFinite else {
                    open = false
                    continue
                }
                commands.append((open ? "L" : "M") + point(x(time), y(value)))
                open = true
            }
            return commands.joined(separator: " ")
        }

        /// Observations with no finite neighbour on either side: a path draws nothing for a
        /// lone `M`, so these get a dot of their own.
        func isolatedPoints(_ timestamps: [Int64], _ values: [Double]) -> [(x: Double, y: Double)] {
            let count = min(timestamps.count, values.count)
            return (0..<count).compactMap { index in
                let before = index > 0 && values[index - 1].isFinite
                let after = index + 1 < count && values[index + 1].isFinite
                guard values[index].isFinite, !before, !after else { return nil }
                return (x(timestamps[index]), y(values[index]))
            }
        }

        func drawPoints(_ points: [(x: Double, y: Double)], color: String, _ svg: inout SVGDocument) {
            for point in points {
                svg.element("circle", [("class", "point"), ("cx", SVGDocument.number(point.x)),
                                       ("cy", SVGDocument.number(point.y)), ("r", "2"), ("fill", color)])
            }
        }

        func point(_ x: Double, _ y: Double) -> String {
            SVGDocument.number(x) + " " + SVGDocument.number(y)
        }

        func drawGrid(_ svg: inout SVGDocument) {
            for value in scales.valueTicks.values {
                let yy = SVGDocument.number(y(value))
                svg.element("line", [("class", "grid"), ("x1", SVGDocument.number(left)), ("y1", yy),
                                     ("x2", SVGDocument.number(right)), ("y2", yy),
                                     ("stroke", "#e6e6e6"), ("stroke-width", "1")])
            }
        }

        /// Each band as closed outlines (upper bound forwards, lower bound back), widest first
        /// so that narrower bands are painted over it and read darker.
        func drawBands(_ svg: inout SVGDocument) {
            guard let forecast = data.forecast else { return }
            for band in forecast.bandsWidestFirst {
                var subpaths: [String] = []
                var run: [Int] = []
                func close() {
                    guard !run.isEmpty else { return }
                    let upper = run.map { point(x(forecast.timestamps[$0]), y(band.upper[$0])) }
                    let lower = run.reversed().map { point(x(forecast.timestamps[$0]), y(band.lower[$0])) }
                    subpaths.append("M" + ((upper + lower).joined(separator: " L")) + " Z")
                    run = []
                }
                for step in forecast.timestamps.indices {
                    if band.lower[step].isFinite && band.upper[step].isFinite {
                        run.append(step)
                    } else {
                        close()
                    }
                }
                close()
                let opacity = FixedDecimal.format(SVGChart.bandOpacity, decimals: 2)
                svg.element("path", [("class", "band"), ("data-level", band.label),
                                     ("d", subpaths.joined(separator: " ")), ("fill", SVGChart.forecastColor),
                                     ("fill-opacity", opacity), ("stroke", "none")])
            }
        }

        func drawSeries(_ svg: inout SVGDocument) {
            for (number, series) in data.series.enumerated() {
                let color = SVGChart.seriesColors[number % SVGChart.seriesColors.count]
                svg.element("path", [("class", "history"), ("data-name", seriesName(number)),
                                     ("d", pathData(series.timestamps, series.values)), ("fill", "none"),
                                     ("stroke", color), ("stroke-width", "1.5"), ("stroke-linejoin", "round")])
                drawPoints(isolatedPoints(series.timestamps, series.values), color: color, &svg)
            }
        }

        func drawForecast(_ svg: inout SVGDocument) {
            guard let forecast = data.forecast else { return }
            svg.element("path", [("class", "forecast"), ("d", pathData(forecast.timestamps, forecast.mean)),
                                 ("fill", "none"), ("stroke", SVGChart.forecastColor), ("stroke-width", "1.5"),
                                 ("stroke-dasharray", "6 4")])
            drawPoints(isolatedPoints(forecast.timestamps, forecast.mean), color: SVGChart.forecastColor, &svg)
        }

        /// A circle per anomaly, on its value or the nearest history value, else mid-height;
        /// its tooltip gives the time and the score.
        func drawAnomalies(_ svg: inout SVGDocument) {
            let format = scales.timeSpan.map { TimeLabelFormat(span: Double($0.end) - Double($0.start)) }
            for (anomaly, point) in zip(data.anomalies, data.anomalyPoints) {
                let cy = point.value.map(y) ?? (top + bottom) / 2
                var tip = (format == .date ? TimeLabelFormat.date : .dayClock).label(anomaly.timestamp)
                if let score = anomaly.score { tip += " score " + FixedDecimal.format(score, decimals: 2) }
                svg.group("circle", [("class", "anomaly"), ("cx", SVGDocument.number(x(point.timestamp))),
                                     ("cy", SVGDocument.number(cy)), ("r", "4"), ("fill", SVGChart.anomalyColor),
                                     ("stroke", "white"), ("stroke-width", "1")]) { svg in
                    svg.element("title", [], content: tip)
                }
            }
        }

        /// A dashed vertical line per marker across the plot, its tooltip the time and label.
        func drawMarkers(_ svg: inout SVGDocument) {
            let format = scales.timeSpan.map { TimeLabelFormat(span: Double($0.end) - Double($0.start)) }
            for marker in data.markers {
                let xx = SVGDocument.number(x(marker.timestamp))
                var tip = (format == .date ? TimeLabelFormat.date : .dayClock).label(marker.timestamp)
                if !marker.label.isEmpty { tip += " " + marker.label }
                svg.group("line", [("class", "marker"), ("x1", xx), ("y1", SVGDocument.number(top)), ("x2", xx),
                                   ("y2", SVGDocument.number(bottom)), ("stroke", SVGChart.markerColor),
                                   ("stroke-width", "1"), ("stroke-dasharray", "3 3")]) { svg in
                    svg.element("title", [], content: tip)
                }
            }
        }

        /// A horizontal line per threshold across the plot, labelled at its right end.
        func drawThresholds(_ svg: inout SVGDocument) {
            for threshold in data.thresholds where threshold.value.isFinite {
                let yy = y(threshold.value)
                svg.element("line", [("class", "threshold"), ("data-value", FixedDecimal.shortest(threshold.value)),
                                     ("x1", SVGDocument.number(left)), ("y1", SVGDocument.number(yy)),
                                     ("x2", SVGDocument.number(right)), ("y2", SVGDocument.number(yy)),
                                     ("stroke", SVGChart.thresholdColor), ("stroke-width", "1"),
                                     ("stroke-dasharray", "6 3")])
                let label = threshold.label.isEmpty ? FixedDecimal.shortest(threshold.value) : threshold.label
                svg.element("text", [("class", "threshold-label"), ("x", SVGDocument.number(right - 2)),
                                     ("y", SVGDocument.number(yy - 4)), ("text-anchor", "end"),
                                     ("fill", SVGChart.thresholdColor)], content: label)
            }
        }

        func drawAxes(_ svg: inout SVGDocument) {
            let stroke = [("stroke", SVGChart.axisColor), ("stroke-width", "1")]
            let l = SVGDocument.number(left), r = SVGDocument.number(right)
            let t = SVGDocument.number(top), b = SVGDocument.number(bottom)
            svg.element("line", [("class", "axis"), ("data-axis", "x"),
                                 ("x1", l), ("y1", b), ("x2", r), ("y2", b)] + stroke)
            svg.element("line", [("class", "axis"), ("data-axis", "y"),
                                 ("x1", l), ("y1", t), ("x2", l), ("y2", b)] + stroke)
            for (value, label) in zip(scales.valueTicks.values, scales.valueLabels) {
                let yy = y(value)
                svg.element("line", [("class", "tick"), ("data-axis", "y"),
                                     ("x1", SVGDocument.number(left - 4)), ("y1", SVGDocument.number(yy)),
                                     ("x2", l), ("y2", SVGDocument.number(yy))] + stroke)
                svg.element("text", [("class", "tick"), ("data-axis", "y"), ("x", SVGDocument.number(left - 7)),
                                     ("y", SVGDocument.number(yy + 4)), ("text-anchor", "end"),
                                     ("fill", SVGChart.axisColor)], content: label)
            }
            let plotWidth = right - left
            let ticks = scales.timeTicks { format in
                Int(plotWidth / (Double(format.width) * SVGChart.characterWidth + 20))
            }
            for (time, label) in zip(ticks?.times ?? [], ticks?.labels ?? []) {
                let xx = SVGDocument.number(x(time))
                svg.element("line", [("class", "tick"), ("data-axis", "x"), ("x1", xx), ("y1", b), ("x2", xx),
                                     ("y2", SVGDocument.number(bottom + 4))] + stroke)
                guard labelsTime else { continue }
                svg.element("text", [("class", "tick"), ("data-axis", "x"), ("x", xx),
                                     ("y", SVGDocument.number(bottom + 17)), ("text-anchor", "middle"),
                                     ("fill", SVGChart.axisColor)], content: label)
            }
        }

        /// The title at the top left and the legend at the top right, or "no data" mid-plot
        /// for a chart with nothing to draw.
        func drawHeader(_ svg: inout SVGDocument) {
            SVGChart.drawTitle(data.title, x: left, &svg)
            drawEmptyNote(&svg)
            drawLegend(&svg)
        }

        /// "no data" mid-plot for a chart with nothing to draw.
        func drawEmptyNote(_ svg: inout SVGDocument) {
            if scales.isEmpty {
                svg.element("text", [("class", "empty"), ("x", SVGDocument.number((left + right) / 2)),
                                     ("y", SVGDocument.number((top + bottom) / 2)), ("text-anchor", "middle"),
                                     ("fill", "#888888")], content: "no data")
            }
        }

        func seriesName(_ number: Int) -> String {
            let name = data.series[number].name
            return name.isEmpty ? (number == 0 ? "history" : "series \(number + 1)") : name
        }
    }
}
