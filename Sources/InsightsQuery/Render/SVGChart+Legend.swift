import Foundation

extension SVGChart {
    /// One legend entry: how its swatch is drawn and its text.
    enum Swatch {
        case line(color: String, dashed: Bool)
        case area(opacity: String)
        case dot
    }

    /// The legend entries in drawing order: each series, the forecast, each band, anomalies.
    static func legendEntries(_ data: ChartData) -> [(Swatch, String)] {
        var entries: [(Swatch, String)] = data.legendNames.enumerated().map { number, name in
            (.line(color: seriesColors[number % seriesColors.count], dashed: false), name)
        }
        if let forecast = data.forecast {
            entries.append((.line(color: forecastColor, dashed: true), "forecast"))
            // Bands overlap, widest first: the k-th reads as k layers of the fill.
            for (layers, band) in forecast.bandsWidestFirst.enumerated() {
                let opacity = 1 - pow(1 - bandOpacity, Double(layers + 1))
                entries.append((.area(opacity: FixedDecimal.format(opacity, decimals: 2)), band.label + " interval"))
            }
        }
        if !data.anomalies.isEmpty {
            entries.append((.dot, "anomaly"))
        }
        return entries
    }
}

extension SVGChart.Frame {
    /// One placed legend entry: its swatch, text and where its swatch starts.
    struct LegendItem {
        fileprivate let swatch: SVGChart.Swatch
        let text: String
        let x: Double
        let baseline: Double
    }

    /// Places the legend: in one row right-aligned at the top when it fits beside the title;
    /// else in rows under the title, left-aligned from `left`, as many as the entries need (a
    /// text too long for a row of its own is cut with "…"). Widths are estimated from the
    /// character count: a 16-unit swatch, 4 units, the text, 12 units to the next entry.
    /// - Returns: The items and the baseline of the lowest row (20 for a single row at the top).
    static func layOutLegend(_ data: ChartData, left: Double, right: Double) -> (items: [LegendItem], lowestBaseline: Double) {
        let entries = SVGChart.legendEntries(data)
        guard !entries.isEmpty else { return ([], 20) }
        let available = max(1, right - left)
        func width(_ text: String) -> Double { 20 + Double(text.unicodeScalars.count) * SVGChart.characterWidth }
        let total = entries.map { width($0.1) }.reduce(0, +) + 12 * Double(entries.count - 1)
        let titleWidth = data.title.isEmpty ? 0 : Double(data.title.unicodeScalars.count) * SVGChart.titleCharacterWidth + 24
        if titleWidth + total <= available {
            var x = right - total
            return (entries.map { swatch, text in
                defer { x += width(text) + 12 }
                return LegendItem(swatch: swatch, text: text, x: x, baseline: 20)
            }, 20)
        }
        var baseline = data.title.isEmpty ? 20.0 : 38.0
        var x = left
        var items: [LegendItem] = []
        for (swatch, whole) in entries {
            var text = whole
            let room = Int((available - 20) / SVGChart.characterWidth)
            if text.unicodeScalars.count > room { text = String(text.unicodeScalars.prefix(max(1, room - 1))) + "…" }
            if x > left && x + width(text) > right {
                baseline += 16
                x = left
            }
            items.append(LegendItem(swatch: swatch, text: text, x: x, baseline: baseline))
            x += width(text) + 12
        }
        return (items, baseline)
    }

    /// The legend as laid out by `layOutLegend`.
    func drawLegend(_ svg: inout SVGDocument) {
        guard !legend.isEmpty else { return }
        svg.group("g", [("class", "legend")]) { svg in
            for item in legend {
                let x = item.x, middle = item.baseline - 4
                switch item.swatch {
                case .line(let color, let dashed):
                    var attributes = [("class", "legend-swatch"), ("x1", SVGDocument.number(x)),
                                      ("y1", SVGDocument.number(middle)), ("x2", SVGDocument.number(x + 16)),
                                      ("y2", SVGDocument.number(middle)), ("stroke", color), ("stroke-width", "2")]
                    if dashed { attributes.append(("stroke-dasharray", "4 2")) }
                    svg.element("line", attributes)
                case .area(let opacity):
                    svg.element("rect", [("class", "legend-swatch"), ("x", SVGDocument.number(x)),
                                         ("y", SVGDocument.number(middle - 5)), ("width", "16"), ("height", "10"),
                                         ("fill", SVGChart.forecastColor), ("fill-opacity", opacity)])
                case .dot:
                    svg.element("circle", [("class", "legend-swatch"), ("cx", SVGDocument.number(x + 8)),
                                           ("cy", SVGDocument.number(middle)), ("r", "4"),
                                           ("fill", SVGChart.anomalyColor)])
                }
                svg.element("text", [("class", "legend-label"), ("x", SVGDocument.number(x + 20)),
                                     ("y", SVGDocument.number(item.baseline)), ("fill", SVGChart.axisColor)],
                            content: item.text)
            }
        }
    }
}
