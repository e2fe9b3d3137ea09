import Foundation
import InsightsQuery
import Testing

/// The chart kinds beyond one series in a terminal: stacked panels, block bars and a grid of
/// percentages, within the size they are given.
struct TerminalChartKindsTests {
    /// The lines of a plain (uncoloured) rendering.
    static func lines(_ chart: Chart, width: Int, height: Int) -> [String] {
        TerminalChart.render(chart, width: width, height: height, color: false).components(separatedBy: "\n")
    }

    static let sizes: [(width: Int, height: Int)] = [(100, 40), (60, 16), (30, 8), (12, 4), (5, 2), (1, 1)]
    static let kinds: [Chart] = SVGChartKindsTests.kinds

    @Test(arguments: kinds)
    func staysWithinItsSize(_ chart: Chart) {
        for (width, height) in Self.sizes {
            let text = TerminalChart.render(chart, width: width, height: height, color: false)
            let lines = text.components(separatedBy: "\n")
            #expect(lines.count <= height, "\(width)×\(height)")
            #expect(lines.allSatisfy { $0.count <= width }, "\(width)×\(height): \(lines)")
            // Colour changes nothing but the escapes.
            let colored = TerminalChart.render(chart, width: width, height: height, color: true)
            #expect(ChartOutput.visibleText(colored) == text)
        }
        #expect(TerminalChart.render(chart, width: 0, height: 10, color: false).isEmpty)
    }

    @Test func panelsStackWithTheirLabelsOverOneTimeAxis() {
        let lines = Self.lines(.panels(SVGChartKindsTests.panels), width: 80, height: 31)
        #expect(lines.count == 31)
        #expect(lines[0] == "cpu")
        let labels = lines.filter { ["observed", "trend", "seasonal", "remainder"].contains($0) }
        #expect(labels == ["observed", "trend", "seasonal", "remainder"])
        #expect(lines.filter { $0.contains("└") }.count == 1)
        #expect(lines[lines.count - 2].contains("└"))
        // Every panel has its own value labels on a `┤`.
        let labelled = lines.split { ["observed", "trend", "seasonal", "remainder"].contains($0) }.dropFirst()
        #expect(labelled.count == 4 && labelled.allSatisfy { $0.filter { $0.contains("┤") }.count >= 2 })
        // Braille dots in every panel.
        #expect(labelled.allSatisfy { panel in panel.contains { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } } })
    }

    @Test func panelsTooShortForPlotsBecomeSparklines() {
        let lines = Self.lines(.panels(SVGChartKindsTests.panels), width: 40, height: 8)
        #expect(lines.count == 5)
        #expect(lines[1].hasPrefix("observed ") && lines[4].hasPrefix("remainder "))
        #expect(lines[1].contains { "▁▂▃▄▅▆▇█".contains($0) })
    }

    @Test func barsAreProportionalBlocksWithCountsAndShares() {
        let lines = Self.lines(.bars(SVGChartKindsTests.funnel), width: 80, height: 10)
        #expect(lines.count == 4)
        #expect(lines[0] == "funnel")
        #expect(lines[1].hasPrefix("signup_started│") && lines[1].hasSuffix("1190 100.0%"))
        #expect(lines[2].hasPrefix("signed_up     │") && lines[2].hasSuffix(" 787  66.1%"))
        #expect(lines[3].hasSuffix(" 218  18.3%"))
        // Lengths in eighths of a cell: full blocks count 8, a partial block its eighths.
        func eighths(_ line: String) -> Int {
            line.reduce(0) { $0 + (["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"].firstIndex(of: String($1)).map { $0 + 1 } ?? 0) }
        }
        let full = Double(eighths(lines[1]))
        #expect(full > 400)
        for (line, count) in zip(lines[2...3], [787.0, 218]) {
            #expect(abs(Double(eighths(line)) / full - count / 1190) < 1 / full, "\(line)")
        }
    }

    @Test func heatmapIsAGridOfPercentagesWithBlanksForUnobservedPeriods() {
        let lines = Self.lines(.heatmap(SVGChartKindsTests.retention), width: 60, height: 10)
        #expect(lines == ["retention",
                          "week                0    1    2    3",
                          "2026-01-05 (411) 100%  31%  25%  13%",
                          "2026-01-12 (376) 100%  20%   5%",
                          "2026-01-19 (10)  100%"])
    }

    @Test func narrowHeatmapsShadeAndShortOnesSayWhatIsLeftOut() {
        let narrow = Self.lines(.heatmap(SVGChartKindsTests.retention), width: 26, height: 10)
        // Quarters of the shade, the rate over the largest after period 0 (31%): 100% and 31% █,
        // 25% (0.81) █, 12.5% (0.40) ▒.
        #expect(narrow[2] == "2026-01-05 (411)██████▒▒")
        #expect(narrow[4] == "2026-01-19 (10) ██")
        let short = Self.lines(.heatmap(SVGChartKindsTests.retention), width: 60, height: 4)
        #expect(short.last == "… 2 more rows")
    }

    @Test func markersAndThresholdsShowBehindTheLine() {
        let times = (0..<11).map { SVGChartKindsTests.midnight + Int64($0) * SVGChartKindsTests.hour }
        let data = ChartData(title: "t", timestamps: times, values: (0...10).map(Double.init),
                             markers: [.init(timestamp: times[3])], thresholds: [.init(value: 2, label: "SLO")])
        let lines = Self.lines(.series(data), width: 60, height: 12)
        #expect(lines[0] == "t  ─ history  ┊ marker  ┄ SLO")
        #expect(lines.filter { $0.contains("┊") }.count >= 6)
        #expect(lines.contains { $0.filter { $0 == "┄" }.count > 20 })
        #expect(TerminalChart.render(.series(data), width: 60, height: 12, color: false)
                == TerminalChart.render(data, width: 60, height: 12, color: false))
    }
}
