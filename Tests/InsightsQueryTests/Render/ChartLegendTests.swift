import Foundation
import Testing
@testable import InsightsQuery

/// Legends name series by what tells them apart, and stay inside the document however long
/// the names: one row beside the title when it fits, else rows under it with the plot below.
struct ChartLegendTests {
    static func series(_ names: [String]) -> [ChartData.Series] {
        names.map { ChartData.Series(name: $0, timestamps: [0, 60_000_000_000], values: [1, 2]) }
    }

    @Test func legendNamesLeaveOutWhatEverySeriesShares() {
        let four = ChartData(series: Self.series([
            #"disk_usage_ratio{region="eu-west", service="auth"}"#, #"disk_usage_ratio{region="eu-west", service="checkout"}"#,
            #"disk_usage_ratio{region="us-east", service="catalog"}"#,
        ]))
        #expect(four.legendNames == [#"region="eu-west", service="auth""#, #"region="eu-west", service="checkout""#,
                                     #"region="us-east", service="catalog""#])
        let oneRegion = ChartData(series: Self.series([#"cpu{region="eu", service="a"}"#, #"cpu{region="eu", service="b"}"#]))
        #expect(oneRegion.legendNames == [#"service="a""#, #"service="b""#])
        let metrics = ChartData(series: Self.series([#"p50{service="a"}"#, #"p99{service="a"}"#]))
        #expect(metrics.legendNames == ["p50", "p99"])
        let mixed = ChartData(series: Self.series([#"p50{service="a"}"#, #"p99{service="b"}"#]))
        #expect(mixed.legendNames == [#"p50{service="a"}"#, #"p99{service="b"}"#])
        let quoted = ChartData(series: Self.series([#"m{k="a \"x\", y"}"#, #"m{k="b"}"#]))
        #expect(quoted.legendNames == [#"k="a \"x\", y""#, #"k="b""#], "a quoted comma or quote stays in its value")
        #expect(ChartData(series: Self.series([#"m{k="a"}"#])).legendNames == [#"m{k="a"}"#], "one series keeps its name")
        #expect(ChartData(series: Self.series(["", ""])).legendNames == ["history", "series 2"])
        #expect(ChartData(series: Self.series([#"m{k="a"}"#, #"m{k="a"}"#])).legendNames == [#"m{k="a"}"#, #"m{k="a"}"#],
                "names that would become alike are kept whole")
    }

    /// The x of every legend label and its estimated end, and the plot's top (the y axis' y1).
    static func layout(_ svg: String) -> (labels: [(x: Double, y: Double, text: String)], plotTop: Double) {
        let labels = svg.components(separatedBy: "<text class=\"legend-label\" ").dropFirst().map { piece in
            func number(_ name: String) -> Double {
                Double(piece.components(separatedBy: "\(name)=\"")[1].prefix { $0 != "\"" }) ?? .nan
            }
            let text = piece.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }.trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            return (number("x"), number("y"), text)
        }
        let axis = svg.components(separatedBy: "<line class=\"axis\" data-axis=\"y\" ")[1]
        return (labels, Double(axis.components(separatedBy: "y1=\"")[1].prefix { $0 != "\"" }) ?? .nan)
    }

    @Test func longLegendsWrapUnderTheTitleAndPushThePlotDown() {
        let names = (1...4).map { #"http_request_duration_seconds_p95{region="eu-west-\#($0)", service="checkout-service-\#($0)"}"# }
        let chart = ChartData(title: "latency of every checkout service in every region", series: Self.series(names))
        let svg = SVGChart.render(chart, width: 800, height: 300)
        let (labels, plotTop) = Self.layout(svg)
        #expect(labels.count == 4)
        for label in labels {
            #expect(label.x >= 0 && label.x + Double(label.text.count) * 7 <= 800 - 16 + 1, "\(label)")
            #expect(label.y > 20, "under the title's baseline: \(label)")
        }
        let lowest = labels.map(\.y).max() ?? 0
        #expect(Set(labels.map(\.y)).count >= 2, "more than one row")
        #expect(plotTop >= lowest + 10, "the plot starts under the legend: \(plotTop) vs \(lowest)")
    }

    @Test func shortLegendsStayInOneRowBesideTheTitle() {
        let chart = ChartData(title: "cpu", series: Self.series([#"cpu{service="a"}"#, #"cpu{service="b"}"#]))
        let (labels, plotTop) = Self.layout(SVGChart.render(chart, width: 800, height: 300))
        #expect(labels.map(\.y) == [20, 20] && labels.allSatisfy { $0.x > 400 }, "right-aligned on the title's line: \(labels)")
        #expect(plotTop == 34)
    }

    @Test func aNameTooLongForARowIsCut() {
        let chart = ChartData(title: "t", series: Self.series([String(repeating: "x", count: 300), "y"]))
        let (labels, _) = Self.layout(SVGChart.render(chart, width: 400, height: 300))
        #expect(labels[0].text.hasSuffix("…") && Double(labels[0].text.count) * 7 + labels[0].x <= 400)
    }
}
