import Foundation
import Testing
import TestSupport

/// `.chart on` under decompose, funnel, retention, changepoints, trend and forecast on the demo
/// data: the chart `.plot` writes (the one the terminal shows and a notebook embeds) against
/// the subcommand's own JSON and, for the behavior charts, SQL on the raw events.
@Suite(.serialized)
struct ShellChartTests {
    /// Runs `statements` under `.chart on`, then `.plot`s the last chart; returns the standard
    /// output and the SVG.
    static func chart(_ statements: String) throws -> (stdout: String, svg: String) {
        let file = try TemporaryDatabase.path("chart.svg")
        let result = try ShellScriptTests.run(".chart on\n\(statements)\n.plot \(file)")
        #expect(result.status == 0, "\(statements): \(result.stderr)")
        return (result.stdout, try String(contentsOfFile: file, encoding: .utf8))
    }

    /// The JSON a statement prints in `--format json`.
    static func json(_ statement: String) throws -> Any {
        let result = try ShellScriptTests.run(statement, format: "json")
        #expect(result.status == 0, "\(statement): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// Start tags of `<name class="cls"` elements.
    static func elements(_ name: String, _ cls: String, in svg: String) -> [String] {
        svg.components(separatedBy: "\n").filter { $0.hasPrefix("<\(name) class=\"\(cls)\"") }
    }

    static func attribute(_ name: String, of tag: String) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The number of M/L commands of a path's data.
    static func points(_ tag: String) -> Int {
        (attribute("d", of: tag) ?? "").filter { $0 == "M" || $0 == "L" }.count
    }

    @Test func decomposeDrawsAPanelPerComponent() throws {
        let statement = #"decompose cpu_usage_ratio{service="auth"} since 3d step 1h"#
        let (stdout, svg) = try Self.chart(statement)
        let report = try #require((try Self.json(statement) as? [[String: Any]])?.first)
        let observed = try #require(report["observed"] as? [Any])
        let finite = observed.filter { $0 is Double }.count
        #expect(finite > 48)
        let panels = svg.components(separatedBy: "<g class=\"panel\"").dropFirst()
        #expect(panels.map { $0.prefix { $0 != ">" } }
                == [" data-name=\"observed\"", " data-name=\"trend\"", " data-name=\"seasonal (period 24)\"", " data-name=\"remainder\""])
        for panel in panels {
            let paths = Self.elements("path", "history", in: String(panel))
            #expect(paths.count == 1 && Self.points(paths[0]) == finite)
            #expect(panel.contains("class=\"tick\" data-axis=\"y\""))
        }
        #expect(svg.contains("<text class=\"tick\" data-axis=\"x\""))
        // The terminal shows the same panels, stacked.
        for label in ["observed", "trend", "seasonal (period 24)", "remainder"] {
            #expect(stdout.components(separatedBy: "\n").contains(label), "\(label)")
        }
        #expect(stdout.components(separatedBy: "└").count == 2)
    }

    @Test func funnelDrawsABarPerStep() throws {
        let statement = "funnel signup_started, signed_up, purchase window 1d"
        let (stdout, svg) = try Self.chart(statement)
        let steps = try #require((try Self.json(statement) as? [String: Any])?["steps"] as? [[String: Any]])
        let counts = steps.map { $0["count"] as? Int ?? -1 }
        let bars = Self.elements("rect", "bar", in: svg)
        #expect(bars.count == 3)
        #expect(bars.map { Self.attribute("data-value", of: $0) } == counts.map(String.init))
        // The first two counts from the raw events (as ShellScriptTests.funnelAndRetention).
        let reached = try ShellScriptTests.sqlite("""
            WITH s AS (SELECT e.actor_id AS actor, e.ts FROM event e JOIN event_name n ON n.id = e.name_id WHERE n.name = 'signup_started'),
                 u AS (SELECT e.actor_id AS actor, e.ts FROM event e JOIN event_name n ON n.id = e.name_id WHERE n.name = 'signed_up')
            SELECT (SELECT count(DISTINCT actor) FROM s),
                   (SELECT count(DISTINCT s.actor) FROM s JOIN u ON u.actor = s.actor AND u.ts >= s.ts AND u.ts <= s.ts + 86400000000000)
            """)
        #expect(counts.prefix(2).map(String.init) == reached[0])
        let heights = bars.map { Double(Self.attribute("height", of: $0) ?? "") ?? .nan }
        #expect(abs(heights[1] / heights[0] - Double(counts[1]) / Double(counts[0])) < 1e-3)
        let share = String(format: "%.1f%%", 100 * Double(counts[1]) / Double(counts[0]))
        #expect(Self.attribute("data-share", of: bars[1]) == share)
        #expect(stdout.contains("signed_up     │█") && stdout.contains(share))
    }

