import Foundation
import Testing
import TestSupport

/// `insights notebook new` and `insights notebook run` on the demo dataset: outputs per cell
/// (tables as text and HTML, charts as SVG, errors in their cell), error handling, parameters,
/// byte-identical re-runs, and the nbformat v4 schema (with Python's nbformat when installed).
@Suite(.serialized)
struct NotebookTests {
    /// A notebook exercising every kind of output: a markdown cell, the parameters, a
    /// selection (a table), a forecast under `.chart on` (a table and an SVG chart), a typo
    /// (an error), and SQL after it (which still runs unless --stop-on-error). One cell's
    /// source is a single string, the others lists of lines: nbformat allows both.
    static let notebook = """
        {
         "cells": [
          {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": ["# Checkout <health>\\n", "Latency & load."]},
          {"cell_type": "code", "id": "params", "metadata": {"tags": ["parameters"]}, "execution_count": null,
           "outputs": [], "source": ["let service = \\"checkout\\""]},
          {"cell_type": "code", "id": "latency", "metadata": {}, "execution_count": null, "outputs": [],
           "source": "http_request_duration_seconds_p95{service=$service} since 2d"},
          {"cell_type": "code", "id": "forecast", "metadata": {}, "execution_count": null, "outputs": [],
           "source": [".chart on\\n", "forecast http_requests_per_second{service=$service} since 7d horizon 1d level 80,95\\n", ".chart off"]},
          {"cell_type": "code", "id": "typo", "metadata": {}, "execution_count": null, "outputs": [],
           "source": ["trend cpu_usgae_ratio since 1d\\n", "SELECT 'not reached' AS never;"]},
          {"cell_type": "code", "id": "after", "metadata": {}, "execution_count": null, "outputs": [],
           "source": ["SELECT 40 + 2 AS answer, '<b>' AS markup;"]}
         ],
         "metadata": {"kernelspec": {"display_name": "insights", "language": "insights", "name": "insights"},
                      "language_info": {"name": "insights"}},
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """

