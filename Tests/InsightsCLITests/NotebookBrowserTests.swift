import Foundation
import Testing
import TestSupport

/// The HTML report of a run on the demo data, opened in headless Chromium: it loads nothing but
/// itself and logs nothing, its charts are SVG elements in the loaded DOM, and a screenshot shows
/// them. Skipped only when chromium is not installed (`make test` installs it).
@Suite(.serialized, .enabled(if: HeadlessChromium.executable != nil, "chromium is not installed (apt-get install chromium): browser checks skipped"))
struct NotebookBrowserTests {
    /// Markdown, a charted selection, a charted forecast and an error: everything fits in the
    /// 1200×2000 screenshot.
    static let notebook = """
        {
         "cells": [
          {"cell_type": "markdown", "id": "intro", "metadata": {},
           "source": ["# Checkout: latency and load\\n", "\\n", "The **p95 latency** and the request rate of `checkout` on the demo data:\\n", "\\n",
                      "- the last two days of latency;\\n", "- a forecast of the request rate for the next three hours, with 80% and 95% bands.\\n"]},
          {"cell_type": "code", "id": "params", "metadata": {"tags": ["parameters"]}, "execution_count": null, "outputs": [],
           "source": "let service = \\"checkout\\""},
          {"cell_type": "code", "id": "latency", "metadata": {}, "execution_count": null, "outputs": [],
           "source": [".chart on\\n", "http_request_duration_seconds_p95{service=$service} since 2d\\n", ".chart off"]},
          {"cell_type": "code", "id": "forecast", "metadata": {}, "execution_count": null, "outputs": [],
           "source": [".chart on\\n", "forecast http_requests_per_second{service=$service} since 3d horizon 3h level 80,95\\n", ".chart off"]},
          {"cell_type": "code", "id": "typo", "metadata": {}, "execution_count": null, "outputs": [],
           "source": "trend cpu_usgae_ratio since 1d"}
         ],
         "metadata": {"kernelspec": {"display_name": "insights", "language": "insights", "name": "insights"},
                      "language_info": {"name": "insights"}},
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """

