import Foundation
import Testing
import TestSupport

/// Every statement and dot-command of the language in script mode (`insights -c`) on the demo
/// dataset: the output is compared with a reviewed snapshot (`Snapshots/shell/`, re-recorded
/// only with INSIGHTS_RECORD_SNAPSHOTS=1 and a reviewed diff), and the numbers in it are checked
/// against values computed here from the raw points, which the sqlite3 shell reads from the
/// same file (an independent path to the data).
@Suite(.serialized)
struct ShellScriptTests {
    nonisolated(unsafe) static var cachedDatabase: String?

    static func database() throws -> String {
        if let cachedDatabase { return cachedDatabase }
        let path = try ReplTests.demoDatabase()
        cachedDatabase = path
        return path
    }

    static func run(_ statements: String, format: String = "table") throws -> BinaryRunner.Result {
        try BinaryRunner.run(["--db", try database(), "--format", format, "-c", statements], environment: ["NO_COLOR": "1"])
    }

    /// The objects of newline-delimited JSON (what --format json prints for tables).
    static func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// Rows of a query through the sqlite3 shell (`|`-separated).
    static func sqlite(_ sql: String) throws -> [[String]] {
        try SQLiteShell.rows(try database(), sql)
    }

    /// The points of one series, oldest first.
    static func points(metric: String, service: String) throws -> [(ts: Int64, value: Double)] {
        try sqlite("""
            SELECT p.ts, p.value FROM point p JOIN series s ON s.id = p.series_id JOIN metric m ON m.id = s.metric_id
            JOIN series_label l ON l.series_id = s.id AND l.key = 'service' AND l.value = '\(service)'
            WHERE m.name = '\(metric)' ORDER BY p.ts
            """).map { (Int64($0[0])!, Double($0[1])!) }
    }

    static func snapshot(_ name: String, _ text: String) throws {
        let difference = try Snapshot.check(text, named: "shell/\(name).txt", target: "InsightsCLITests")
        #expect(difference == nil, "\(name): \(difference ?? "")")
    }

    // MARK: Statements

