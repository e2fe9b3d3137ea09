import Foundation
import Testing
import TestSupport

/// The example notebooks in `notebooks/`, run again on the demo data: they validate against
/// the nbformat v4 schema (Jupyter's own validator), their committed outputs are what a run
/// produces, and their tables and SVG charts draw the data (one path point per observation,
/// counted independently with the sqlite3 shell; labelled ticks on both axes).
@Suite(.serialized)
struct NotebookExampleTests {
    static let names = ["capacity-review", "incident-review", "product-funnel-experiment", "weekly-health-report"]

    /// One notebook's committed text and the text of running it again.
    struct Run {
        let name: String
        let committed: String
        let produced: String
        let path: String
        let cells: [String: [String: Any]]
    }

    nonisolated(unsafe) private static var cache: [String: Run] = [:]

    /// Runs `notebooks/NAME.ipynb` on the demo database into a temporary file (once per name).
    static func run(_ name: String) throws -> Run {
        if let run = cache[name] { return run }
        let source = SharedData.projectRoot.appendingPathComponent("notebooks/\(name).ipynb").path
        let output = try NotebookTests.directory() + "/\(name).ipynb"
        let result = try BinaryRunner.run(["notebook", "run", source, "--db", try ShellScriptTests.database(), "--output", output],
                                          environment: ["NO_COLOR": "1"])
        #expect(result.status == 0, "\(name): \(result.stderr)")
        let produced = try String(contentsOfFile: output, encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(produced.utf8)) as? [String: Any])
        let list = try #require(document["cells"] as? [[String: Any]])
        let cells = Dictionary(list.compactMap { cell in (cell["id"] as? String).map { ($0, cell) } }, uniquingKeysWith: { a, _ in a })
        let run = Run(name: name, committed: try String(contentsOfFile: source, encoding: .utf8), produced: produced,
                      path: output, cells: cells)
        cache[name] = run
        return run
    }

    /// The SVG documents among a cell's outputs.
    static func charts(_ cell: [String: Any]?) -> [String] {
        NotebookTests.outputs(cell ?? [:]).map { NotebookTests.data($0, "image/svg+xml") }.filter { !$0.isEmpty }
    }

    /// The cell's table as HTML (empty when it printed none).
    static func html(_ cell: [String: Any]?) -> String {
        NotebookTests.outputs(cell ?? [:]).map { NotebookTests.data($0, "text/html") }.joined()
    }

    /// Every element of `tag` with class `name`, as its opening tag's text.
    static func elements(_ svg: String, _ tag: String, class name: String) -> [String] {
        svg.components(separatedBy: "<\(tag) ").dropFirst().map { String($0.prefix { $0 != ">" }) }
            .filter { $0.contains("class=\"\(name)\"") }
    }

    /// The value of attribute `name` in an element's text.
    static func attribute(_ element: String, _ name: String) -> String? {
        guard let start = element.range(of: " \(name)=\"") ?? element.range(of: "\(name)=\"") else { return nil }
        return String(element[start.upperBound...].prefix { $0 != "\"" })
    }

    /// The number of points a path's `d` visits: one `M` or `L` command each.
    static func pointCount(_ path: String) -> Int {
        (attribute(path, "d") ?? "").split(separator: " ").filter { $0.hasPrefix("M") || $0.hasPrefix("L") }.count
    }

    /// The tick labels on `axis` ("x" or "y").
    static func tickLabels(_ svg: String, axis: String) -> [String] {
        svg.components(separatedBy: "<text ").dropFirst()
            .filter { $0.prefix { $0 != ">" }.contains("class=\"tick\"") && $0.prefix { $0 != ">" }.contains("data-axis=\"\(axis)\"") }
            .map { piece in
                let afterTag = piece.drop { $0 != ">" }.dropFirst()
                return String(afterTag.prefix { $0 != "<" }).trimmingCharacters(in: .whitespacesAndNewlines)
            }
    }

    /// A chart that draws something: labelled ticks on both axes.
    static func expectLabelledAxes(_ svg: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let x = tickLabels(svg, axis: "x"), y = tickLabels(svg, axis: "y")
        #expect(x.count >= 2 && x.allSatisfy { !$0.isEmpty }, "\(context): x tick labels \(x)", sourceLocation: sourceLocation)
        #expect(y.count >= 2 && y.allSatisfy { !$0.isEmpty }, "\(context): y tick labels \(y)", sourceLocation: sourceLocation)
    }

    /// Points a series has in the store from `since` before its newest point on, by the sqlite3 shell.
    static func storedPoints(metric: String, service: String, since seconds: Int64) throws -> Int {
        let sql = """
            SELECT count(*) FROM point p JOIN series s ON s.id = p.series_id JOIN metric m ON m.id = s.metric_id
            JOIN series_label l ON l.series_id = s.id AND l.key = 'service' AND l.value = '\(service)'
            WHERE m.name = '\(metric)' AND p.ts >= (SELECT max(ts) FROM point WHERE series_id = s.id) - \(seconds) * 1000000000
            """
        return Int(try SQLiteShell.rows(try ShellScriptTests.database(), sql)[0][0]) ?? -1
    }

    // MARK: Schema and committed outputs

    /// Jupyter's validator on every notebook as committed and as run again. The Makefile's
    /// test target installs nbformat; without it a bare `swift test` skips the check, and CI
    /// (`CI` set) fails it instead.
    @Test(.enabled(if: NotebookTests.hasNbformat || ProcessInfo.processInfo.environment["CI"] != nil,
                   "Python's nbformat is not installed (make test installs it): schema check skipped"))
    func validateAgainstTheNbformatSchema() throws {
        var paths: [String] = []
        for name in Self.names {
            paths.append(SharedData.projectRoot.appendingPathComponent("notebooks/\(name).ipynb").path)
            paths.append(try Self.run(name).path)
        }
        let result = try Self.validate(paths)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == paths.count, "one line per valid notebook: \(result.stdout)")
    }

    /// Runs nbformat's validator on `paths`: one "valid PATH" line each, a traceback on the first invalid one.
    static func validate(_ paths: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, nbformat
            for path in sys.argv[1:]:
                notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
                nbformat.validate(notebook)
                assert notebook.nbformat == 4, path
                assert notebook.metadata.kernelspec.name == "insights", path
                assert notebook.metadata.language_info.name == "insights", path
                print("valid", path)
            """] + paths
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let failed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed, failed)
    }

    /// Every notebook in `notebooks/` is one of the examples tested here.
    @Test func everyNotebookIsTested() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: SharedData.projectRoot.appendingPathComponent("notebooks").path)
        #expect(files.filter { $0.hasSuffix(".ipynb") }.sorted() == Self.names.map { $0 + ".ipynb" })
    }

    /// The committed notebooks hold what running them produces: byte for byte, except SVG
    /// numbers (coordinates), compared to 0.02 user units since another CPU's BLAS kernels may
    /// round differently in the last bits. `make notebooks` re-runs them in place.
    @Test(arguments: names)
    func committedOutputsAreCurrent(name: String) throws {
        let run = try Self.run(name)
        let difference = Self.firstDifference(run.committed, run.produced, tolerance: 0.02)
        #expect(difference == nil, "\(name).ipynb differs from a fresh run (make notebooks re-runs it): \(difference ?? "")")
    }

    /// No cell failed, and every code cell but the parameters and settings printed or drew something.
    @Test(arguments: names)
    func everyCellRanWithoutErrors(name: String) throws {
        let run = try Self.run(name)
        for (id, cell) in run.cells where cell["cell_type"] as? String == "code" {
            let outputs = NotebookTests.outputs(cell)
            #expect(!outputs.contains { $0["output_type"] as? String == "error" }, "\(name) cell \(id): \(outputs)")
            #expect(cell["execution_count"] is Int, "\(name) cell \(id) ran")
            if id != "parameters" && id != "setup" {
                #expect(!outputs.isEmpty, "\(name) cell \(id) has outputs")
            }
        }
    }

    // MARK: What the outputs draw

    /// Every chart in every notebook has labelled ticks on both axes, and every line in it
    /// visits at least two points.
    @Test(arguments: names)
    func everyChartHasLabelledAxesAndData(name: String) throws {
        let run = try Self.run(name)
        var count = 0
        for (id, cell) in run.cells {
            for svg in Self.charts(cell) {
                count += 1
                Self.expectLabelledAxes(svg, "\(name) cell \(id)")
                for path in Self.elements(svg, "path", class: "history") {
                    #expect(Self.pointCount(path) >= 2, "\(name) cell \(id): \(path.prefix(120))")
                }
            }
        }
        #expect(count >= 3, "\(name) draws at least three charts, found \(count)")
    }

    /// Capacity review: the disks of every service, one path point per stored point of the
    /// last 14 days (sqlite3's count); the forecast's history likewise, its mean one point per
    /// step of the 2-day horizon, with the 80 and 95 % bands.
    @Test func capacityReviewDrawsEveryObservation() throws {
        let run = try Self.run("capacity-review")
        #expect(Self.html(run.cells["disk"]).components(separatedBy: "<tr><td>disk_usage_ratio").count - 1 == 4)
        let disk = try #require(Self.charts(run.cells["disk"]).first)
        let paths = Self.elements(disk, "path", class: "history")
        #expect(paths.count == 4)
        for service in ["auth", "checkout", "catalog", "search"] {
            let path = try #require(paths.first { $0.contains("service=&quot;\(service)&quot;") })
            #expect(Self.pointCount(path) == (try Self.storedPoints(metric: "disk_usage_ratio", service: service, since: 14 * 86_400)))
        }
        #expect(Self.html(run.cells["trend"]).contains("<th>crosses 0.9</th>"), "the time to the limit")
        #expect(Self.html(run.cells["trend"]).contains("<td>2026-02-21T"), "a time with its interval after it may wrap")
        let forecast = try #require(Self.charts(run.cells["forecast"]).first)
        let history = try #require(Self.elements(forecast, "path", class: "history").first)
        #expect(Self.pointCount(history) == (try Self.storedPoints(metric: "disk_usage_ratio", service: "catalog", since: 14 * 86_400)))
        let mean = try #require(Self.elements(forecast, "path", class: "forecast").first)
        #expect(Self.pointCount(mean) == 2 * 96, "2 days of 15-minute steps")
        #expect(Self.elements(forecast, "path", class: "band").compactMap { Self.attribute($0, "data-level") }.sorted() == ["80%", "95%"])
        #expect(NotebookTests.outputs(run.cells["forecast"] ?? [:]).contains { NotebookTests.data($0, "text/plain").contains("P(cross within 192 steps)") })
        // `.maxrows 12` cuts the 192 steps in every rendering of the table, and Markdown has one.
        let table = try #require(NotebookTests.outputs(run.cells["forecast"] ?? [:]).first)
        #expect(NotebookTests.data(table, "text/html").components(separatedBy: "<tr><td style=\"white-space: nowrap\">2026-").count - 1 == 12, "date-times kept on one line")
        let markdown = NotebookTests.data(table, "text/markdown")
        #expect(markdown.contains("| ds | mean | lo-80 | hi-80 | lo-95 | hi-95 |\n| --- | ---: |"), "\(markdown.prefix(200))")
        #expect(markdown.components(separatedBy: "\n| 2026-01-").count - 1 == 12 && markdown.contains("… 180 more rows"))
    }

    /// Incident review: one anomaly marker per anomaly listed in the table; the incident
    /// window's latency percentiles with one point per stored point (97 from 00:00 to 00:00).
    @Test func incidentReviewMarksTheAnomaliesAndDrawsTheWindow() throws {
        let run = try Self.run("incident-review")
        let listed = Self.html(run.cells["anomalies"]).components(separatedBy: "<tr><td>http_request_duration_seconds_p95").count - 1
        #expect(listed >= 1)
        let chart = try #require(Self.charts(run.cells["anomalies"]).first)
        #expect(Self.elements(chart, "circle", class: "anomaly").count == listed)
        let window = try #require(Self.charts(run.cells["window"]).first)
        let paths = Self.elements(window, "path", class: "history")
        #expect(paths.count == 3)
        let stored = try SQLiteShell.rows(try ShellScriptTests.database(), """
            SELECT count(*) FROM point p JOIN series s ON s.id = p.series_id JOIN metric m ON m.id = s.metric_id
            JOIN series_label l ON l.series_id = s.id AND l.key = 'service' AND l.value = 'checkout'
            WHERE m.name = 'http_request_duration_seconds_p95'
              AND p.ts BETWEEN unixepoch('2026-01-16T00:00:00Z') * 1000000000 AND unixepoch('2026-01-17T00:00:00Z') * 1000000000
            """)
        #expect(paths.allSatisfy { Self.pointCount($0) == Int(stored[0][0]) }, "\(paths.map(Self.pointCount)) vs \(stored)")
        let correlated = Self.html(run.cells["correlated"])
        #expect(correlated.contains("<td>http_request_duration_seconds_p50</td>") && !correlated.contains("<td>http_request_duration_seconds_p95</td>"))
    }

    /// Product readout: one bar per funnel step holding the count its table row gives; daily
    /// conversion as a panel per series, one point per day of the table; one heatmap cell per
    /// cohort-period the retention table shows (blank periods not drawn), holding its rate.
    @Test func productReadoutDrawsFunnelPanelsAndHeatmap() throws {
        let run = try Self.run("product-funnel-experiment")
        let funnel = try #require(Self.charts(run.cells["funnel"]).first)
        let bars = Self.elements(funnel, "rect", class: "bar")
        let table = Self.html(run.cells["funnel"])
        let counts = table.components(separatedBy: "<tr>").dropFirst(2).map { row in
            row.components(separatedBy: "<td").dropFirst(3).first.map { String($0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }) } ?? ""
        }
        #expect(bars.count == 3 && bars.compactMap { Self.attribute($0, "data-value") } == counts, "\(counts)")

        let daily = try #require(Self.charts(run.cells["daily"]).first)
        let panels = daily.components(separatedBy: "<g class=\"panel\" ").dropFirst().map { String($0.prefix { $0 != ">" }) }
        #expect(panels.compactMap { Self.attribute($0, "data-name") } == ["signup_started", "signed_up", "B / A"])
        let days = Self.html(run.cells["daily"]).components(separatedBy: "<tr><td>2026-").count - 1
        #expect(days == 14 && Self.elements(daily, "path", class: "history").map(Self.pointCount) == [days, days, days])

        let retention = try #require(Self.charts(run.cells["retention"]).first)
        let cells = Self.elements(retention, "rect", class: "cell")
        let rows = Self.html(run.cells["retention"]).components(separatedBy: "<tr><td>2026-").dropFirst()
        let shown = rows.map { $0.components(separatedBy: "%</td>").count - 1 }
        #expect(cells.count == shown.reduce(0, +) && shown.first == 7 && shown.last == 1, "\(shown)")
        let firstRate = try #require(cells.first.flatMap { Self.attribute($0, "data-value") }.flatMap(Double.init))
        #expect(String(format: "%.1f%%", 100 * firstRate) == "24.6%", "the first cohort's day 0, as its table row says")
        #expect(!Self.html(run.cells["experiment"]).isEmpty)
    }

    /// Weekly report: availability one point per hour bucket of the table; exceptions a line
    /// per service with one point per day; health and recommendation tables present.
    @Test func weeklyReportDrawsAvailabilityAndExceptions() throws {
        let run = try Self.run("weekly-health-report")
        let availability = try #require(Self.charts(run.cells["availability"]).first)
        let points = Self.html(run.cells["availability"]).components(separatedBy: "<tr><td>availability_ratio").dropFirst()
            .map { Int($0.components(separatedBy: "<td style=\"text-align: right\">")[1].prefix { $0.isNumber }) ?? -1 }
        #expect(points.count == 4 && Self.elements(availability, "path", class: "history").map(Self.pointCount) == points)
        let exceptions = try #require(Self.charts(run.cells["exceptions-daily"]).first)
        let days = Self.html(run.cells["exceptions-daily"]).components(separatedBy: "<tr><td>2026-").count - 1
        let lines = Self.elements(exceptions, "path", class: "history")
        #expect(lines.count == 4 && lines.allSatisfy { Self.pointCount($0) == days } && days >= 7, "\(days) days")
        #expect(Self.html(run.cells["health"]).contains("<th style=\"text-align: right\">score</th>"))
        #expect(Self.html(run.cells["recommend"]).contains("<td>funnel_drop</td>"))
    }

    /// The first place where `a` and `b` differ, nil when they agree: everything byte for
    /// byte except inside `image/svg+xml` outputs, where runs of digits compare as numbers
    /// within `tolerance`.
    static func firstDifference(_ a: String, _ b: String, tolerance: Double) -> String? {
        let (left, leftCharts) = withoutCharts(a), (right, rightCharts) = withoutCharts(b)
        if left != right {
            let common = zip(left, right).prefix { $0 == $1 }.count
            return "after …\(left.prefix(common).suffix(160)): '\(left.dropFirst(common).prefix(60))' vs '\(right.dropFirst(common).prefix(60))'"
        }
        guard leftCharts.count == rightCharts.count else { return "\(leftCharts.count) vs \(rightCharts.count) charts" }
        for (chart, (x, y)) in zip(leftCharts, rightCharts).enumerated() {
            let first = tokens(x), second = tokens(y)
            for (index, (p, q)) in zip(first, second).enumerated() where p != q {
                if let p = Double(p), let q = Double(q), abs(p - q) <= tolerance { continue }
                return "chart \(chart + 1), after …\(first[max(0, index - 8)..<index].joined().suffix(120)): '\(p)' vs '\(q)'"
            }
            if first.count != second.count { return "chart \(chart + 1): \(first.count) vs \(second.count) tokens" }
        }
        return nil
    }

    /// The notebook text with each SVG output's lines replaced by a marker, and those lines.
    static func withoutCharts(_ text: String) -> (text: String, charts: [String]) {
        var rest = Substring(text), kept = "", charts: [String] = []
        while let start = rest.range(of: "\"image/svg+xml\": ["), let end = rest[start.upperBound...].range(of: #""\n *\]"#, options: .regularExpression) {
            kept += rest[..<start.upperBound] + "<svg>"
            charts.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.lowerBound...]
        }
        return (kept + rest, charts)
    }

    /// Text split into numbers (digits with an optional fraction) and the runs between them.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var numeric = false
        for c in text {
            let digit = c.isASCII && (c.isNumber || (c == "." && numeric))
            if digit != numeric && !current.isEmpty {
                result.append(current)
                current = ""
            }
            numeric = digit
            current.append(c)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
