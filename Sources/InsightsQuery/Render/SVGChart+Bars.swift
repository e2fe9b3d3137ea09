extension SVGChart {
    /// Vertical bars from a value axis starting at zero: one slot per category (labelled under
    /// it as an x tick), the groups' bars side by side in it. Each bar is a
    /// `<rect class="bar">` with `data-value` (and `data-share`, its share of the group's first
    /// value), its height proportional to the value; its value and share are written above it
    /// as `bar-label` texts. A legend names the groups when there are several.
    static func renderBars(_ data: BarChartData, width: Int, height: Int) -> String {
        let top = 34.0
        let bottom = max(top + 1, Double(height) - 36)
        // Two label lines above the tallest bar: keep it 28 units below the top.
        let ticks = ValueTicks(lower: 0, upper: data.maximum > 0 ? data.maximum : 1,
                               maxTicks: min(5, max(2, Int((bottom - top) / 30))))
        let suffix = data.unit.isEmpty ? "" : " " + data.unit
        let labels = ticks.labels.map { $0 + suffix }
        let left = Double(labels.map(\.unicodeScalars.count).max() ?? 0) * characterWidth + 14
        let right = max(left + 1, Double(width) - 16)
        let plotTop = top + 28
        let plotBottom = max(plotTop + 1, bottom)
        func y(_ value: Double) -> Double {
            let span = ticks.upper - ticks.lower
            guard span > 0 else { return plotBottom }
            return plotBottom - (value - ticks.lower) / span * (plotBottom - plotTop)
        }
        let slot = (right - left) / Double(max(1, data.categories.count))
        let groupCount = max(1, data.groups.count)
        let barWidth = slot * 0.7 / Double(groupCount)
        let stroke = [("stroke", axisColor), ("stroke-width", "1")]
        return document(width: width, height: height, title: data.title) { svg in
            for value in ticks.values {
                let yy = SVGDocument.number(y(value))
                svg.element("line", [("class", "grid"), ("x1", SVGDocument.number(left)), ("y1", yy),
                                     ("x2", SVGDocument.number(right)), ("y2", yy),
                                     ("stroke", "#e6e6e6"), ("stroke-width", "1")])
            }
            for (category, name) in data.categories.enumerated() {
                let start = left + Double(category) * slot + slot * 0.15
                for (number, group) in data.groups.enumerated() {
                    let value = group.values[category]
                    guard value.isFinite else { continue }
                    let x = start + Double(number) * barWidth
                    let barTop = min(y(max(value, 0)), plotBottom)
                    var attributes = [("class", "bar"), ("data-category", name), ("data-value", FixedDecimal.shortest(value))]
                    if !group.name.isEmpty { attributes.append(("data-group", group.name)) }
                    let share = data.share(value, in: group)
                    if let share { attributes.append(("data-share", share)) }
                    svg.element("rect", attributes + [
                        ("x", SVGDocument.number(x)), ("y", SVGDocument.number(barTop)),
                        ("width", SVGDocument.number(barWidth)), ("height", SVGDocument.number(plotBottom - barTop)),
                        ("fill", seriesColors[number % seriesColors.count]),
                    ])
                    let middle = SVGDocument.number(x + barWidth / 2)
                    svg.element("text", [("class", "bar-label"), ("x", middle), ("y", SVGDocument.number(barTop - (share == nil ? 4 : 17))),
                                         ("text-anchor", "middle"), ("fill", axisColor)],
                                content: BarChartData.valueLabel(value))
                    if let share {
                        svg.element("text", [("class", "bar-label"), ("x", middle), ("y", SVGDocument.number(barTop - 4)),
                                             ("text-anchor", "middle"), ("fill", "#666666")], content: share)
                    }
                }
            }
            let l = SVGDocument.number(left), r = SVGDocument.number(right)
            let b = SVGDocument.number(plotBottom)
            svg.element("line", [("class", "axis"), ("data-axis", "x"), ("x1", l), ("y1", b), ("x2", r), ("y2", b)] + stroke)
            svg.element("line", [("class", "axis"), ("data-axis", "y"), ("x1", l), ("y1", SVGDocument.number(plotTop)),
                                 ("x2", l), ("y2", b)] + stroke)
            for (value, label) in zip(ticks.values, labels) {
                let yy = y(value)
                svg.element("line", [("class", "tick"), ("data-axis", "y"), ("x1", SVGDocument.number(left - 4)),
                                     ("y1", SVGDocument.number(yy)), ("x2", l), ("y2", SVGDocument.number(yy))] + stroke)
                svg.element("text", [("class", "tick"), ("data-axis", "y"), ("x", SVGDocument.number(left - 7)),
                                     ("y", SVGDocument.number(yy + 4)), ("text-anchor", "end"), ("fill", axisColor)],
                            content: label)
            }
            for (category, name) in data.categories.enumerated() {
                let xx = SVGDocument.number(left + (Double(category) + 0.5) * slot)
                svg.element("line", [("class", "tick"), ("data-axis", "x"), ("x1", xx), ("y1", b), ("x2", xx),
                                     ("y2", SVGDocument.number(plotBottom + 4))] + stroke)
                svg.element("text", [("class", "tick"), ("data-axis", "x"), ("x", xx),
                                     ("y", SVGDocument.number(plotBottom + 17)), ("text-anchor", "middle"),
                                     ("fill", axisColor)], content: name)
            }
            drawTitle(data.title, x: left, &svg)
            if data.groups.count > 1 {
                drawGroupLegend(data.groups.map(\.name), right: right, &svg)
            }
        }
    }

    /// A row of colour squares and group names, right-aligned above the plot.
    private static func drawGroupLegend(_ names: [String], right: Double, _ svg: inout SVGDocument) {
        let widths = names.map { 20 + Double($0.unicodeScalars.count) * characterWidth }
        var x = right - widths.reduce(0, +) - 12 * Double(names.count - 1)
        svg.group("g", [("class", "legend")]) { svg in
            for (number, (name, width)) in zip(names, widths).enumerated() {
                svg.element("rect", [("class", "legend-swatch"), ("x", SVGDocument.number(x)), ("y", "11"),
                                     ("width", "12"), ("height", "10"),
                                     ("fill", seriesColors[number % seriesColors.count])])
                svg.element("text", [("class", "legend-label"), ("x", SVGDocument.number(x + 20)), ("y", "20"),
                                     ("fill", axisColor)], content: name)
                x += width + 12
            }
        }
    }
}
