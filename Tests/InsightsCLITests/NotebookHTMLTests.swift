import Foundation
import Testing
import TestSupport

/// `insights notebook run --html`: the report's title, cells and outputs, the markdown subset,
/// escaping, no external references, and byte-identical reports from the same notebook.
@Suite(.serialized)
struct NotebookHTMLTests {
    /// Runs `NotebookTests.notebook` with `--html` and returns the report and the run notebook's cells.
    static func report(_ arguments: [String] = []) throws -> (html: String, cells: [[String: Any]]) {
        let html = try NotebookTests.directory() + "/report.html"
        let (_, _, cells) = try NotebookTests.run(["--html", html] + arguments)
        return (try String(contentsOfFile: html, encoding: .utf8), cells)
    }

    /// Runs a notebook of one markdown cell holding `markdown` and returns the cell's HTML.
    static func markdown(_ markdown: String) throws -> String {
        let directory = try NotebookTests.directory()
        let cell: [String: Any] = ["cell_type": "markdown", "id": "m", "metadata": [String: Any](), "source": markdown]
        let notebook: [String: Any] = ["cells": [cell], "metadata": [String: Any](), "nbformat": 4, "nbformat_minor": 5]
        try JSONSerialization.data(withJSONObject: notebook).write(to: URL(fileURLWithPath: directory + "/m.ipynb"))
        let result = try BinaryRunner.run(["notebook", "run", directory + "/m.ipynb", "--db", try ShellScriptTests.database(),
                                           "--html", directory + "/m.html"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOfFile: directory + "/m.html", encoding: .utf8)
        let start = try #require(page.range(of: "<section class=\"cell markdown\" id=\"cell-m\">\n"))
        let end = try #require(page.range(of: "</section>", range: start.upperBound..<page.endIndex))
        return String(page[start.upperBound..<end.lowerBound])
    }

    @Test func reportHasTheTitleCellsAndOutputs() throws {
        let (html, cells) = try Self.report()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.hasSuffix("</main>\n</body>\n</html>\n"))
        #expect(html.contains("<title>Checkout &lt;health&gt;</title>"), "the first markdown heading, escaped")
        #expect(html.contains("<h1>Checkout &lt;health&gt;</h1>\n<p>Latency &amp; load.</p>"))
        #expect(html.contains("in.ipynb · 5 code cells, <span class=\"failed\">1 failed</span>"))

        // Each code cell's source with its execution count.
        #expect(html.contains("<span class=\"prompt\">In [1]:</span><pre><code class=\"language-insights\">let service = &quot;checkout&quot;</code></pre>"))
        #expect(html.contains("<span class=\"prompt\">In [5]:</span><pre><code class=\"language-insights\">SELECT 40 + 2 AS answer, &#39;&lt;b&gt;&#39; AS markup;</code></pre>"))

        // Tables: the output's own HTML, inlined.
        let table = NotebookTests.data(try #require(NotebookTests.outputs(cells[2]).first), "text/html")
        #expect(html.contains("<div class=\"output html\">\n" + table + "\n</div>"))
        #expect(html.contains("<td>&lt;b&gt;</td>"))

        // Charts: the SVG document inlined without its XML declaration.
        let svg = NotebookTests.data(NotebookTests.outputs(cells[3])[1], "image/svg+xml")
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        let inlined = svg.drop { $0 != "\n" }.dropFirst().trimmingCharacters(in: .newlines)
        #expect(html.contains("<div class=\"output svg\">\n" + inlined + "\n</div>"))
        #expect(!html.contains("<?xml"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 1)

        // The error: a styled block with the name, the message and the traceback.
        #expect(html.contains("""
            <div class="output error" role="alert">
            <p><strong>InsightsError</strong>: unknown metric &#39;cpu_usgae_ratio&#39;; did you mean &#39;cpu_usage_ratio&#39;?</p>
            <pre>cell 4:1:7: error: unknown metric &#39;cpu_usgae_ratio&#39;; did you mean &#39;cpu_usage_ratio&#39;?
            """))
        #expect(html.contains("div.error { border-left: 4px solid #d92d20;"))
    }

    /// Nothing in the report is loaded from elsewhere: no scripts, no `src`/`href` to a URL, no
    /// CSS `url(…)` or `@import`, and a Content-Security-Policy that forbids any load.
    @Test func reportHasNoExternalReferences() throws {
        let (html, _) = try Self.report()
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"))
        for forbidden in ["<script", "<link", "<iframe", "src=\"http", "href=\"http", "url(", "@import"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // The only URL is the SVG namespace.
        let urls = ["http://", "https://"].flatMap { scheme in
            html.components(separatedBy: scheme).dropFirst().map { scheme + $0.prefix { $0 != "\"" } }
        }
        #expect(Set(urls) == ["http://www.w3.org/2000/svg"])
    }

    @Test func reportsAreByteIdentical() throws {
        let first = try Self.report()
        let second = try Self.report()
        #expect(first.html == second.html)
        let other = try Self.report(["-p", "service", "auth"])
        #expect(other.html != first.html, "a different run gives a different report")
    }

    @Test func titleFallsBackToTheFileName() throws {
        let directory = try NotebookTests.directory()
        let notebook = NotebookTests.notebook.replacingOccurrences(of: "# Checkout <health>", with: "Checkout <health>")
        try notebook.write(toFile: directory + "/no heading.ipynb", atomically: true, encoding: .utf8)
        _ = try BinaryRunner.run(["notebook", "run", directory + "/no heading.ipynb", "--db", try ShellScriptTests.database(),
                                  "--output", directory + "/out.ipynb", "--html", directory + "/r.html"])
        let html = try String(contentsOfFile: directory + "/r.html", encoding: .utf8)
        #expect(html.contains("<title>no heading.ipynb</title>"))
        #expect(html.contains("<h1>no heading.ipynb</h1>"))
    }

    @Test func unwritableReportIsAUsageError() throws {
        let directory = try NotebookTests.directory()
        try NotebookTests.notebook.write(toFile: directory + "/n.ipynb", atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["notebook", "run", directory + "/n.ipynb", "--db", try ShellScriptTests.database(),
                                           "--html", directory + "/missing/r.html"])
        #expect(result.status == 64 && result.stderr.contains("cannot write \(directory)/missing/r.html"), "\(result.stderr)")
    }

    // MARK: The markdown subset

    /// One markdown source and the HTML it must give.
    struct MarkdownCase: Sendable, CustomTestStringConvertible {
        let markdown: String
        let html: String
        var testDescription: String { markdown.debugDescription }
    }

    static let markdownCases: [MarkdownCase] = [
        .init(markdown: "# One\n## Two ##\n###### Six", html: "<h1>One</h1>\n<h2>Two</h2>\n<h6>Six</h6>\n"),
        .init(markdown: "#no heading\n####### seven", html: "<p>#no heading\n####### seven</p>\n"),
        .init(markdown: "one\nline\n\nnext", html: "<p>one\nline</p>\n<p>next</p>\n"),
        .init(markdown: "*em* **strong** _em_ __strong__ ***both***",
              html: "<p><em>em</em> <strong>strong</strong> <em>em</em> <strong>strong</strong> <em><strong>both</strong></em></p>\n"),
        .init(markdown: "cpu_usage_ratio and 2*3*4 and * alone *", html: "<p>cpu_usage_ratio and 2<em>3</em>4 and * alone *</p>\n"),
        .init(markdown: "`a <b> & c` and ``x ` y`` and `unclosed",
              html: "<p><code>a &lt;b&gt; &amp; c</code> and <code>x ` y</code> and `unclosed</p>\n"),
        .init(markdown: "\\*not em\\* and \\`not code\\`", html: "<p>*not em* and `not code`</p>\n"),
        .init(markdown: "<script>alert(1)</script> <b onclick=\"x\">bold</b> &amp;",
              html: "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b onclick=&quot;x&quot;&gt;bold&lt;/b&gt; &amp;amp;</p>\n"),
        .init(markdown: "[runbook](https://example.com/a?b=1&c=\"2\" \"Run <it>\") and [**dash**](/d/x)",
              html: "<p><a href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\" title=\"Run &lt;it&gt;\">runbook</a> and <a href=\"/d/x\"><strong>dash</strong></a></p>\n"),
        .init(markdown: "[x](javascript:alert(1)) [y](data:text/html,hi) <https://e.com/p> <javascript:alert(1)>",
              html: "<p>x y <a href=\"https://e.com/p\">https://e.com/p</a> javascript:alert(1)</p>\n"),
        .init(markdown: "![latency](chart.png) [not a link] (x)", html: "<p><a href=\"chart.png\">latency</a> [not a link] (x)</p>\n"),
        .init(markdown: "- a\n- b *c*\n  - nested\n- d", html: "<ul>\n<li>a</li>\n<li>b <em>c</em>\n<ul>\n<li>nested</li>\n</ul>\n</li>\n<li>d</li>\n</ul>\n"),
        .init(markdown: "1. one\n2. two\n\n7) seven", html: "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<ol start=\"7\">\n<li>seven</li>\n</ol>\n"),
        .init(markdown: "* loose\n\n* list", html: "<ul>\n<li>\n<p>loose</p>\n</li>\n<li>\n<p>list</p>\n</li>\n</ul>\n"),
        .init(markdown: "```sql\nSELECT '<x>';\n\n  indented\n```\nafter",
              html: "<pre><code class=\"language-sql\">SELECT &#39;&lt;x&gt;&#39;;\n\n  indented\n</code></pre>\n<p>after</p>\n"),
        .init(markdown: "~~~~\n```\nunclosed", html: "<pre><code>```\nunclosed\n</code></pre>\n"),
        .init(markdown: "    code <here>\n\n    more\ntext", html: "<pre><code>code &lt;here&gt;\n\nmore\n</code></pre>\n<p>text</p>\n"),
        .init(markdown: "> quoted *text*\nlazy\n\n---", html: "<blockquote>\n<p>quoted <em>text</em>\nlazy</p>\n</blockquote>\n<hr>\n"),
        .init(markdown: "hard  \nbreak\\\nagain", html: "<p>hard<br>\nbreak<br>\nagain</p>\n"),
    ]

    @Test(arguments: markdownCases)
    func markdownSubset(_ example: MarkdownCase) throws {
        #expect(try Self.markdown(example.markdown) == example.html)
    }
}
