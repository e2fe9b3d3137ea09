import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import InsightsQuery
import Testing

/// Awkward inputs at many sizes: both renderers must keep their promises (size limits, one
/// marker per anomaly, one path command per finite observation, well-formed XML), not only
/// return.
struct ChartRobustnessTests {
    static let hour: Int64 = 3_600_000_000_000

    static let datasets: [(String, ChartData)] = {
        let times = (0..<50).map { Int64($0) * hour }
        let wave = times.indices.map { sin(Double($0) / 4) * 10 }
        let band = ChartData.Band(level: 0.95, lower: [-1, .nan, 1], upper: [3, 4, .infinity])
        return [
            ("no series", ChartData(series: [])),
            ("empty series", ChartData(timestamps: [], values: [])),
            ("single point", ChartData(title: "one", unit: "B", timestamps: [42 * hour], values: [7])),
            ("all NaN", ChartData(timestamps: times, values: times.map { _ in .nan })),
            ("constant", ChartData(timestamps: times, values: times.map { _ in 3.5 })),
            ("wave with forecast", ChartData(
                title: "cpu & <mem>", unit: "%", timestamps: times, values: wave,
                forecast: .init(timestamps: [50 * hour, 51 * hour, 52 * hour], mean: [0, 1, 2], bands: [band]),
                anomalies: [.init(timestamp: 3 * hour, score: 2), .init(timestamp: 99 * hour),
                            .init(timestamp: 7 * hour, value: .nan)])),
            ("anomalies without history", ChartData(series: [], anomalies: [.init(timestamp: 0), .init(timestamp: hour)])),
            ("forecast only", ChartData(series: [], forecast: .init(timestamps: [0, hour], mean: [1, .nan]))),
            ("extreme values", ChartData(timestamps: [0, hour, 2 * hour],
                                         values: [-.greatestFiniteMagnitude, .infinity, .greatestFiniteMagnitude])),
            ("extreme times", ChartData(timestamps: [.min, 0, .max], values: [1, 2, 3],
                                        anomalies: [.init(timestamp: .max)])),
            ("descending times", ChartData(timestamps: [5 * hour, 2 * hour, 0], values: [1, 2, 3])),
        ]
    }()

    @Test func terminalOutputFitsEverySize() {
        for (name, data) in Self.datasets {
            for width in 0...45 {
                for height in 0...13 {
                    let plain = TerminalChart.render(data, width: width, height: height, color: false)
                    let coloured = TerminalChart.render(data, width: width, height: height, color: true)
                    #expect(ChartOutput.visibleText(coloured) == plain, "\(name) \(width)×\(height)")
                    let lines = plain.isEmpty ? [] : plain.components(separatedBy: "\n")
                    #expect(lines.count <= max(0, height), "\(name) \(width)×\(height)")
                    #expect(lines.allSatisfy { $0.unicodeScalars.count <= width }, "\(name) \(width)×\(height): \(lines)")
                    // Either a one-line sparkline or the full chart of exactly `height` lines.
                    #expect(lines.count <= 1 || lines.count == height, "\(name) \(width)×\(height)")
                }
            }
        }
    }

    @Test func terminalChartsShowEveryAnomalyInside() {
        let (_, data) = Self.datasets[5]
        let lines = TerminalChart.render(data, width: 70, height: 14, color: false).components(separatedBy: "\n")
        // Three anomalies in three different cells (3 h, 7 h and 99 h on a 99-hour axis);
        // the first line is the title and legend.
        #expect(lines[0].hasSuffix("● anomaly"))
        #expect(lines.dropFirst().joined().filter { $0 == "●" }.count == 3)
    }

    @Test func svgKeepsItsStructureAtEverySize() throws {
        for (name, data) in Self.datasets {
            for (width, height) in [(0, 0), (1, 1), (5, 3), (40, 20), (120, 60), (800, 300), (1600, 900)] {
                let svg = SVGChart.render(data, width: width, height: height)
                #expect(!svg.contains("nan") && !svg.contains("inf"), "\(name) \(width)×\(height)")
                let histories = ChartOutput.elements("path", class: "history", in: svg)
                #expect(histories.count == data.series.count, "\(name)")
                for (path, series) in zip(histories, data.series) {
                    let commands = ChartOutput.pathCommands(ChartOutput.attribute("d", of: path) ?? "")
                    #expect(commands.count == series.values.filter(\.isFinite).count, "\(name)")
                }
                #expect(ChartOutput.elements("circle", class: "anomaly", in: svg).count == data.anomalies.count, "\(name)")
                #expect(ChartOutput.elements("path", class: "band", in: svg).count == (data.forecast?.bands.count ?? 0))
                #expect(ChartOutput.texts(class: "tick", axis: "y", in: svg).count >= 1, "\(name)")
                #if canImport(FoundationXML)
                _ = try XMLDocument(xmlString: svg, options: [])
                #endif
            }
        }
    }

    @Test func bothRenderersLabelTheValueAxisAlike() {
        // Twelve rows leave nine plot rows, room for five ticks, as 300 units do in SVG.
        let data = SVGChartTests.sample
        let svg = ChartOutput.texts(class: "tick", axis: "y", in: SVGChart.render(data))
        let terminal = TerminalChart.render(data, width: 70, height: 12, color: false)
            .components(separatedBy: "\n").compactMap { line -> String? in
                guard let axis = line.firstIndex(of: "┤") else { return nil }
                return line[..<axis].trimmingCharacters(in: .whitespaces)
            }
        #expect(terminal.reversed() == svg)
    }

    @Test func emptyChartsSaySo() {
        #expect(SVGChart.render(ChartData(series: [])).contains(">no data</text>"))
        #expect(SVGChart.render(Self.datasets[3].1).contains(">no data</text>"))
        #expect(!SVGChart.render(Self.datasets[4].1).contains(">no data</text>"))
    }
}
