extension SVGChart {
    /// Panels stacked top to bottom on one time axis: each a `<g class="panel">` with the
    /// elements of a series chart, its own value ticks and its `panel-label` above it; only the
    /// bottom panel labels the time ticks. The value labels of all panels share one margin so
    /// that the plots line up.
    static func renderPanels(_ data: PanelChartData, width: Int, height: Int) -> String {
        let count = max(1, data.panels.count)
        let top = data.title.isEmpty ? 6.0 : 30.0
        let bottom = max(top + 1, Double(height) - 36)
        let slot = (bottom - top) / Double(count)
        let span = ChartScales.timeSpan(of: data.panels)
        // Each panel: 18 units for its label, then its plot, then 8 apart from the next one.
        let bounds = data.panels.indices.map { index in
            let panelTop = top + Double(index) * slot + 18
            let panelBottom = top + Double(index + 1) * slot - (index == count - 1 ? 0 : 8)
            return (top: panelTop, bottom: max(panelTop + 1, panelBottom))
        }
        let scales = zip(data.panels, bounds).map { panel, bound in
            Frame.scales(panel, top: bound.top, bottom: bound.bottom, timeSpan: span)
        }
        let left = scales.map(Frame.leftMargin).max() ?? 14
        return document(width: width, height: height, title: data.title) { svg in
            for (index, panel) in data.panels.enumerated() {
                var frame = Frame(data: panel, width: width, height: height, scales: scales[index], left: left,
                                  top: bounds[index].top, bottom: bounds[index].bottom)
                frame.labelsTime = index == data.panels.count - 1
                svg.group("g", [("class", "panel"), ("data-name", panel.title)]) { svg in
                    frame.drawPlot(&svg)
                    frame.drawAxes(&svg)
                    if !panel.title.isEmpty {
                        svg.element("text", [("class", "panel-label"), ("x", SVGDocument.number(left)),
                                             ("y", SVGDocument.number(bounds[index].top - 6)), ("font-weight", "bold"),
                                             ("fill", SVGChart.axisColor)], content: panel.title)
                    }
                    frame.drawEmptyNote(&svg)
                }
            }
            drawTitle(data.title, x: left, &svg)
        }
    }
}
