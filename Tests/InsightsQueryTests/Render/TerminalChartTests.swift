import Foundation
import InsightsQuery
import Testing

struct TerminalChartTests {
    static let hour: Int64 = 3_600_000_000_000
    /// 2025-11-27 00:00:00 UTC (Python `datetime`).
    static let midnight: Int64 = 1_764_201_600_000_000_000

    /// The smallest full chart: 6 × 4 cells. Values 1 then 0 give the ticks 0 and 1 (the label
    /// column is one wide), so the plot is 4 × 2 cells = 8 × 8 pixels and the line runs
    /// from pixel (0, 0) to (7, 7): the diagonal (i, i).
    ///
    /// Row 0 (pixels y 0…3): cell 0 has (0,0) dot 1 + (1,1) dot 5 = 0x11 ⠑; cell 1 has
    /// (2,2) dot 3 + (3,3) dot 8 = 0x84 ⢄. Row 1 (y 4…7) repeats that in cells 2 and 3.
    /// Seven hours at five columns per label leave no room for a time label.
    @Test func aDiagonalInTheSmallestChart() {
        let data = ChartData(timestamps: [0, 7 * Self.hour], values: [1, 0])
        let expected = "1┤\u{2811}\u{2884}  \n" + "0┤  \u{2811}\u{2884}\n" + " └────\n"
        #expect(TerminalChart.render(data, width: 6, height: 4, color: false) == expected)
    }

    /// A flat history at 100 for ten hours, a flat forecast at 0 for the next ten with a band
    /// from -20 to 20, and one anomaly.
    static let flat: ChartData = {
        let history = (0..<10).map { Self.midnight + Int64($0) * hour }
        let future = (10..<20).map { Self.midnight + Int64($0) * hour }
        let band = ChartData.Band(level: 0.9, lower: Array(repeating: -20, count: 10), upper: Array(repeating: 20, count: 10))
        return ChartData(title: "latency", unit: "ms", timestamps: history, values: Array(repeating: 100, count: 10),
                         forecast: .init(timestamps: future, mean: Array(repeating: 0, count: 10), bands: [band]),
                         anomalies: [.init(timestamp: history[4], score: 5)])
    }()

    @Test func titleAxesAndLabels() {
        let lines = TerminalChart.render(Self.flat, width: 60, height: 12, color: false).components(separatedBy: "\n")
        #expect(lines.count == 12)
        // The title, then a legend telling the line kinds apart (the band's level as a percentage).
        #expect(lines[0] == "latency  ─ history  ┈ forecast  ░ 90%  ● anomaly")
        // Values -20…100 in at most 5 ticks (9 plot rows): step 50 spans -50…100 in 4.
        let labels = lines[1..<10].map { $0.prefix { $0 != "┤" && $0 != "│" }.trimmingCharacters(in: .whitespaces) }
        #expect(labels.filter { !$0.isEmpty } == ["100 ms", "50 ms", "0 ms", "-50 ms"])
        #expect(lines[10].contains("└") && lines[10].contains("┬"))
        // Nineteen hours (within a day) are labelled HH:MM, here every three hours.
        let times = lines[11].split(separator: " ").map(String.init)
        #expect(times == ["00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00"])
    }

    @Test func historyIsSolidForecastDottedBandShadedAnomalyMarked() {
        let text = TerminalChart.render(Self.flat, width: 60, height: 12, color: false)
        let rows = text.components(separatedBy: "\n")[1..<10].map { line in
            Array(line.drop { $0 != "┤" && $0 != "│" }.dropFirst())
        }
        let columns = rows[0].count
        // Time 9 h of 19 is at pixel round(9/19 · (2·columns − 1)); the forecast starts an hour later.
        let lastHistoryColumn = Int((9.0 / 19 * Double(2 * columns - 1)).rounded()) / 2
        var historyDots: [Int] = []
        var forecastDots: [Int] = []
        for row in rows {
            for (column, character) in row.enumerated() {
                let scalar = character.unicodeScalars.first!.value
                guard (0x2801...0x28FF).contains(scalar) else { continue }
                let dots = (scalar - 0x2800).nonzeroBitCount
                if column <= lastHistoryColumn { historyDots.append(dots) } else { forecastDots.append(dots) }
            }
        }
        // A flat solid line raises both dots of one row in a cell (but the last cell, where the
        // line may end in the left column); a dotted one every other pixel, one dot per cell.
        #expect(historyDots.count > 2 && historyDots.dropLast().allSatisfy { $0 == 2 })
        #expect(!forecastDots.isEmpty && forecastDots.allSatisfy { $0 == 1 })
        let shaded = rows.flatMap { $0.enumerated().filter { $0.element == "░" }.map(\.offset) }
        #expect(!shaded.isEmpty && shaded.allSatisfy { $0 > lastHistoryColumn })
        #expect(rows.joined().filter { $0 == "●" }.count == 1)
        // The anomaly sits on the history's row: the row with the solid line.
        let anomalyRow = rows.firstIndex { $0.contains("●") }
        let historyRow = rows.firstIndex { row in row.contains { $0 == "\u{2809}" || $0 == "\u{2812}" || $0 == "\u{2824}" || $0 == "\u{28C0}" } }
        #expect(anomalyRow != nil && anomalyRow == historyRow)
    }