    static func directory() throws -> String {
        let path = try TemporaryDatabase.path("notebooks")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs the test notebook with `arguments` and returns the result, the written text and its JSON.
    static func run(_ arguments: [String] = []) throws -> (result: BinaryRunner.Result, text: String, cells: [[String: Any]]) {
        let directory = try directory()
        let input = directory + "/in.ipynb", output = directory + "/out.ipynb"
        try notebook.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["notebook", "run", input, "--db", try ShellScriptTests.database(), "--output", output] + arguments,
                                          environment: ["NO_COLOR": "1"])
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (result, text, try #require(document["cells"] as? [[String: Any]]))
    }

    static func outputs(_ cell: [String: Any]) -> [[String: Any]] { cell["outputs"] as? [[String: Any]] ?? [] }

    static func joined(_ value: Any?) -> String {
        (value as? [String])?.joined() ?? value as? String ?? ""
    }

    static func data(_ output: [String: Any], _ type: String) -> String {
        joined((output["data"] as? [String: Any])?[type])
    }

    @Test func writesTablesChartsAndErrorsIntoTheirCells() throws {
        let (result, _, cells) = try Self.run()
        #expect(result.status == 1, "a cell failed: \(result.stderr)")
        #expect(result.stderr.contains("1 cell failed"))
        #expect(cells.count == 6)
        #expect(Self.joined(cells[0]["source"]) == "# Checkout <health>\nLatency & load.")
        #expect(cells[0]["outputs"] == nil && cells[0]["execution_count"] == nil, "markdown cells are left alone")
        #expect(cells.dropFirst().map { $0["execution_count"] as? Int } == [1, 2, 3, 4, 5])
        #expect(Self.outputs(cells[1]).isEmpty, "a let prints nothing")

        let table = try #require(Self.outputs(cells[2]).first)
        #expect(table["output_type"] as? String == "execute_result" && table["execution_count"] as? Int == 2)
        #expect(Self.data(table, "text/plain").contains("http_request_duration_seconds_p95{region=\"eu-west\", service=\"checkout\"}"))
        let html = Self.data(table, "text/html")
        #expect(html.hasPrefix("<table>") && html.contains("<th>series</th>"))
        #expect(html.contains("<td>http_request_duration_seconds_p95{region=&quot;eu-west&quot;, service=&quot;checkout&quot;}</td>"))

        let forecast = Self.outputs(cells[3])
        #expect(forecast.map { $0["output_type"] as? String } == ["execute_result", "display_data"])
        #expect(Self.data(forecast[0], "text/html").contains("<th>lo-95</th>"))
        let svg = Self.data(forecast[1], "image/svg+xml")
        #expect(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("<path"))
        #expect(svg.contains("class=\"tick\"") && svg.contains(">2026-01-"), "axis ticks with their labels")
        #expect(!Self.data(forecast[0], "text/plain").contains("┤"), "the chart is SVG, not drawn in the text")

        let error = try #require(Self.outputs(cells[4]).last)
        #expect(error["output_type"] as? String == "error")
        #expect(error["ename"] as? String == "InsightsError")
        #expect(error["evalue"] as? String == "unknown metric 'cpu_usgae_ratio'; did you mean 'cpu_usage_ratio'?")
        let traceback = try #require(error["traceback"] as? [String])
        #expect(traceback.first == "cell 4:1:7: error: unknown metric 'cpu_usgae_ratio'; did you mean 'cpu_usage_ratio'?")
        #expect(traceback.contains { $0.contains("^~~~") }, "the caret under the statement")
        #expect(Self.outputs(cells[4]).count == 1, "the cell stops at its first error: \(Self.outputs(cells[4]))")

        let after = try #require(Self.outputs(cells[5]).first)
        #expect(Self.data(after, "text/plain").contains("42"))
        #expect(Self.data(after, "text/html").contains("<td>&lt;b&gt;</td>"), "cells are escaped")
    }

    @Test func stopOnErrorLeavesLaterCellsUnrun() throws {
        let (result, _, cells) = try Self.run(["--stop-on-error"])
        #expect(result.status == 1)
        #expect(Self.outputs(cells[4]).last?["output_type"] as? String == "error")
        #expect(Self.outputs(cells[5]).isEmpty)
        #expect(cells[5]["execution_count"] is NSNull)
    }

    @Test func rerunsAreByteIdentical() throws {
        let first = try Self.run()
        let second = try Self.run()
        #expect(first.text == second.text)
        // Running the written notebook again replaces its outputs rather than adding to them.
        let directory = try Self.directory()
        try first.text.write(toFile: directory + "/again.ipynb", atomically: true, encoding: .utf8)
        _ = try BinaryRunner.run(["notebook", "run", directory + "/again.ipynb", "--db", try ShellScriptTests.database()])
        #expect(try String(contentsOfFile: directory + "/again.ipynb", encoding: .utf8) == first.text)
    }

    @Test func parametersOverrideTheParametersCell() throws {
        let (_, _, cells) = try Self.run(["-p", "service", "auth"])
        #expect(cells.count == 7)
        let injected = cells[2]
        #expect((injected["metadata"] as? [String: Any])?["tags"] as? [String] == ["injected-parameters"])
        #expect(Self.joined(injected["source"]).hasSuffix("let service = \"auth\""))
        #expect(cells.dropFirst().map { $0["execution_count"] as? Int } == [1, 2, 3, 4, 5, 6])
        let table = Self.data(try #require(Self.outputs(cells[3]).first), "text/plain")
        #expect(table.contains("service=\"auth\"") && !table.contains("service=\"checkout\""))
    }

    @Test func badParametersAreUsageErrors() throws {
        let directory = try Self.directory()
        try Self.notebook.write(toFile: directory + "/p.ipynb", atomically: true, encoding: .utf8)
        let odd = try BinaryRunner.run(["notebook", "run", directory + "/p.ipynb", "-p", "service"])
        #expect(odd.status == 64 && odd.stderr.contains("-p takes a name and a value"))
        try "{\"nbformat\": 3, \"cells\": []}".write(toFile: directory + "/old.ipynb", atomically: true, encoding: .utf8)
        let old = try BinaryRunner.run(["notebook", "run", directory + "/old.ipynb"])
        #expect(old.status == 64 && old.stderr.contains("only nbformat 4 notebooks are supported"))
    }

    /// What cannot run is refused before any cell runs, saying what and where: JSON errors at
    /// file:line:column, another kernel's notebook, a missing database; a `-p` name the
    /// parameters cell does not set is a warning with the nearest name. A notebook that names
    /// no kernel runs and is written with the insights kernelspec.
    @Test func refusesWhatItCannotRunAndSaysWhere() throws {
        let directory = try Self.directory()
        try "{\"cells\": [\n  {\"cell_type\": \"code\",, }\n]}".write(toFile: directory + "/bad.ipynb", atomically: true, encoding: .utf8)
        let bad = try BinaryRunner.run(["notebook", "run", directory + "/bad.ipynb", "--db", try ShellScriptTests.database()])
        #expect(bad.status == 64 && bad.stderr.contains("bad.ipynb:2:24: invalid JSON: expected a key string"), "\(bad.stderr)")

        let python = Self.notebook.replacingOccurrences(of: #""kernelspec": {"display_name": "insights", "language": "insights", "name": "insights"}"#,
                                                        with: #""kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}"#)
        #expect(python != Self.notebook)
        try python.write(toFile: directory + "/python.ipynb", atomically: true, encoding: .utf8)
        let refused = try BinaryRunner.run(["notebook", "run", directory + "/python.ipynb", "--db", try ShellScriptTests.database(),
                                            "--output", directory + "/python-out.ipynb"])
        #expect(refused.status == 64 && refused.stderr.contains("a notebook for the 'python3' kernel"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/python-out.ipynb"), "nothing written")

        try Self.notebook.write(toFile: directory + "/in.ipynb", atomically: true, encoding: .utf8)
        let missing = try BinaryRunner.run(["notebook", "run", directory + "/in.ipynb", "--db", directory + "/none.db"])
        #expect(missing.status == 64 && missing.stderr.contains("no database at \(directory)/none.db"), "\(missing.stderr)")

        let typo = try BinaryRunner.run(["notebook", "run", directory + "/in.ipynb", "--db", try ShellScriptTests.database(),
                                         "--output", directory + "/typo.ipynb", "-p", "servce", "auth"])
        #expect(typo.stderr.contains("warning: -p servce: the parameters cell does not set 'servce'; did you mean 'service'?"), "\(typo.stderr)")

        let bare = #"{"cells": [{"cell_type": "code", "id": "a", "metadata": {}, "execution_count": null, "outputs": [], "source": "SELECT 1 AS one;"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#
        try bare.write(toFile: directory + "/bare.ipynb", atomically: true, encoding: .utf8)
        let ran = try BinaryRunner.run(["notebook", "run", directory + "/bare.ipynb", "--db", try ShellScriptTests.database()])
        #expect(ran.status == 0, "\(ran.stderr)")
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/bare.ipynb"))) as? [String: Any])
        #expect(((written["metadata"] as? [String: Any])?["kernelspec"] as? [String: Any])?["name"] as? String == "insights")
    }

    static let hasNbformat: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import nbformat"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// The starter notebook and a run of it (with an error cell and an injected parameter)
    /// are valid nbformat v4 according to Jupyter's own validator.
    @Test(.enabled(if: hasNbformat || ProcessInfo.processInfo.environment["CI"] != nil,
                   "Python's nbformat is not installed (make test installs it): schema check skipped"))
    func notebooksAreValidNbformat() throws {
        let directory = try Self.directory()
        let starter = directory + "/starter.ipynb"
        let new = try BinaryRunner.run(["notebook", "new", starter])
        #expect(new.status == 0, "\(new.stderr)")
        let run = try BinaryRunner.run(["notebook", "run", starter, "--db", try ShellScriptTests.database(), "--output", directory + "/ran.ipynb"])
        #expect(run.status == 0, "\(run.stderr)")
        let withError = try Self.run(["-p", "service", "auth"])
        try withError.text.write(toFile: directory + "/errors.ipynb", atomically: true, encoding: .utf8)
        let paths = [starter, directory + "/ran.ipynb", directory + "/errors.ipynb"]
        let validation = try NotebookExampleTests.validate(paths)
        #expect(validation.status == 0 && validation.stdout.split(separator: "\n").count == paths.count, "\(validation.stderr)")
        let again = try BinaryRunner.run(["notebook", "new", starter])
        #expect(again.status == 64 && again.stderr.contains("--force"), "new does not replace a notebook")
    }
}
