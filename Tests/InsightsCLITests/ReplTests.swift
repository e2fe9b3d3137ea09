import Foundation
import Testing
import TestSupport

/// The REPL as a user meets it: the real binary in a pseudo-terminal (tmux), keystrokes in,
/// the screen read back.
@Suite(.serialized)
struct ReplTests {
    /// The demo dataset in a fresh database.
    static func demoDatabase() throws -> String {
        let path = try TemporaryDatabase.path("demo.db")
        let root = SharedData.projectRoot.appendingPathComponent("datasets/demo").path
        let result = try BinaryRunner.run(["ingest", "--db", path, root + "/metrics.csv", root + "/events.ndjson", root + "/labels.json"])
        guard result.status == 0 else { throw TerminalError("ingest failed: \(result.stderr)") }
        return path
    }

    static func start(database: String, history: String) throws -> TerminalSession {
        try TerminalSession(BinaryRunner.executableURL.path,
                            environment: ["INSIGHTS_DB": database, "INSIGHTS_HISTORY": history, "NO_COLOR": "1"])
    }

    /// Tab completes a metric name, a label key after `{` and a label value after `="`; the
    /// completed statement runs.
    @Test func completesMetricLabelKeyAndValue() throws {
        let database = try Self.demoDatabase()
        let history = try TemporaryDatabase.path("history")
        let terminal = try Self.start(database: database, history: history)
        try terminal.wait(for: "insights>")
        terminal.type("trend cpu_usa")
        terminal.press("Tab")
        try terminal.wait(for: "trend cpu_usage_ratio")  // the screen drops the trailing blank completion adds
        terminal.type("{reg")
        terminal.press("Tab")
        try terminal.wait(for: "trend cpu_usage_ratio {region")
        terminal.type("=\"us")
        terminal.press("Tab")
        try terminal.wait(for: "{region=\"us-east")
        terminal.type("\"} since 1d")
        terminal.press("Enter")
        let screen = try terminal.wait(for: "HAC (Newey–West) intervals")
        #expect(screen.contains("cpu_usage_ratio{region=\"us-east\", service=\"catalog\"}"))
        #expect(!screen.contains("region=\"eu-west\""))
        // The table is fitted to the 160 columns: its last column is cut with … rather than
        // wrapped (unfitted, the row is about 190 characters), and the series keeps its name.
        let row = screen.split(separator: "\n").first { $0.hasPrefix("cpu_usage_ratio{region=\"us-east\", service=\"catalog\"}") }
        #expect(row?.hasSuffix("…") == true && (row?.count ?? 0) <= 160, "\(row ?? "")")
    }

    /// A statement typed in one session is recalled with Up after a restart (one entry for a
    /// multi-line statement); a typo gets the caret and the nearest name; Ctrl-C stops a long
    /// forecast and the prompt comes back; Ctrl-D leaves.
    @Test func historyTyposCancelAndExit() throws {
        let database = try Self.demoDatabase()
        let history = try TemporaryDatabase.path("history")
        do {
            let terminal = try Self.start(database: database, history: history)
            try terminal.wait(for: "insights>")
            terminal.type("select count(*) as n")
            terminal.press("Enter")
            try terminal.wait(for: "...>")
            terminal.type("from metric;")
            terminal.press("Enter")
            let counted = try terminal.wait { $0.components(separatedBy: "insights>").count >= 3 }
            #expect(counted.contains(" n\n12\n"), "the demo data has 12 metrics")
            terminal.type("trend cpu_usgae_ratio since 1d")
            terminal.press("Enter")
            let typo = try terminal.wait(for: "did you mean")
            #expect(typo.contains("1:7: error: unknown metric 'cpu_usgae_ratio'; did you mean 'cpu_usage_ratio'?"))
            #expect(typo.contains("      ^~~~~~~~~~~~~~~"))
            // A forecast that refits the ensemble at 1,200 origins, one step apart, of each of the
            // four series takes most of a minute.
            terminal.type("forecast http_requests_per_second horizon 1d model ensemble windows 1200 spacing 1")
            terminal.press("Enter")
            Thread.sleep(forTimeInterval: 1.0)
            terminal.press("C-c")
            let cancelled = try terminal.wait(timeout: 20) { $0.contains("cancelled\ninsights>") }
            #expect(cancelled.contains("cancelled"))
            terminal.type("select 41 + 1 as answer;")
            terminal.press("Enter")
            try terminal.wait(for: "42")
            terminal.press("C-d")
            Thread.sleep(forTimeInterval: 0.5)
        }
        let again = try Self.start(database: database, history: history)
        try again.wait(for: "insights>")
        again.press("Up")
        try again.wait(for: "insights> select 41 + 1 as answer;")
        again.press("Up", "Up", "Up")
        try again.wait(for: "insights> select count(*) as n from metric;")
    }
}
