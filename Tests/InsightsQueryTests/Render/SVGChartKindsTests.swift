import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import InsightsQuery
import Testing

/// The chart kinds beyond one series, as SVG: panels on a shared time axis, funnel bars and a
/// retention heatmap, plus markers and threshold lines on a series chart.
struct SVGChartKindsTests {
    static let hour: Int64 = 3_600_000_000_000
    /// 2025-11-27 00:00:00 UTC (Python `datetime`).
    static let midnight: Int64 = 1_764_201_600_000_000_000

    /// A decomposition-like stack of 24 hourly values: the remainder has a gap of two.
    static let panels: PanelChartData = {
        let times = (0..<24).map { midnight + Int64($0) * hour }
        let trend = (0..<24).map { 50 + 0.5 * Double($0) }
        let seasonal = (0..<24).map { 10 * sin(Double($0) * .pi / 6) }
        var remainder = (0..<24).map { Double($0 % 3) - 1 }
        remainder[7] = .nan
        remainder[8] = .nan
        let observed = zip(zip(trend, seasonal), remainder).map { $0.0 + $0.1 + ($1.isNaN ? 0 : $1) }
        return PanelChartData(title: "cpu", panels: [
            ChartData(title: "observed", timestamps: times, values: observed),
            ChartData(title: "trend", timestamps: times, values: trend),
            ChartData(title: "seasonal", timestamps: times, values: seasonal),
            ChartData(title: "remainder", timestamps: times, values: remainder),
        ])
    }()

    /// The demo's funnel: 1190 started, 787 signed up, 218 purchased.
    static let funnel = BarChartData(title: "funnel", steps: ["signup_started", "signed_up", "purchase"],
                                     counts: [1190, 787, 218])

    /// Three cohorts over four periods; the later cohorts have not reached the last periods.
    static let retention = HeatmapData(title: "retention", columns: ["0", "1", "2", "3"], columnTitle: "week", rows: [
        .init(label: "2026-01-05", size: 411, values: [1, 0.3114, 0.25, 0.125]),
        .init(label: "2026-01-12", size: 376, values: [1, 0.2, 0.05, .nan]),
        .init(label: "2026-01-19", size: 10, values: [1, .nan, .nan, .nan]),
    ])

    /// The `<g class="panel">` groups of a document, each as its lines.
    static func panelGroups(_ svg: String) -> [String] {
        svg.components(separatedBy: "<g class=\"panel\"").dropFirst().map { $0.components(separatedBy: "</g>")[0] }
    }

    static func number(_ text: String?) -> Double { text.flatMap(Double.init) ?? .nan }

    // MARK: Panels

