import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import InsightsQuery
import Testing

struct SVGChartTests {
    static let hour: Int64 = 3_600_000_000_000
    /// 2025-11-27 00:00:00 UTC (Python `datetime`).
    static let midnight: Int64 = 1_764_201_600_000_000_000

    /// Twelve hourly values with a gap of two at indices 4 and 5 (ten observations in two
    /// runs), a six-step forecast with 80% and 95% bands, and two anomalies.
    static let sample: ChartData = {
        let times = (0..<12).map { midnight + Int64($0) * hour }
        var values = (0..<12).map { 40 + 3 * Double($0) }
        values[4] = .nan
        values[5] = .nan
        let future = (12..<18).map { midnight + Int64($0) * hour }
        let mean = (12..<18).map { 40 + 3 * Double($0) }
        let narrow = ChartData.Band(level: 0.8, lower: mean.map { $0 - 4 }, upper: mean.map { $0 + 4 })
        let wide = ChartData.Band(level: 0.95, lower: mean.map { $0 - 9 }, upper: mean.map { $0 + 9 })
        return ChartData(title: "p99 <api> & \"db\"", unit: "ms", timestamps: times, values: values,
                         forecast: .init(timestamps: future, mean: mean, bands: [narrow, wide]),
                         anomalies: [.init(timestamp: times[2], score: 4.2), .init(timestamp: times[9])])
    }()

