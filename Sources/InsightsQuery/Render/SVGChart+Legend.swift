import Foundation

extension SVGChart {
    /// One legend entry: how its swatch is drawn and its text.
    private enum Swatch {
        case line(color: String, dashed: Bool)
        case area(opacity: String)
        case dot
    }

    /// The legend entries in drawing order: each series, the forecast, each band, anomalies.
    private static func legendEntries(_ data: ChartData, seriesName: (Int) -> String) -> [(Swatch, String)] {
        var entries: [(Swatch, String)] = data.series.indices.map { number in
            (.line(color: seriesColors[number % seriesColors.count], dashed: false), seriesName(number))
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
    /// The legend in a row, right-aligned above the plot: a 16-unit swatch, the text, then
    /// a 12-unit gap before the next entry. Widths are estimated from the character count.
    func drawLegend(_ svg: inout SVGDocument) {
        let entries = SVGChart.legendEntries(data, seriesName: seriesName)
        guard !entries.isEmpty else { return }
        let widths = entries.map { 20 + Double($0.1.unicodeScalars.count) * SVGChart.characterWidth }
        var x = right - widths.reduce(0, +) - 12 * Double(entries.count - 1)
        let baseline = 20.0
        svg.group("g", [("class", "legend")]) { svg in
            for ((swatch, text), width) in zip(entries, widths) {
                let middle = baseline - 4
                switch swatch {
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
                                     ("y", SVGDocument.number(baseline)), ("fill", SVGChart.axisColor)],
                            content: text)
                x += width + 12
            }
        }
    }
}