    @Test func retentionDrawsAHeatmapOfObservedPeriods() throws {
        let statement = "retention signed_up, $pageview period week periods 3"
        let (stdout, svg) = try Self.chart(statement)
        let cohorts = try #require((try Self.json(statement) as? [String: Any])?["cohorts"] as? [[String: Any]])
        var expected: [Double] = []
        for cohort in cohorts {
            let rates = try #require(cohort["rates"] as? [Double])
            expected += rates.prefix(try #require(cohort["periods_observed"] as? Int))
        }
        let cells = Self.elements("rect", "cell", in: svg)
        #expect(cells.count == expected.count)
        let values = cells.map { Double(Self.attribute("data-value", of: $0) ?? "") ?? .nan }
        #expect(zip(values, expected).allSatisfy { abs($0 - $1) < 1e-12 } && values.count == expected.count)
        // Cohort sizes from the raw events label the rows.
        let sizes = try ShellScriptTests.sqlite("""
            WITH f AS (SELECT e.actor_id, min(e.ts) AS t FROM event e JOIN event_name n ON n.id = e.name_id
                       WHERE n.name = 'signed_up' GROUP BY e.actor_id)
            SELECT date(t / 1000000000, 'unixepoch', '-6 days', 'weekday 1') AS w, count(*) FROM f GROUP BY w ORDER BY w
            """)
        for row in sizes {
            #expect(svg.contains(">\(row[0]) (\(row[1]))</text>"), "\(row)")
            #expect(stdout.contains("\(row[0]) (\(row[1]))"))
        }
        #expect(stdout.contains("week"))
    }

    @Test func changePointsTrendAndThresholdsOnTheSeries() throws {
        let changes = #"changepoints cpu_usage_ratio{service="auth"} since 3d step 1h"#
        let report = try #require(try Self.json(changes) as? [String: Any])
        let found = try #require((report["series"] as? [[String: Any]])?.first?["change_points"] as? [Any])
        let markers = Self.elements("line", "marker", in: try Self.chart(changes).svg)
        #expect(!found.isEmpty && markers.count == found.count)

        let trend = try Self.chart(#"trend cpu_usage_ratio{service="auth"} since 3d step 1h threshold 0.3"#).svg
        let paths = Self.elements("path", "history", in: trend)
        #expect(paths.map { Self.attribute("data-name", of: $0) } == ["observed", "trend line"])
        #expect(paths.count == 2 && Self.points(paths[0]) == Self.points(paths[1]))
        #expect(Self.elements("line", "threshold", in: trend).map { Self.attribute("data-value", of: $0) } == ["0.3"])

        let forecast = try Self.chart(#"forecast cpu_usage_ratio{service="auth"} since 3d step 1h horizon 6 threshold 0.8"#).svg
        #expect(Self.elements("path", "forecast", in: forecast).count == 1)
        #expect(Self.elements("line", "threshold", in: forecast).map { Self.attribute("data-value", of: $0) } == ["0.8"])
        #expect(forecast.contains(">threshold 80% (above)</text>"), "labelled in the metric's unit, as the axis")
    }

    /// A notebook cell with a funnel under `.chart on` gets the bars as its SVG output.
    @Test func notebooksEmbedTheNewKinds() throws {
        let directory = try NotebookTests.directory()
        let input = directory + "/charts.ipynb", output = directory + "/charts-out.ipynb"
        try """
            {"cells": [{"cell_type": "code", "id": "funnel", "metadata": {}, "execution_count": null, "outputs": [],
                        "source": [".chart on\\n", "funnel signup_started, signed_up window 1d\\n",
                                   "retention signed_up, $pageview period week periods 2"]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["notebook", "run", input, "--db", try ShellScriptTests.database(), "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(try String(contentsOfFile: output, encoding: .utf8).utf8))
        let cell = try #require(((document as? [String: Any])?["cells"] as? [[String: Any]])?.first)
        let charts = NotebookTests.outputs(cell).filter { $0["output_type"] as? String == "display_data" }
        #expect(charts.count == 2)
        #expect(NotebookTests.data(charts[0], "image/svg+xml").contains("<rect class=\"bar\""))
        #expect(NotebookTests.data(charts[0], "text/plain") == "<chart: funnel signup_started → signed_up>")
        #expect(NotebookTests.data(charts[1], "image/svg+xml").contains("<rect class=\"cell\""))
    }
}