    @Test func eachPanelHasItsPathLabelAndValueTicks() throws {
        let svg = SVGChart.render(.panels(Self.panels))
        let groups = Self.panelGroups(svg)
        #expect(groups.count == 4)
        for (group, panel) in zip(groups, Self.panels.panels) {
            #expect(group.hasPrefix(" data-name=\"\(panel.title)\""))
            let paths = ChartOutput.elements("path", class: "history", in: group)
            #expect(paths.count == 1)
            let commands = try ChartOutput.pathCommands(#require(ChartOutput.attribute("d", of: paths[0])))
            #expect(commands.count == panel.series[0].values.filter(\.isFinite).count, "\(panel.title)")
            #expect(ChartOutput.elements("text", class: "panel-label", in: group).count == 1)
            #expect(group.contains(">\(panel.title)</text>"))
            // Its own value ticks bracket its own values.
            let labels = ChartOutput.texts(class: "tick", axis: "y", in: group).map { Self.number($0) }
            let finite = panel.series[0].values.filter(\.isFinite)
            #expect(labels.count >= 2)
            #expect(labels.first! <= finite.min()! && labels.last! >= finite.max()!, "\(panel.title): \(labels)")
        }
        // The remainder's gap splits its path in two runs.
        let remainder = ChartOutput.elements("path", class: "history", in: groups[3])[0]
        #expect(ChartOutput.pathCommands(ChartOutput.attribute("d", of: remainder) ?? "").filter { $0 == "M" }.count == 2)
    }

    @Test func panelsShareOneTimeAxisLabelledOnceAtTheBottom() throws {
        let groups = Self.panelGroups(SVGChart.render(.panels(Self.panels)))
        let tickXs = groups.map { group in
            ChartOutput.elements("line", class: "tick", in: group)
                .filter { ChartOutput.attribute("data-axis", of: $0) == "x" }.map { ChartOutput.attribute("x1", of: $0) }
        }
        #expect(!tickXs[0].isEmpty)
        #expect(tickXs.allSatisfy { $0 == tickXs[0] })
        #expect(groups.dropLast().allSatisfy { ChartOutput.texts(class: "tick", axis: "x", in: $0).isEmpty })
        #expect(ChartOutput.texts(class: "tick", axis: "x", in: groups[3]).count == tickXs[3].count)
        // The same hour starts every path at the same x.
        let starts = try groups.map { group in
            try #require(ChartOutput.attribute("d", of: ChartOutput.elements("path", class: "history", in: group)[0]))
                .split(separator: " ")[0]
        }
        #expect(Set(starts).count == 1)
    }

    // MARK: Bars

    @Test func oneBarPerStepProportionalToItsCount() throws {
        let svg = SVGChart.render(.bars(Self.funnel))
        let bars = ChartOutput.elements("rect", class: "bar", in: svg)
        #expect(bars.count == 3)
        #expect(bars.map { Self.number(ChartOutput.attribute("data-value", of: $0)) } == [1190, 787, 218])
        // 787 / 1190 = 66.13%, 218 / 1190 = 18.32%.
        #expect(bars.map { ChartOutput.attribute("data-share", of: $0) } == ["100.0%", "66.1%", "18.3%"])
        let heights = bars.map { Self.number(ChartOutput.attribute("height", of: $0)) }
        let widths = bars.map { Self.number(ChartOutput.attribute("width", of: $0)) }
        #expect(Set(widths).count == 1)
        for (height, count) in zip(heights, [1190.0, 787, 218]) {
            // Heights carry two decimals over a plot of about 200 units.
            #expect(abs(height / heights[0] - count / 1190) < 1e-3, "\(height)")
        }
        // Bars stand on the x axis and the value axis starts at zero.
        let axis = try #require(ChartOutput.elements("line", class: "axis", in: svg).first)
        for bar in bars {
            let bottom = Self.number(ChartOutput.attribute("y", of: bar)) + Self.number(ChartOutput.attribute("height", of: bar))
            #expect(abs(bottom - Self.number(ChartOutput.attribute("y1", of: axis))) < 0.011)
        }
        #expect(ChartOutput.texts(class: "tick", axis: "y", in: svg).first == "0")
        #expect(ChartOutput.texts(class: "tick", axis: "x", in: svg) == ["signup_started", "signed_up", "purchase"])
        for label in ["1190", "787", "218", "100.0%", "66.1%", "18.3%"] {
            #expect(svg.contains("class=\"bar-label\"") && svg.contains(">\(label)</text>"), "\(label)")
        }
    }

    @Test func groupedBarsSideBySideWithALegend() {
        let data = BarChartData(categories: ["a", "b"], groups: [.init(name: "web", values: [10, 5]),
                                                                 .init(name: "ios", values: [8, .nan])],
                                showsShareOfFirst: true)
        let svg = SVGChart.render(.bars(data))
        let bars = ChartOutput.elements("rect", class: "bar", in: svg)
        // The NaN bar is left out.
        #expect(bars.map { ChartOutput.attribute("data-group", of: $0) } == ["web", "ios", "web"])
        #expect(bars.map { ChartOutput.attribute("data-share", of: $0) } == ["100.0%", "100.0%", "50.0%"])
        let xs = bars.map { Self.number(ChartOutput.attribute("x", of: $0)) }
        #expect(xs[0] < xs[1] && xs[1] < xs[2])
        #expect(svg.contains(">web</text>") && svg.contains(">ios</text>"))
    }

    // MARK: Heatmap

    @Test func oneCellPerObservedCohortPeriodHoldingItsRate() {
        let svg = SVGChart.render(.heatmap(Self.retention))
        let cells = ChartOutput.elements("rect", class: "cell", in: svg)
        let observed = Self.retention.rows.flatMap { $0.values.filter(\.isFinite) }
        #expect(cells.count == 4 + 3 + 1)
        #expect(cells.map { Self.number(ChartOutput.attribute("data-value", of: $0)) } == observed)
        // Darker for higher rates.
        let opacity = cells.map { Self.number(ChartOutput.attribute("fill-opacity", of: $0)) }
        for (a, b) in zip(zip(observed, opacity), zip(observed, opacity).dropFirst()) where a.0 != b.0 {
            #expect((a.0 < b.0) == (a.1 < b.1), "\(a) \(b)")
        }
        #expect(ChartOutput.texts(class: "tick", axis: "y", in: svg) == ["2026-01-05 (411)", "2026-01-12 (376)", "2026-01-19 (10)"])
        #expect(ChartOutput.texts(class: "tick", axis: "x", in: svg) == ["0", "1", "2", "3"])
        let labels = ChartOutput.elements("text", class: "cell-label", in: svg).map { $0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" } }
        #expect(labels == ["100%", "31%", "25%", "13%", "100%", "20%", "5%", "100%"])
    }

    @Test func percentagesOnlyWhenTheyFit() {
        let narrow = SVGChart.render(.heatmap(Self.retention), width: 200)
        #expect(ChartOutput.elements("rect", class: "cell", in: narrow).count == 8)
        #expect(ChartOutput.elements("text", class: "cell-label", in: narrow).isEmpty)
    }

    // MARK: Markers and thresholds

    @Test func markersSitOnTheirTimeAndThresholdsOnTheirValue() throws {
        let times = (0..<11).map { Self.midnight + Int64($0) * Self.hour }
        let data = ChartData(title: "t", timestamps: times, values: (0...10).map(Double.init),
                             markers: [.init(timestamp: times[3], label: "shift +2"), .init(timestamp: times[8])],
                             thresholds: [.init(value: 5, label: "SLO")])
        let svg = SVGChart.render(.series(data))
        let points = try #require(ChartOutput.attribute("d", of: ChartOutput.elements("path", class: "history", in: svg)[0]))
            .split(separator: " ").map(String.init)
        func point(_ index: Int) -> (x: String, y: String) { (String(points[2 * index].dropFirst()), points[2 * index + 1]) }
        let markers = ChartOutput.elements("line", class: "marker", in: svg)
        #expect(markers.map { ChartOutput.attribute("x1", of: $0) } == [point(3).x, point(8).x])
        #expect(svg.contains("<title>11-27 03:00 shift +2</title>"))
        let threshold = try #require(ChartOutput.elements("line", class: "threshold", in: svg).first)
        #expect(ChartOutput.attribute("y1", of: threshold) == point(5).y)
        #expect(svg.contains(">SLO</text>"))
        // A threshold above the data widens the value axis to it.
        let high = ChartData(timestamps: times, values: (0...10).map(Double.init), thresholds: [.init(value: 100)])
        let labels = ChartOutput.texts(class: "tick", axis: "y", in: SVGChart.render(high)).map { Self.number($0) }
        #expect(labels.last! >= 100)
    }

    // MARK: Every kind

    static let kinds: [Chart] = [.series(ChartData(title: "s", timestamps: [0, hour], values: [1, 2])),
                                 .panels(panels), .bars(funnel), .heatmap(retention)]

    @Test(arguments: kinds)
    func standaloneAndByteIdentical(_ chart: Chart) {
        let svg = SVGChart.render(chart)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        for forbidden in ["<script", "href", "url(", "<image", "<style", "@import"] {
            #expect(!svg.contains(forbidden), "\(forbidden)")
        }
        #expect(SVGChart.render(chart) == svg)
        #expect(svg.contains("<title>\(chart.title)</title>"))
        #expect(!ChartOutput.texts(class: "tick", axis: "y", in: svg).isEmpty)
        #if canImport(FoundationXML)
        #expect((try? XMLDocument(xmlString: svg, options: [])) != nil)
        #endif
    }
}
