/// Standalone SVG documents of a chart, for files and notebooks.
///
/// The document has no scripts, styles or external references; colours are presentation
/// attributes. Elements carry stable classes: `history` (one `<path>` per series, one `M` or
/// `L` command per finite observation, a new `M` after each gap), `forecast` (the mean),
/// `band` (one closed `<path>` per band, widest first, a subpath per run of finite bounds),
/// `anomaly` (one `<circle>` per anomaly), `axis` (the two axis lines), `tick` (tick marks and
/// their `<text>` labels, with `data-axis` "x" or "y"), `point` (a dot for an observation
/// between two gaps, which a path alone would not show), `grid`, `title` and `legend`.
public enum SVGChart {
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
        var svg = SVGDocument()
        svg.raw(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        let size = [("width", String(frame.width)), ("height", String(frame.height))]
        svg.group("svg", [("xmlns", "http://www.w3.org/2000/svg")] + size
                  + [("viewBox", "0 0 \(frame.width) \(frame.height)"),
                     ("font-family", "sans-serif"), ("font-size", "11")]) { svg in
            if !data.title.isEmpty { svg.element("title", [], content: data.title) }
            svg.element("rect", [("class", "background"), ("x", "0"), ("y", "0")] + size
                        + [("fill", "white")])
            frame.drawGrid(&svg)
            frame.drawBands(&svg)
            frame.drawSeries(&svg)
            frame.drawForecast(&svg)
            frame.drawAnomalies(&svg)
            frame.drawAxes(&svg)
            frame.drawHeader(&svg)
        }
        return svg.text
    }
}

extension SVGChart {
    static let seriesColors = ["#1f77b4", "#9467bd", "#2ca02c", "#8c564b"]
    static let forecastColor = "#ff7f0e"
    static let anomalyColor = "#d62728"
    static let axisColor = "#333333"
    static let bandOpacity = 0.18
    /// Average advance of a character at font size 11, for laying out labels.
    static let characterWidth = 7.0

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

        init(data: ChartData, width: Int, height: Int) {
            self.data = data
            self.width = width
            self.height = height
            top = 34
            bottom = max(top + 1, Double(height) - 36)
            scales = ChartScales(data, maxValueTicks: min(5, max(2, Int((bottom - top) / 30))))
            let labelWidth = Double(scales.valueLabels.map(\.unicodeScalars.count).max() ?? 0)
            left = labelWidth * SVGChart.characterWidth + 14
            right = max(left + 1, Double(width) - 16)
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
                svg.element("text", [("class", "tick"), ("data-axis", "x"), ("x", xx),
                                     ("y", SVGDocument.number(bottom + 17)), ("text-anchor", "middle"),
                                     ("fill", SVGChart.axisColor)], content: label)
            }
        }

        /// The title at the top left and the legend at the top right, or "no data" mid-plot
        /// for a chart with nothing to draw.
        func drawHeader(_ svg: inout SVGDocument) {
            if !data.title.isEmpty {
                svg.element("text", [("class", "title"), ("x", SVGDocument.number(left)), ("y", "20"),
                                     ("font-size", "13"), ("font-weight", "bold"), ("fill", "#000000")],
                            content: data.title)
            }
            if scales.isEmpty {
                svg.element("text", [("class", "empty"), ("x", SVGDocument.number((left + right) / 2)),
                                     ("y", SVGDocument.number((top + bottom) / 2)), ("text-anchor", "middle"),
                                     ("fill", "#888888")], content: "no data")
            }
            drawLegend(&svg)
        }

        func seriesName(_ number: Int) -> String {
            let name = data.series[number].name
            return name.isEmpty ? (number == 0 ? "history" : "series \(number + 1)") : name
        }
    }
}