    @Test func colourOnlyWhenAskedAndNeverChangingTheText() {
        let plain = TerminalChart.render(Self.flat, width: 60, height: 12, color: false)
        let coloured = TerminalChart.render(Self.flat, width: 60, height: 12, color: true)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[1;31m●"))
        #expect(ChartOutput.visibleText(coloured) == plain)
    }

    @Test func aNarrowChartKeepsTheTitleAndDropsTheLegend() {
        let lines = TerminalChart.render(Self.flat, width: 30, height: 12, color: false).components(separatedBy: "\n")
        #expect(lines[0] == "latency")
        // A lone history needs no legend and, without a title, no header line at all.
        let bare = ChartData(timestamps: [0, Self.hour], values: [1, 2])
        #expect(!TerminalChart.render(bare, width: 30, height: 10, color: false).hasPrefix("─"))
        #expect(TerminalChart.render(bare, width: 30, height: 10, color: false).components(separatedBy: "\n")[0].contains("┤"))
    }

    @Test func nothingToDrawSaysSo() {
        for data in [ChartData(series: []), ChartData(timestamps: [0, Self.hour], values: [.nan, .nan])] {
            let lines = TerminalChart.render(data, width: 30, height: 9, color: false).components(separatedBy: "\n")
            #expect(lines.count == 9)
            #expect(lines.filter { $0.contains("no data") }.count == 1)
        }
    }

    @Test func spansChooseTheirTimeFormat() {
        func labels(days: Int64) -> String {
            let data = ChartData(timestamps: [Self.midnight, Self.midnight + days * 24 * Self.hour], values: [1, 2])
            return TerminalChart.render(data, width: 80, height: 8, color: false).components(separatedBy: "\n").last!
        }
        func matches(_ text: String, _ pattern: String) -> Bool {
            let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let labels = pattern.contains(" ") ? stride(from: 0, to: words.count - 1, by: 2).map { words[$0] + " " + words[$0 + 1] } : words
            return !labels.isEmpty && labels.allSatisfy { $0.range(of: "^" + pattern + "$", options: .regularExpression) != nil }
        }
        // Within a day HH:MM; within a week MM-DD HH:MM; beyond, YYYY-MM-DD.
        #expect(matches(labels(days: 1), "[0-2][0-9]:[0-5][0-9]"))
        #expect(matches(labels(days: 3), "1[12]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]"))
        #expect(labels(days: 3).contains("11-28 00:00"))
        // Sixty days from Thursday 2025-11-27: fortnights from Monday 2025-12-08.
        #expect(matches(labels(days: 60), "20[0-9][0-9]-[01][0-9]-[0-3][0-9]"))
        #expect(labels(days: 60).contains("2025-12-08"))
    }

    @Test func tooSmallForAxesDegradesToASparkline() {
        let values = (0..<30).map { Double($0 % 8) }
        let data = ChartData(timestamps: (0..<30).map { Int64($0) * Self.hour }, values: values)
        for height in 1...3 {
            #expect(TerminalChart.render(data, width: 12, height: height, color: false)
                    == Sparkline.render(values, width: 12))
        }
        // Four rows but the label column leaves fewer than four plot columns.
        #expect(TerminalChart.render(data, width: 5, height: 10, color: false) == Sparkline.render(values, width: 5))
        #expect(TerminalChart.render(data, width: 0, height: 10, color: false) == "")
        #expect(TerminalChart.render(data, width: 10, height: 0, color: false) == "")
    }
}