    /// Runs the notebook with `--html`; returns the report's path and the SVG outputs of the run notebook.
    static func report() throws -> (page: URL, svgs: [String]) {
        let directory = try NotebookTests.directory()
        try notebook.write(toFile: directory + "/checkout.ipynb", atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["notebook", "run", directory + "/checkout.ipynb", "--db", try ShellScriptTests.database(),
                                           "--output", directory + "/ran.ipynb", "--html", directory + "/checkout.html"],
                                          environment: ["NO_COLOR": "1"])
        #expect(result.status == 1 && result.stderr.contains("1 cell failed"), "the typo fails: \(result.stderr)")
        let text = try String(contentsOfFile: directory + "/ran.ipynb", encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let cells = try #require(document["cells"] as? [[String: Any]])
        let svgs = cells.flatMap(NotebookTests.outputs).map { NotebookTests.data($0, "image/svg+xml") }.filter { !$0.isEmpty }
        return (URL(fileURLWithPath: directory + "/checkout.html"), svgs)
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The loaded DOM holds one `<svg>` per SVG output with all its paths, and Chromium loaded
    /// the page alone: no console message, no other file, no network request.
    @Test func reportLoadsCleanlyWithItsCharts() throws {
        let (page, svgs) = try Self.report()
        #expect(svgs.count == 2, "a chart per charted cell")
        let load = try HeadlessChromium.load(page)
        #expect(load.problems(page: page).isEmpty, "\(load.problems(page: page))")
        #expect(load.dom.contains("<title>Checkout: latency and load</title>"), "the DOM after load: \(load.dom.prefix(500))")
        #expect(Self.count("<svg", in: load.dom) == svgs.count)
        let paths = svgs.map { Self.count("<path", in: $0) }.reduce(0, +)
        #expect(paths >= 4, "history lines, the forecast and its two bands")
        #expect(Self.count("<path", in: load.dom) == paths)
        #expect(Self.count("class=\"history\"", in: load.dom) == 2 && Self.count("class=\"forecast\"", in: load.dom) == 1)
        #expect(load.dom.contains("<div class=\"output error\" role=\"alert\">"))
        #expect(load.dom.contains("did you mean 'cpu_usage_ratio'?"))
    }

    /// The check above fails on a broken page: a missing image and a stylesheet from a server are
    /// reported, through the console (the report's Content-Security-Policy blocks them) and,
    /// with that policy removed, as loads of their own.
    @Test func brokenPagesAreCaught() throws {
        let (page, _) = try Self.report()
        let html = try String(contentsOf: page, encoding: .utf8)
        let broken = html.replacingOccurrences(of: "</main>", with: "<img src=\"missing.png\" alt=\"\">\n</main>")
            .replacingOccurrences(of: "</style>", with: "</style>\n<link rel=\"stylesheet\" href=\"http://127.0.0.1:9/report.css\">")
        #expect(broken != html)
        let blockedPage = page.deletingLastPathComponent().appendingPathComponent("blocked.html")
        try broken.write(to: blockedPage, atomically: true, encoding: .utf8)
        let blocked = try HeadlessChromium.load(blockedPage)
        #expect(blocked.consoleMessages.contains { $0.contains("missing.png") && $0.contains("Content Security Policy") }, "\(blocked.consoleMessages)")
        #expect(blocked.consoleMessages.contains { $0.contains("http://127.0.0.1:9/report.css") }, "\(blocked.consoleMessages)")

        let policy = try #require(html.split(separator: "\n").first { $0.contains("Content-Security-Policy") })
        let unguarded = broken.replacingOccurrences(of: policy + "\n", with: "")
        #expect(unguarded != broken)
        let loadedPage = page.deletingLastPathComponent().appendingPathComponent("loaded.html")
        try unguarded.write(to: loadedPage, atomically: true, encoding: .utf8)
        let loaded = try HeadlessChromium.load(loadedPage)
        let problems = loaded.problems(page: loadedPage)
        #expect(problems.contains("loaded " + page.deletingLastPathComponent().appendingPathComponent("missing.png").absoluteString), "\(problems)")
        #expect(problems.contains("requested http://127.0.0.1:9/report.css"), "\(problems)")
    }

    /// A screenshot of the requested size that shows the page: many colours, the charts' blue
    /// lines and orange forecast, and the error block's red border and tinted background.
    @Test func screenshotShowsTheCharts() throws {
        let (page, _) = try Self.report()
        let png = page.deletingPathExtension().appendingPathExtension("png").path
        let load = try HeadlessChromium.screenshot(page, to: png, width: 1200, height: 2000)
        #expect(load.problems(page: page).isEmpty, "\(load.problems(page: page))")
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        let size = try PNGImage.size(data)
        #expect(size.width == 1200 && size.height == 2000)
        let image = try PNGImage(data)
        #expect(Set(image.pixels).count > 100, "not blank: \(Set(image.pixels).count) colours")
        let background = image.count { $0 == 0xF6 && $1 == 0xF7 && $2 == 0xF9 }
        #expect(background > image.pixels.count / 10 && background < image.pixels.count * 9 / 10, "the page background and something on it")
        // Drawn only by the charts: the series lines in #1f77b4 (about 7500 such pixels when
        // written), and the forecast's #ff7f0e line and translucent bands (about 1500).
        let blue = image.count { r, g, b in r < 110 && (100...160).contains(g) && b >= 150 }
        #expect(blue > 2000, "the series lines: \(blue) pixels")
        let orange = image.count { r, g, b in r >= 240 && (150...235).contains(g) && b <= 215 && r - b >= 40 }
        #expect(orange > 500, "the forecast and its bands: \(orange) pixels")
        // #d92d20 (the error's border) and #fef3f2 (its background).
        #expect(image.count { $0 == 0xD9 && $1 == 0x2D && $2 == 0x20 } > 100)
        #expect(image.count { $0 == 0xFE && $1 == 0xF3 && $2 == 0xF2 } > 1000)
    }
}
