import Foundation
import InsightsQuery
import Testing

struct ParserTests {
    @Test func analysisStatementWithSelectionClausesAndOptions() throws {
        let statement = try Parser.parse(#"forecast http_latency_p95{service="checkout", region=~"eu.*"} since 7d step 1h horizon 48h level 80,95"#)
        guard case .analysis(let analysis) = statement else { Issue.record("not an analysis: \(statement)"); return }
        #expect(analysis.kind == .forecast)
        #expect(analysis.selection.window == .since("7d") && analysis.selection.step == "1h")
        let selector = try #require(analysis.selection.expression.plainSelector)
        #expect(selector.description == #"http_latency_p95{service="checkout", region=~"eu.*"}"#)
        #expect(analysis.options.map(\.name) == ["horizon", "level"])
        #expect(analysis.options[1].values == ["80", "95"])
    }

    @Test func promqlFunctionsAndAggregations() throws {
        let statement = try Parser.parse("histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))")
        guard case .query(let selection) = statement,
              case .call(let name, let arguments, _) = selection.expression else { Issue.record("\(statement)"); return }
        #expect(name == "histogram_quantile" && arguments.count == 2)
        guard case .aggregate(let operation, let grouping, let operand, _) = arguments[1],
              case .call("rate", let inner, _) = operand,
              case .selector(let selector) = inner[0] else { Issue.record("\(arguments)"); return }
        #expect(operation == "sum" && grouping == Grouping(without: false, labels: ["le"]))
        #expect(selector.metric == "http_request_duration_seconds_bucket" && selector.range == "5m")
    }

    /// Errors point at the offending token (line:column) and suggest the nearest valid name.
    @Test(arguments: [
        ("forecast cpu horizon 48h levle 95", "1:26: error: unknown option 'levle' for 'forecast'; did you mean 'level'?"),
        ("trend cpu{service=checkout}", "1:19: error: expected a quoted value after 'service=', e.g. \"checkout\""),
        ("raet(x[5m])", "1:1: error: unknown function 'raet'; did you mean 'rate'?"),
        ("anomalies cpu{a=\"b\"", "1:20: error: expected '}' to close the label matchers, found the end of the statement"),
        ("trend $srv", "1:7: error: unknown variable '$srv'"),
        ("forecast 'x'", "1:10: error: expected a metric name or '{', found the string 'x'"),
    ])
    func errorsAreLocated(text: String, expected: String) {
        #expect(throws: QueryError.self) { try Parser.parse(text) }
        do {
            _ = try Parser.parse(text)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func caretUnderTheToken() {
        let error = QueryError("unknown metric 'cpu_usgae'; did you mean 'cpu_usage'?", at: TextPosition(line: 1, column: 7, offset: 6), length: 9)
        let rendered = error.rendered(source: "trend cpu_usgae since 1d")
        #expect(rendered == """
            1:7: error: unknown metric 'cpu_usgae'; did you mean 'cpu_usage'?
                trend cpu_usgae since 1d
                      ^~~~~~~~~
            """)
    }

    @Test func bindingsSubstitute() throws {
        let bindings = ["srv": Value(text: "checkout", kind: .string), "h": Value(text: "48h", kind: .duration)]
        let statement = try Parser.parse(#"forecast cpu{service=$srv} horizon $h"#, bindings: bindings)
        guard case .analysis(let analysis) = statement else { Issue.record("\(statement)"); return }
        #expect(analysis.selection.expression.plainSelector?.description == #"cpu{service="checkout"}"#)
        #expect(analysis.options.first?.values == ["48h"])
        #expect(try Parser.parse("let h = 48h") == .binding(name: "h", value: Value(text: "48h", kind: .duration)))
    }

    @Test func sqlAndDotCommandsKeepTheirText() throws {
        #expect(try Parser.parse("SELECT count(*) FROM series;") == .sql("SELECT count(*) FROM series", location: .init(line: 1, column: 1, offset: 0)))
        #expect(try Parser.parse("  sql select 1") == .sql("select 1", location: .init(line: 1, column: 3, offset: 2)))
        guard case .dot(let name, let arguments, _) = try Parser.parse(".mode  json") else { Issue.record("not a dot"); return }
        #expect(name == "mode" && arguments == ["json"])
    }

    @Test func splitterSeparatesStatements() {
        let script = """
            let h = 48h; trend cpu
            -- a comment
            forecast cpu{a="x;y",
                         b="z"} horizon $h
            .mode json
            SELECT 1
              FROM t;
            """
        let pieces = ScriptSplitter.statements(script).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(pieces == ["let h = 48h;", "trend cpu", "forecast cpu{a=\"x;y\",\n             b=\"z\"} horizon $h",
                           ".mode json", "SELECT 1\n  FROM t;"])
        #expect(ScriptSplitter.statements(script)[2].location.line == 3)
        #expect(!ScriptSplitter.isComplete("forecast cpu{a=\"x\","))
        #expect(!ScriptSplitter.isComplete("SELECT 1"))
        #expect(ScriptSplitter.isComplete("SELECT 1;"))
        #expect(ScriptSplitter.isComplete("trend cpu"))
    }
}
