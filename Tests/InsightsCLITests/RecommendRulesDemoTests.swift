import Foundation
import Testing
import TestSupport

/// `insights recommend` with the trend and event rules on the generated demo dataset: the injected
/// facts (datasets/README.md) come out with the right alert names and severities, and the numbers
/// agree with the commands that run the same engines (`trend`, `behavior-anomalies`, `experiment`).
struct RecommendRulesDemoTests {
    static let rules = "degrading_trend,error_spike,funnel_drop,experiment"

    static func generate(_ extra: [String] = []) throws -> String {
        let db = try TemporaryDatabase.path()
        let result = try BinaryRunner.run(["datasets", "generate", "--db", db] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return db
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    static func evidence(_ recommendation: [String: Any], _ name: String) -> Double? {
        (recommendation["evidence"] as? [[String: Any]])?.first { $0["name"] as? String == name }?["value"] as? Double
    }

    static func labels(_ recommendation: [String: Any]) -> [String: String] {
        (recommendation["subject"] as? [String: Any])?["labels"] as? [String: String] ?? [:]
    }

    static func experimentReadout(_ db: String, from: String, to: String) throws -> [String: Any] {
        let result = try BinaryRunner.run(["experiment", "--db", db, "--exposure", "$feature_flag_called", "--variant-property",
                                           "$feature_flag_response", "--metric", "purchase", "--where",
                                           "$feature_flag=new-checkout-flow", "--from", from, "--to", to, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try Self.json(result.stdout) as? [String: Any])
    }

    /// Analysis time 2026-01-14T21:00Z, window 3 days: after the new-error burst (19:00–20:00 that
    /// day) and the funnel regression (starts on 2026-01-12); the disks fill 0.008 per day.
    @Test func theInjectedFactsComeOut() throws {
        let db = try Self.generate()
        let now = "2026-01-14T21:00:00Z", historyStart = "2025-12-31T21:00:00Z"
        let run = try BinaryRunner.run(["recommend", "--db", db, "--now", now, "--since", "3d", "--rules", Self.rules,
                                        "--format", "json", "--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        let found = try #require(try Self.json(run.stdout) as? [[String: Any]])
        func of(_ rule: String) -> [[String: Any]] { found.filter { $0["rule"] as? String == rule } }

        // The one new fingerprint, 150 events (the generator's burst), critical.
        let errors = of("error_spike")
        #expect(errors.count == 1, "\(errors.map { $0["title"] ?? "" })")
        let error = try #require(errors.first)
        #expect(Self.labels(error)["fingerprint"] == "search:KeyError:apply_discount")
        #expect(error["alertname"] as? String == "InsightsNewError" && error["severity"] as? String == "critical")
        #expect(Self.evidence(error, "occurrences") == 150)

        // The funnel's regression day, scored as behavior-anomalies scores it over the same days.
        let funnels = of("funnel_drop")
        #expect(funnels.count == 1)
        let funnel = try #require(funnels.first)
        #expect(funnel["alertname"] as? String == "InsightsFunnelDrop" && funnel["severity"] as? String == "critical")
        #expect((funnel["title"] as? String)?.contains("on 2026-01-12") == true, "\(funnel["title"] ?? "")")
        let scored = try BinaryRunner.run(["behavior-anomalies", "--db", db, "--event", "signed_up", "--of", "signup_started",
                                           "--from", historyStart, "--to", now, "--format", "json"])
        #expect(scored.status == 0, "\(scored.stderr)")
        let periods = try #require((try Self.json(scored.stdout) as? [String: Any])?["periods"] as? [[String: Any]])
        let day = try #require(periods.first { $0["start"] as? String == "2026-01-12" })
        let q = try #require(day["q_value"] as? Double)
        #expect(day["flagged"] as? Bool == true)
        #expect(abs((funnel["confidence"] as? Double ?? 0) - (1 - q)) <= 1e-12)
        #expect(Self.evidence(funnel, "conversion") == day["observed"] as? Double)
        #expect(Self.evidence(funnel, "started") == 112 && Self.evidence(funnel, "converted") == 39)

        // Rising disks: the rule's slope and % change are `insights trend`'s on the same span.
        let trends = of("degrading_trend")
        let checkout = try #require(trends.first { $0["fingerprint"] != nil
            && Self.labels($0)["service"] == "checkout" && Self.labels($0)["metric"] == "disk_usage_ratio" })
        #expect(checkout["alertname"] as? String == "InsightsDegradingTrend" && checkout["severity"] as? String == "warning")
        let trend = try BinaryRunner.run(["trend", "--db", db, "disk_usage_ratio{service=\"checkout\"}", "--from",
                                          "2026-01-05T00:00:00Z", "--to", now, "--step", "15m", "--format", "json"])
        #expect(trend.status == 0, "\(trend.stderr)")
        let fit = try #require(((try Self.json(trend.stdout) as? [String: Any])?["series"] as? [[String: Any]])?.first)
        let slope = try #require(fit["slope_per_day"] as? Double), change = try #require(fit["percent_change"] as? Double)
        #expect(abs((Self.evidence(checkout, "slope_per_day") ?? 0) - slope) <= 1e-9 * abs(slope))
        #expect(abs((Self.evidence(checkout, "percent_change") ?? 0) - change) <= 1e-9 * abs(change))
        #expect(abs(slope - 0.008) < 0.0005, "the generator's disks fill 0.008 per day")
        for recommendation in trends {
            let metric = Self.labels(recommendation)["metric"] ?? ""
            #expect(["disk_usage_ratio", "cpu_usage_ratio"].contains(metric) || metric.contains("_seconds")
                    || metric.contains("error") || metric.contains("availability") || metric.contains("cache_hit"), "\(metric)")
        }

        // The demo's experiment is not ready by then: the always-valid p is above 0.05, no mismatch.
        #expect(of("experiment").isEmpty, "\(of("experiment").map { $0["title"] ?? "" })")
        let readout = try Self.experimentReadout(db, from: historyStart, to: now)
        let variant = try #require((readout["variants"] as? [[String: Any]])?.first)
        #expect((variant["always_valid_p_value"] as? Double ?? 0) >= 0.05)
        #expect((readout["sample_ratio"] as? [String: Any])?["mismatch"] as? Bool == false)
    }

    /// With 10,000 users the +0.10 effect is clear: the readout is ready, test the winner, with the
    /// experiment command's always-valid p-value.
    @Test func aLargerExperimentIsReady() throws {
        let db = try Self.generate(["--users", "10000", "--services", "1"])
        let run = try BinaryRunner.run(["recommend", "--db", db, "--rules", "experiment", "--format", "json", "--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        let found = try #require(try Self.json(run.stdout) as? [[String: Any]])
        #expect(found.count == 1)
        let ready = try #require(found.first)
        #expect(ready["alertname"] as? String == "InsightsExperimentReady" && ready["severity"] as? String == "info")
        #expect(Self.labels(ready)["experiment"] == "new-checkout-flow")
        #expect((ready["title"] as? String)?.contains("test is the winner") == true)
        let window = try #require(ready["window"] as? [String: Any])
        let readout = try Self.experimentReadout(db, from: try #require(window["start"] as? String),
                                                 to: try #require(window["end"] as? String))
        let variant = try #require((readout["variants"] as? [[String: Any]])?.first)
        let p = try #require(variant["always_valid_p_value"] as? Double)
        #expect(p < 0.05)
        #expect(abs((ready["confidence"] as? Double ?? 0) - (1 - p)) <= 1e-12)
    }
}

/// The event rules' options and inputs at the command line.
struct RecommendEventOptionsTests {
    @Test func aFunnelNeedsTwoSteps() throws {
        let db = try TemporaryDatabase.path()
        let result = try BinaryRunner.run(["recommend", "--db", db, "--rules", "funnel_drop", "--funnel", "signup_started"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--funnel 'signup_started' is not two event names 'from,to'"), "\(result.stderr)")
    }

    /// A store of events only: the newest event is the analysis time, and the configured funnel
    /// (sign-up start to purchase) is scored; the series rules find nothing to do.
    @Test func eventRulesRunOnAStoreOfEventsAlone() throws {
        let directory = URL(fileURLWithPath: try TemporaryDatabase.path()).deletingLastPathComponent()
        let files = try BinaryRunner.run(["datasets", "generate", "--out", directory.path])
        #expect(files.status == 0, "\(files.stderr)")
        let db = try TemporaryDatabase.path()
        let ingest = try BinaryRunner.run(["ingest", "--db", db, directory.appendingPathComponent("events.ndjson").path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let run = try BinaryRunner.run(["recommend", "--db", db, "--rules", "capacity,error_spike,funnel_drop",
                                        "--since", "7d", "--format", "json", "--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        let found = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(found.compactMap { $0["alertname"] as? String }.sorted() == ["InsightsFunnelDrop", "InsightsNewError"],
                "\(found.map { $0["title"] ?? "" })")
    }
}