    /// A selection: one row per series; points, last value, min and max equal the raw points'.
    @Test func selection() throws {
        let result = try Self.run(#"cpu_usage_ratio{service="auth"}"#, format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        let row = try Self.lines(result.stdout).first
        let raw = try Self.points(metric: "cpu_usage_ratio", service: "auth").map(\.value)
        #expect(row?["points"] as? Int == raw.count)
        #expect(row?["last_value"] as? Double == raw.last)
        #expect(row?["min"] as? Double == raw.min() && row?["max"] as? Double == raw.max())
        try Self.snapshot("selection", try Self.run(#"cpu_usage_ratio{service="auth"} since 1d"#).stdout)
    }

    /// `sum by (region)` at the newest point equals the sum of each region's newest raw values
    /// (every series of the demo data ends at the same time).
    @Test func promqlAggregation() throws {
        let result = try Self.run(#"sum by (region) (http_requests_per_second) since 2h step 1m"#, format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Self.lines(result.stdout)
        #expect(rows.map { $0["series"] as? String } == [#"{region="eu-west"}"#, #"{region="us-east"}"#])
        let sums = try Self.sqlite("""
            SELECT l.value, sum(p.value) FROM point p JOIN series s ON s.id = p.series_id JOIN metric m ON m.id = s.metric_id
            JOIN series_label l ON l.series_id = s.id AND l.key = 'region' WHERE m.name = 'http_requests_per_second'
            AND p.ts = (SELECT max(q.ts) FROM point q WHERE q.series_id = s.id) GROUP BY l.value ORDER BY l.value
            """)
        #expect(sums.count == 2)
        for (row, sum) in zip(rows, sums) {
            #expect(abs((row["last_value"] as? Double ?? .nan) - Double(sum[1])!) < 1e-9, "\(sum)")
        }
        try Self.snapshot("promql", try Self.run(#"sum by (region) (http_requests_per_second) since 2h step 1m"#).stdout)
    }

    /// trend: the slope per day equals ordinary least squares on the raw points (closed form).
    @Test func trend() throws {
        let result = try Self.run(#"trend http_request_duration_seconds_p95{service="checkout"}"#, format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let series = try #require((report["series"] as? [[String: Any]])?.first)
        let raw = try Self.points(metric: "http_request_duration_seconds_p95", service: "checkout")
        let x = raw.map { Double($0.ts - raw[0].ts) / 86_400e9 }, y = raw.map(\.value)
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let reported = try #require(series["slope_per_day"] as? Double)
        #expect(abs(reported - slope) <= 1e-9 * max(1, abs(slope)), "slope/day \(reported) vs \(slope)")
        try Self.snapshot("trend", try Self.run(#"trend http_request_duration_seconds_p95{service="checkout"}"#).stdout)
    }

    /// changepoints: the same changes as trend's (one engine), and around each the means of
    /// the raw points between neighbouring changes (the series is regular, so grid positions
    /// are point positions).
    @Test func changepoints() throws {
        let selector = #"http_request_duration_seconds_p95{service="checkout"}"#
        func json(_ statement: String) throws -> [String: Any] {
            let result = try Self.run(statement, format: "json")
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try #require((report["series"] as? [[String: Any]])?.first)
        }
        let changes = try #require(try json("changepoints \(selector)")["change_points"] as? [[String: Any]])
        let trendChanges = try #require(try json("trend \(selector)")["change_points"] as? [[String: Any]])
        #expect(!changes.isEmpty)
        #expect(changes.map { $0["time"] as? String } == trendChanges.map { $0["time"] as? String })
        let raw = try Self.points(metric: "http_request_duration_seconds_p95", service: "checkout").map(\.value)
        let bounds = [0] + changes.compactMap { $0["index"] as? Int } + [raw.count]
        func mean(_ range: Range<Int>) -> Double { raw[range].reduce(0, +) / Double(range.count) }
        for (k, change) in changes.enumerated() {
            let before = try #require(change["before"] as? Double), after = try #require(change["after"] as? Double)
            #expect(abs(before - mean(bounds[k]..<bounds[k + 1])) < 1e-12, "change \(k) before")
            #expect(abs(after - mean(bounds[k + 1]..<bounds[k + 2])) < 1e-12, "change \(k) after")
        }
        try Self.snapshot("changepoints", try Self.run("changepoints \(selector) kind slope season 1d").stdout)
    }

    /// Analyses take PromQL expressions too: trend of `sum by (region)` over three days has the
    /// OLS slope of the per-region sums of the raw points (the demo's points lie on the 15-minute
    /// evaluation times, so each instant picks the point at that time).
    @Test func analysesOverPromQL() throws {
        let result = try Self.run("trend sum by (region) (http_requests_per_second) since 3d step 15m", format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let series = try #require(report["series"] as? [[String: Any]])
        #expect(series.map { $0["series"] as? String } == [#"{region="eu-west"}"#, #"{region="us-east"}"#])
        let sums = try Self.sqlite("""
            SELECT l.value, p.ts, sum(p.value) FROM point p JOIN series s ON s.id = p.series_id
            JOIN metric m ON m.id = s.metric_id JOIN series_label l ON l.series_id = s.id AND l.key = 'region'
            WHERE m.name = 'http_requests_per_second'
              AND p.ts >= (SELECT max(ts) FROM point) - 3 * 86400000000000
            GROUP BY l.value, p.ts ORDER BY l.value, p.ts
            """)
        for (row, region) in zip(series, ["eu-west", "us-east"]) {
            let points = sums.filter { $0[0] == region }
            let x = points.map { Double(Int64($0[1])! - Int64(points[0][1])!) / 86_400e9 }, y = points.map { Double($0[2])! }
            let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
            let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
            #expect(row["points"] as? Int == points.count)
            let reported = try #require(row["slope_per_day"] as? Double)
            #expect(abs(reported - slope) <= 1e-9 * max(1, abs(slope)), "\(region): \(reported) vs \(slope)")
        }
        for statement in ["changepoints max by (service) (http_request_duration_seconds_p95) since 2d step 15m",
                          "anomalies sum(http_requests_per_second) since 7d step 15m",
                          "decompose avg(cpu_usage_ratio) since 7d step 15m"] {
            let run = try Self.run(statement)
            #expect(run.status == 0, "\(statement): \(run.stderr)")
        }
    }

    /// Behavior statements on the demo events: weekly distinct actors per event, stickiness's
    /// active actors per week and lifecycle's new actors, against SQL on the raw events.
    @Test func behaviorTrendsStickinessLifecycle() throws {
        let trends = try Self.run("trends $pageview, signed_up interval week measure actors formula 'B / A'", format: "json")
        #expect(trends.status == 0, "\(trends.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(trends.stdout.utf8)) as? [String: Any])
        let series = try #require(report["series"] as? [[String: Any]])
        let sql = try Self.sqlite("""
            SELECT date(e.ts / 1000000000, 'unixepoch', '-6 days', 'weekday 1') AS w,
                   count(DISTINCT CASE n.name WHEN '$pageview' THEN e.actor_id END),
                   count(DISTINCT CASE n.name WHEN 'signed_up' THEN e.actor_id END)
            FROM event e JOIN event_name n ON n.id = e.name_id GROUP BY w ORDER BY w
            """)
        #expect(report["periods"] as? [String] == sql.map { $0[0] })
        #expect(series[0]["values"] as? [Double] == sql.map { Double($0[1])! })
        #expect(series[1]["values"] as? [Double] == sql.map { Double($0[2])! })
        try Self.snapshot("trends", try Self.run("trends $pageview, signed_up interval week measure actors formula 'B / A'").stdout)

        let stickiness = try Self.lines(try Self.run("stickiness $pageview per week", format: "json").stdout)
        let periods = try #require(stickiness.first?["periods"] as? [[String: Any]])
        #expect(periods.map { $0["actors"] as? Int } == sql.map { Int($0[1]) })
        try Self.snapshot("stickiness", try Self.run("stickiness $pageview per week").stdout)

        let lifecycle = try Self.lines(try Self.run("lifecycle signed_up interval week", format: "json").stdout)
        let weeks = try #require(lifecycle.first?["periods"] as? [[String: Any]])
        // Everyone signs up once, so every signer is new in the week of their sign-up.
        #expect(weeks.map { $0["new"] as? Int } == sql.map { Int($0[2]) })
        try Self.snapshot("lifecycle", try Self.run("lifecycle signed_up interval week").stdout)
    }

    /// `events{event="signed_up"}` is the event's daily count as a series: trend's slope is
    /// the OLS slope of the daily counts SQL gives.
    @Test func eventSeriesInAnalyses() throws {
        let result = try Self.run(#"trend events{event="signed_up"} step 1d"#, format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try Self.lines(result.stdout).first)
        let row = try #require((report["series"] as? [[String: Any]])?.first)
        let daily = try Self.sqlite("""
            SELECT date(e.ts / 1000000000, 'unixepoch') AS d, count(*) FROM event e JOIN event_name n ON n.id = e.name_id
            WHERE n.name = 'signed_up' GROUP BY d ORDER BY d
            """).map { Double($0[1])! }
        let x = daily.indices.map(Double.init)
        let mx = x.reduce(0, +) / Double(x.count), my = daily.reduce(0, +) / Double(daily.count)
        let slope = zip(x, daily).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        #expect(row["points"] as? Int == daily.count)
        #expect(abs((row["slope_per_day"] as? Double ?? .nan) - slope) < 1e-9 * max(1, abs(slope)))
        let wrong = try Self.run(#"trend events{name="signed_up"}"#)
        #expect(wrong.status == 1 && wrong.stderr.contains("events{…} takes event=\"NAME\""), "\(wrong.stderr)")
    }

    /// funnel and retention statements: the funnel's first step is every actor who started a
    /// sign-up, its second those who signed up within a day of a start (SQL on the raw events);
    /// retention's cohort sizes are the actors by week of first sign-up.
    @Test func funnelAndRetention() throws {
        let funnel = try Self.lines(try Self.run("funnel signup_started, signed_up, purchase window 1d", format: "json").stdout)
        let steps = try #require(funnel.first?["steps"] as? [[String: Any]])
        let reached = try Self.sqlite("""
            WITH s AS (SELECT e.actor_id AS actor, e.ts FROM event e JOIN event_name n ON n.id = e.name_id WHERE n.name = 'signup_started'),
                 u AS (SELECT e.actor_id AS actor, e.ts FROM event e JOIN event_name n ON n.id = e.name_id WHERE n.name = 'signed_up')
            SELECT (SELECT count(DISTINCT actor) FROM s),
                   (SELECT count(DISTINCT s.actor) FROM s JOIN u ON u.actor = s.actor AND u.ts >= s.ts AND u.ts <= s.ts + 86400000000000)
            """)
        #expect(steps.prefix(2).map { $0["count"] as? Int } == reached[0].map { Int($0) })
        try Self.snapshot("funnel", try Self.run("funnel signup_started, signed_up, purchase window 1d").stdout)

        let retention = try Self.lines(try Self.run("retention signed_up, $pageview period week periods 2", format: "json").stdout)
        let cohorts = try #require(retention.first?["cohorts"] as? [[String: Any]])
        let sizes = try Self.sqlite("""
            WITH f AS (SELECT e.actor_id, min(e.ts) AS t FROM event e JOIN event_name n ON n.id = e.name_id
                       WHERE n.name = 'signed_up' GROUP BY e.actor_id)
            SELECT date(t / 1000000000, 'unixepoch', '-6 days', 'weekday 1') AS w, count(*) FROM f GROUP BY w ORDER BY w
            """)
        #expect(cohorts.map { $0["start"] as? String } == sizes.map { $0[0] })
        #expect(cohorts.map { $0["size"] as? Int } == sizes.map { Int($0[1]) })
        try Self.snapshot("retention", try Self.run("retention signed_up, $pageview period week periods 2").stdout)
    }

    /// experiment on the demo's feature flag: arms and conversions against SQL on the raw
    /// events; the z-test's p-value and the sample-ratio chi-square against statsmodels/scipy.
    @Test func experiment() throws {
        let statement = "experiment purchase exposure $feature_flag_called variant_property $feature_flag_response "
            + "where '$feature_flag=new-checkout-flow'"
        let result = try Self.run(statement, format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try Self.lines(result.stdout).first)
        let arms = try Self.sqlite("""
            WITH x AS (
                SELECT e.actor_id AS actor, json_extract(e.properties, '$."$feature_flag_response"') AS variant, min(e.ts) AS t
                FROM event e JOIN event_name n ON n.id = e.name_id
                WHERE n.name = '$feature_flag_called' AND json_extract(e.properties, '$."$feature_flag"') = 'new-checkout-flow'
                GROUP BY actor, variant)
            SELECT variant, count(*), sum(EXISTS (SELECT 1 FROM event p JOIN event_name m ON m.id = p.name_id
                                                  WHERE m.name = 'purchase' AND p.actor_id = x.actor AND p.ts >= x.t))
            FROM x GROUP BY variant ORDER BY variant
            """)
        #expect(arms.map { $0[0] } == ["control", "test"])
        let control = try #require(report["control"] as? [String: Any])
        let variant = try #require((report["variants"] as? [[String: Any]])?.first)
        #expect([control["exposed"] as? Int, control["converted"] as? Int] == [Int(arms[0][1]), Int(arms[0][2])])
        #expect([variant["exposed"] as? Int, variant["converted"] as? Int] == [Int(arms[1][1]), Int(arms[1][2])])
        // statsmodels.stats.proportion.proportions_ztest([130, 88], [423, 364]) → p 0.04042084077739354;
        // scipy.stats.chisquare([364, 423]) → p 0.03545503053013649.
        #expect(abs((variant["p_value"] as? Double ?? .nan) - 0.04042084077739354) < 1e-12)
        let ratio = try #require(report["sample_ratio"] as? [String: Any])
        #expect(abs((ratio["p_value"] as? Double ?? .nan) - 0.03545503053013649) < 1e-12)
        #expect(ratio["mismatch"] as? Bool == false)
        // statsmodels samplesize_proportions_2indep_onetail(0.1 * 88/364, 88/364, 0.8, alpha=0.05,
        // alternative='two-sided') → 5085.97, so 5086 actors per arm for a 10 % relative lift.
        let planned = try Self.lines(try Self.run(statement + " plan_lift 0.1", format: "json").stdout).first
        #expect((planned?["plan"] as? [String: Any])?["actors_per_arm"] as? Double == 5086)
        try Self.snapshot("experiment", try Self.run(statement).stdout)
    }

    /// forecast with seasonal naive: each step is the value one day (96 steps) earlier.
    @Test func forecast() throws {
        let statement = #"forecast cpu_usage_ratio{service="auth"} horizon 4 model snaive season 96 level 80,95"#
        let result = try Self.run(statement, format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let steps = try #require((report["series"] as? [[String: Any]])?.first?["forecast"] as? [[String: Any]])
        let raw = try Self.points(metric: "cpu_usage_ratio", service: "auth").map(\.value)
        #expect(steps.compactMap { $0["mean"] as? Double } == Array(raw[(raw.count - 96)..<(raw.count - 92)]))
        try Self.snapshot("forecast", try Self.run(statement).stdout)
    }

    /// backtest with naive: the MAE at one step ahead is the mean absolute first difference
    /// over the origins' next values.
    @Test func backtest() throws {
        let statement = #"backtest cpu_usage_ratio{service="auth"} horizon 1 model naive origins 5 every 1"#
        let result = try Self.run(statement, format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])?.first)
        let raw = try Self.points(metric: "cpu_usage_ratio", service: "auth").map(\.value)
        let n = raw.count
        let expected = (0..<5).map { abs(raw[n - 5 + $0] - raw[n - 6 + $0]) }.reduce(0, +) / 5
        #expect(abs((row["mae"] as? Double ?? .nan) - expected) < 1e-12)
        try Self.snapshot("backtest", try Self.run(statement).stdout)
    }

    /// anomalies and decompose: snapshots (their numbers are checked in the analysis tests);
    /// decompose's components add up to the observed series.
    @Test func anomaliesAndDecompose() throws {
        try Self.snapshot("anomalies", try Self.run("anomalies http_request_duration_seconds_p95").stdout)
        let result = try Self.run(#"decompose http_requests_per_second{service="checkout"} since 7d"#, format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        let parts = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])?.first)
        let observed = try #require(parts["observed"] as? [Double]), trend = try #require(parts["trend"] as? [Double])
        let seasonal = try #require(parts["seasonal"] as? [[Double]]), remainder = try #require(parts["remainder"] as? [Double])
        for t in observed.indices {
            #expect(abs(observed[t] - trend[t] - seasonal.reduce(0) { $0 + $1[t] } - remainder[t]) < 1e-9)
        }
        try Self.snapshot("decompose", try Self.run(#"decompose http_requests_per_second{service="checkout"} since 7d"#).stdout)
    }

    /// regress: the same rendering as `insights regress`, whose numbers RegressOutputTests and
    /// the statsmodels references check.
    @Test func regress() throws {
        let demo = SharedData.projectRoot.appendingPathComponent("datasets/checkout_latency_daily.csv").path
        let result = try Self.run("regress 'p95_ms ~ day + C(weekday) + after_deploy' from '\(demo)' cov hac maxlags 7")
        #expect(result.status == 0, "\(result.stderr)")
        let difference = try Snapshot.check(result.stdout, named: "regress_demo_hac.txt", target: "InsightsCLITests")
        #expect(difference == nil, "\(difference ?? "")")
    }

    /// regress over named series: the same report as `insights regress` on a CSV the test
    /// builds from the raw points (read by sqlite3, aligned on their 15-minute buckets).
    @Test func regressOverSeries() throws {
        let statement = #"regress 'p95 ~ cpu + t' with p95 = http_request_duration_seconds_p95{service="checkout"}, "#
            + #"cpu = cpu_usage_ratio{service="checkout"} cov hac maxlags 4"#
        let result = try Self.run(statement)
        #expect(result.status == 0, "\(result.stderr)")
        let quarter: Int64 = 900_000_000_000
        func bucketed(_ metric: String) throws -> [Int64: Double] {
            Dictionary(try Self.points(metric: metric, service: "checkout").map { ($0.ts / quarter * quarter, $0.value) },
                       uniquingKeysWith: { a, _ in a })
        }
        let p95 = try bucketed("http_request_duration_seconds_p95"), cpu = try bucketed("cpu_usage_ratio")
        let times = Set(p95.keys).intersection(cpu.keys).sorted()
        let csv = "t,p95,cpu\n" + times.map { "\(Double($0 - times[0]) / 86_400e9),\(p95[$0]!),\(cpu[$0]!)" }.joined(separator: "\n") + "\n"
        let file = try TemporaryFiles.write(csv, name: "aligned.csv")
        let direct = try BinaryRunner.run(["regress", "--csv", file, "--formula", "p95 ~ cpu + t", "--cov", "hac", "--maxlags", "4"])
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(result.stdout == direct.stdout)
        try Self.snapshot("regress_series", result.stdout)
        let ambiguous = try Self.run("regress 'a ~ t' with a = cpu_usage_ratio")
        #expect(ambiguous.status == 1 && ambiguous.stderr.contains("'a' selects 4 series"), "\(ambiguous.stderr)")
    }

    /// sql: the same rows as the sqlite3 shell; writing is refused.
    @Test func sql() throws {
        let query = "SELECT m.name, count(*) FROM series s JOIN metric m ON m.id = s.metric_id GROUP BY m.name ORDER BY m.name"
        let result = try Self.run(query + ";", format: "csv")
        #expect(result.status == 0, "\(result.stderr)")
        let ours = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(ours == (try Self.sqlite(query)))
        let write = try Self.run("sql DELETE FROM point;")
        #expect(write.status == 1 && write.stderr.contains("writing needs an explicit opt-in"), "\(write.stderr)")
        try Self.snapshot("sql", try Self.run(query + ";").stdout)
    }

    /// `$name` in SQL is bound from `let` (as a parameter, not spliced into the text): a
    /// string with a quote in it stays one value, numbers stay numbers, and an unbound name or
    /// a positional `?` is an error naming it instead of SQLite's NULL.
    @Test func sqlParametersComeFromLet() throws {
        let query = "SELECT count(*) FROM series s JOIN metric m ON m.id = s.metric_id WHERE m.name = 'cpu_usage_ratio'"
        let bound = try Self.run("""
            let metric = "cpu_usage_ratio"
            let quoted = "it's"
            let half = 0.5
            SELECT count(*) AS n, $quoted AS q, $half * 4 AS two, typeof($half) AS t FROM series s JOIN metric m ON m.id = s.metric_id WHERE m.name = $metric;
            """, format: "csv")
        #expect(bound.status == 0, "\(bound.stderr)")
        let expected = try Self.sqlite(query)[0][0]
        #expect(bound.stdout == "n,q,two,t\n\(expected),it's,2,real\n", "CSV prints the real 2.0 as 2")
        let unbound = try Self.run("let metric = \"x\"\nSELECT $metrc;")
        #expect(unbound.status == 1 && unbound.stderr.contains("parameter $metrc has no value; did you mean '$metric'?"), "\(unbound.stderr)")
        let positional = try Self.run("SELECT ?;")
        #expect(positional.status == 1 && positional.stderr.contains("positional parameters (?)"), "\(positional.stderr)")
    }

    /// Writing SQL is an opt-in (`.writable on` or `--writable`), on a copy of the demo
    /// database; a write that fails part-way leaves nothing of itself behind.
    @Test func sqlWritesNeedTheOptIn() throws {
        let copy = try TemporaryDatabase.path("writable")
        try FileManager.default.copyItem(atPath: try Self.database(), toPath: copy)
        func run(_ arguments: [String], _ statements: String) throws -> BinaryRunner.Result {
            try BinaryRunner.run(["--db", copy, "--format", "csv"] + arguments + ["-c", statements])
        }
        let refused = try run([], "sql CREATE TABLE notes (t TEXT NOT NULL)")
        #expect(refused.status == 1 && refused.stderr.contains("(.writable on, or --writable)"), "\(refused.stderr)")
        let created = try run([], ".writable on; sql CREATE TABLE notes (t TEXT NOT NULL); sql INSERT INTO notes VALUES ('a')")
        #expect(created.status == 0, "\(created.stderr)")
        // The second row violates NOT NULL: the statement is undone whole, so 'b' is not kept.
        let failed = try run(["--writable"], "sql INSERT INTO notes VALUES ('b'), (NULL)")
        #expect(failed.status == 1 && failed.stderr.contains("NOT NULL"), "\(failed.stderr)")
        let after = try run([], "SELECT t FROM notes ORDER BY t")
        #expect(after.stdout == "t\na\n", "\(after.stdout)")
        // Off again: refused, the table stays.
        let off = try run([], ".writable on; .writable off; sql DROP TABLE notes")
        #expect(off.status == 1)
        #expect(try run([], "SELECT count(*) AS n FROM notes").stdout == "n\n1\n")
    }

    /// let and $name; an error stops the script with exit status 1 unless --keep-going.
    @Test func bindingsAndErrors() throws {
        let result = try Self.run(#"let svc = "auth"; let h = 4; forecast cpu_usage_ratio{service=$svc} horizon $h model naive"#)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#"cpu_usage_ratio{region="eu-west", service="auth"}: naive"#))
        let stopped = try Self.run("trend cpu_usgae_ratio; .datasets")
        #expect(stopped.status == 1 && stopped.stdout.isEmpty)
        #expect(stopped.stderr.contains("1:7: error: unknown metric 'cpu_usgae_ratio'; did you mean 'cpu_usage_ratio'?"))
        let kept = try BinaryRunner.run(["--db", try Self.database(), "--keep-going", "-c", "trend cpu_usgae_ratio\n.datasets"])
        #expect(kept.status == 1 && kept.stdout.contains("series"))
        let piped = try BinaryRunner.run(["--db", try Self.database()], stdin: "select 1 as one;\nselect 2 as two;\n")
        #expect(piped.status == 0 && piped.stdout.contains("one") && piped.stdout.contains("two"))
        let file = try TemporaryFiles.write("-- a script\nselect 3 as three;\n\nfrobnicate x\n", name: "bad.iq")
        let run = try BinaryRunner.run(["run", file, "--db", try Self.database()])
        #expect(run.status == 1 && run.stdout.contains("three"))
        #expect(run.stderr.contains("\(file):4:12: error:"), "\(run.stderr)")
    }

    // MARK: Dot-commands

    @Test func dotCommands() throws {
        for (name, script) in [("datasets", ".datasets"), ("metrics", ".metrics cpu_usage_ratio"), ("events", ".events"),
                               ("describe", #".describe cpu_usage_ratio{service="auth"}"#), ("help", ".help"),
                               ("help_forecast", ".help forecast"),
                               ("modes", ".mode markdown; SELECT 1 AS a, 'x' AS b; .mode box; SELECT 1 AS a, 'x' AS b; .mode ndjson; SELECT 1 AS a, 'x' AS b; .mode csv; SELECT 1 AS a, 'x' AS b;"),
                               ("maxrows", ".maxrows 2; SELECT value FROM (SELECT 1 AS value UNION SELECT 2 UNION SELECT 3) ORDER BY value;"),
                               ("chart", #".chart on; cpu_usage_ratio{service="auth"} since 1d; .chart off"#)] {
            let result = try Self.run(script)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            try Self.snapshot("dot_\(name)", result.stdout)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent("out.txt").path, once = directory.appendingPathComponent("once.csv").path
        let svg = directory.appendingPathComponent("chart.svg").path
        let script = directory.appendingPathComponent("inner.iq").path
        try "SELECT 7 AS seven;\n".write(toFile: script, atomically: true, encoding: .utf8)
        let result = try Self.run("""
            .timer on
            .output \(output)
            SELECT 1 AS a;
            .output
            .once \(once)
            SELECT 2 AS b;
            SELECT 3 AS c;
            .read \(script)
            cpu_usage_ratio{service="auth"} since 1d
            .plot \(svg)
            .open /nonexistent/nowhere.db
            .quit
            SELECT 4 AS never;
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "a\n1\n")
        #expect(try String(contentsOfFile: once, encoding: .utf8) == "b\n2\n")
        #expect(result.stdout.contains("c\n3") && result.stdout.contains("seven\n    7") && !result.stdout.contains("never"))
        #expect(result.stderr.components(separatedBy: "Run Time: ").count >= 5)
        let drawn = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(drawn.hasPrefix("<?xml") && drawn.contains("class=\"history\""))
        let unknown = try Self.run(".mdoe json")
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown command '.mdoe'; did you mean '.mode'?"))
    }
}