    @Test func isAStandaloneDocument() {
        let svg = SVGChart.render(Self.sample)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("viewBox=\"0 0 800 300\""))
        #expect(svg.hasSuffix("</svg>\n"))
        for forbidden in ["<script", "href", "url(", "<image", "<style", "@import"] {
            #expect(!svg.contains(forbidden), "\(forbidden)")
        }
    }

    @Test func historyPathHasOneCommandPerObservationAndBreaksAtGaps() throws {
        let svg = SVGChart.render(Self.sample)
        let paths = ChartOutput.elements("path", class: "history", in: svg)
        #expect(paths.count == 1)
        let commands = try ChartOutput.pathCommands(#require(ChartOutput.attribute("d", of: paths[0])))
        // Ten finite observations in two runs: M, three L, then M and five L.
        #expect(commands.count == 10)
        #expect(commands == ["M", "L", "L", "L", "M", "L", "L", "L", "L", "L"])
        let forecast = ChartOutput.elements("path", class: "forecast", in: svg)
        #expect(forecast.count == 1)
        #expect(try ChartOutput.pathCommands(#require(ChartOutput.attribute("d", of: forecast[0]))).count == 6)
    }

    @Test func bandsAreClosedAreasWidestFirst() throws {
        let bands = ChartOutput.elements("path", class: "band", in: SVGChart.render(Self.sample))
        #expect(bands.map { ChartOutput.attribute("data-level", of: $0) } == ["95%", "80%"])
        for band in bands {
            let d = try #require(ChartOutput.attribute("d", of: band))
            // Six upper points forwards and six lower points back, closed.
            #expect(ChartOutput.pathCommands(d) == ["M"] + Array(repeating: "L", count: 11))
            #expect(d.hasSuffix(" Z"))
        }
    }

    @Test func oneMarkerPerAnomaly() {
        let svg = SVGChart.render(Self.sample)
        #expect(ChartOutput.elements("circle", class: "anomaly", in: svg).count == 2)
        #expect(svg.contains("<title>11-27 02:00 score 4.20</title>"))
    }

    @Test func tickLabelsFollowTheSharedRules() {
        let svg = SVGChart.render(Self.sample)
        // Values 40…100 (the history starts at 40; the wide band ends at 40 + 3·17 + 9) in at
        // most five ticks (230 units of plot height, 30 a tick, capped at five): step 10 needs
        // 7, step 20 spans 40…100 in 4.
        #expect(ChartOutput.texts(class: "tick", axis: "y", in: svg) == ["40 ms", "60 ms", "80 ms", "100 ms"])
        // Seventeen hours: HH:MM. The plot runs from 14 + 7·6 ("100 ms") = 56 to 800 − 16 =
        // 784, and a label takes 5·7 + 20 = 55 units: 13 fit. Hourly needs 18, two-hourly 9.
        #expect(ChartOutput.texts(class: "tick", axis: "x", in: svg)
                == ["00:00", "02:00", "04:00", "06:00", "08:00", "10:00", "12:00", "14:00", "16:00"])
        #expect(ChartOutput.elements("line", class: "axis", in: svg).count == 2)
    }

    @Test func textIsEscaped() {
        let svg = SVGChart.render(Self.sample)
        #expect(svg.contains(">p99 &lt;api&gt; &amp; &quot;db&quot;</text>"))
        #expect(!svg.contains("<api>"))
        #expect(!svg.contains("& "))
        let controls = ChartData(title: "a\u{1}b\u{7F}", timestamps: [0], values: [1])
        #expect(SVGChart.render(controls).contains(">ab\u{7F}</text>"))
    }

    @Test func sameInputSameBytes() {
        let first = SVGChart.render(Self.sample)
        let copy = ChartData(title: Self.sample.title, unit: Self.sample.unit, series: Self.sample.series,
                             forecast: Self.sample.forecast, anomalies: Self.sample.anomalies)
        #expect(SVGChart.render(copy) == first)
        #expect(SVGChart.render(Self.sample) == first)
        // Coordinates carry exactly two decimals.
        let coordinates = first.matches(of: /\s(?:x|y|x1|y1|x2|y2|cx|cy)="([^"]*)"/).map { String($0.1) }
        #expect(coordinates.count > 20)
        #expect(coordinates.allSatisfy { $0.wholeMatch(of: /-?[0-9]+\.[0-9]{2}/) != nil || $0 == "0" || $0 == "20" })
    }

    @Test func severalSeriesEachGetAPath() throws {
        let times = (0..<5).map { Int64($0) * Self.hour }
        let data = ChartData(series: [.init(name: "a", timestamps: times, values: [1, 2, 3, 4, 5]),
                                      .init(name: "b", timestamps: times, values: [5, 4, .nan, 2, 1])])
        let svg = SVGChart.render(data)
        let paths = ChartOutput.elements("path", class: "history", in: svg)
        #expect(paths.map { ChartOutput.attribute("data-name", of: $0) } == ["a", "b"])
        #expect(try ChartOutput.pathCommands(#require(ChartOutput.attribute("d", of: paths[1]))) == ["M", "L", "M", "L"])
        #expect(svg.contains(">a</text>") && svg.contains(">b</text>"))
    }

    @Test func aLoneObservationGetsADot() {
        // Index 1 lies between two gaps; index 3 ends a run of two, so only one dot.
        let data = ChartData(timestamps: (0..<5).map { Int64($0) * Self.hour }, values: [.nan, 2, .nan, 4, 5])
        let svg = SVGChart.render(data)
        let dots = ChartOutput.elements("circle", class: "point", in: svg)
        #expect(dots.count == 1)
        let path = ChartOutput.elements("path", class: "history", in: svg)[0]
        // The dot sits where the path's lone M is.
        let tokens = ChartOutput.attribute("d", of: path)?.split(separator: " ").map(String.init) ?? []
        #expect(tokens.count == 6 && tokens[2].hasPrefix("M"))
        #expect(tokens.prefix(2) == ["M" + (ChartOutput.attribute("cx", of: dots[0]) ?? ""), ChartOutput.attribute("cy", of: dots[0]) ?? ""])
    }

    #if canImport(FoundationXML)
    @Test func parsesAsXMLWithTheSameStructure() throws {
        let document = try XMLDocument(xmlString: SVGChart.render(Self.sample), options: [])
        func count(_ name: String, _ cls: String) throws -> Int {
            try document.nodes(forXPath: "//*[local-name()='\(name)'][@class='\(cls)']").count
        }
        #expect(try count("path", "history") == 1)
        #expect(try count("path", "forecast") == 1)
        #expect(try count("path", "band") == 2)
        #expect(try count("circle", "anomaly") == 2)
        #expect(try count("text", "tick") == 4 + 9)
        let title = try document.nodes(forXPath: "//*[local-name()='text'][@class='title']").first?.stringValue
        #expect(title == "p99 <api> & \"db\"")
        #expect(try document.nodes(forXPath: "/*/@viewBox").first?.stringValue == "0 0 800 300")
    }
    #endif
}
