import Foundation
import Testing
import TestSupport

/// `insights health` and the configuration file on the demo dataset, whose generator injected
/// an outage into catalog's availability, an error burst into search's errors and availability,
/// and a latency degradation into checkout (datasets/demo/labels.json); auth has none of these.
@Suite(.serialized)
struct HealthCommandTests {
    /// This suite's demo database (a static let: built once, thread-safely).
    static let demo = Result { try ReplTests.demoDatabase() }

    static func database() throws -> String { try demo.get() }

    /// Rows of a query through the sqlite3 shell (`|`-separated), reading this suite's database.
    static func sqlite(_ sql: String) throws -> [[String]] {
        try SQLiteShell.rows(try database(), sql)
    }

    static func json(_ arguments: [String], environment: [String: String]? = nil) throws -> [[String: Any]] {
        let result = try BinaryRunner.run(["health", "--db", try Self.database(), "--format", "json"] + arguments,
                                          environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    static func objectives(_ service: [String: Any]) -> [[String: Any]] { service["objectives"] as? [[String: Any]] ?? [] }

    /// Over the last 7 days (which hold the three incidents): auth scores 100 and ranks last
    /// (services come lowest first); each service with an incident scores lower, and what pulls
    /// it down most is the objective of the injected incident's series. The shares equal the
    /// raw points' (one point per 15-minute bucket), counted here through sqlite3.
    @Test func incidentsLowerTheScoreAndNameTheObjective() throws {
        let services = try Self.json(["--since", "7d"])
        let byName = Dictionary(uniqueKeysWithValues: services.map { ($0["service"] as! String, $0) })
        #expect(Set(byName.keys) == ["auth", "catalog", "checkout", "search"])
        #expect(services.last?["service"] as? String == "auth")
        #expect(byName["auth"]?["score"] as? Double == 100)
        let expected = ["catalog": "availability_ratio", "search": "availability_ratio",
                        "checkout": "http_request_duration_seconds_p95"]
        for (service, metric) in expected {
            let entry = try #require(byName[service])
            let score = try #require(entry["score"] as? Double)
            #expect(score < 100, "\(service) scores \(score)")
            let worst = try #require(Self.objectives(entry).first)
            #expect((worst["series"] as? String)?.hasPrefix(metric + "{") == true, "\(service): \(worst)")
            #expect((worst["points_lost"] as? Double ?? 0) > 0)
            // The good share from the raw points of the last 7 days (end inclusive).
            let objective = try #require(worst["objective"] as? Double)
            let op = worst["direction"] as? String == "below" ? "<=" : ">="
            let counts = try Self.sqlite("""
                SELECT count(*), sum(p.value \(op) \(objective)) FROM point p JOIN series s ON s.id = p.series_id
                JOIN metric m ON m.id = s.metric_id JOIN series_label l ON l.series_id = s.id AND l.key = 'service'
                WHERE m.name = '\(metric)' AND l.value = '\(service)'
                AND p.ts >= (SELECT max(ts) FROM point) - 7 * 86400000000000
                """)
            #expect(worst["buckets"] as? Int == Int(counts[0][0]) && worst["good"] as? Int == Int(counts[0][1]), "\(service): \(counts)")
            // The score is 100 × the mean budget left (weights 1).
            let budgets = Self.objectives(entry).compactMap { $0["budget"] as? Double }
            #expect(abs(score - 100 * budgets.reduce(0, +) / Double(budgets.count)) <= 1e-9)
            let low = try #require(entry["low"] as? Double), high = try #require(entry["high"] as? Double)
            #expect(low <= score && score <= high)
        }
        // Checkout's degradation costs all of its latency budget: 14 of 673 buckets above 0.3 s.
        let checkout = try #require(byName["checkout"])
        #expect(Self.objectives(checkout).first?["name"] as? String == "latency p95 ≤ 0.3 s")
        #expect(abs((checkout["score"] as? Double ?? 0) - 75) <= 1e-9)
    }

    /// A configured objective replaces the defaults of the series it covers (from --config and
    /// from $INSIGHTS_CONFIG); a lenient one gives checkout back its full score.
    @Test func configuredObjectiveOverridesTheDefault() throws {
        let file = try TemporaryFiles.write("""
            [[slo]]
            name = "checkout latency"
            metric = "http_request_duration_seconds_p95"
            matchers = { service = "checkout" }
            objective = 1.0
            target = 0.95
            """, name: "insights.toml")
        for (arguments, environment) in [(["--config", file], nil), ([], ["INSIGHTS_CONFIG": file])] {
            let services = try Self.json(["--since", "7d", "--service", "checkout"] + arguments, environment: environment)
            let checkout = try #require(services.first)
            let names = Self.objectives(checkout).compactMap { $0["name"] as? String }
            #expect(names.contains("checkout latency") && !names.contains("latency p95 ≤ 0.3 s"), "\(names)")
            #expect(checkout["score"] as? Double == 100)
        }
    }

    @Test func configurationErrorsAreLocated() throws {
        let file = try TemporaryFiles.write("[[slo]]\nname = \"x\"\ntraget = 0.9\n", name: "insights.toml")
        let result = try BinaryRunner.run(["health", "--db", try Self.database(), "--config", file])
        #expect(result.status == 78)
        #expect(result.stderr.contains("\(file):3:1: error: unknown key 'traget' in [[slo]]; did you mean 'target'?\ntraget = 0.9\n^"),
                "\(result.stderr)")
        let recommend = try BinaryRunner.run(["recommend", "--db", try Self.database(), "--dry-run", "--config", file])
        #expect(recommend.status == 78)
    }

    @Test func unknownServiceSuggestsTheNearest() throws {
        let result = try BinaryRunner.run(["health", "--db", try Self.database(), "--service", "chekout"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no service 'chekout' with objectives in the window; did you mean 'checkout'?"))
    }

    /// `[capacity]` limits replace the name-based default: at 0.9 no disk is near its limit; at
    /// 0.5 catalog's disk (about 0.63 at the end) is already over it, so the rule fires critical.
    @Test func capacityLimitFromTheConfiguration() throws {
        func capacity(_ arguments: [String]) throws -> [[String: Any]] {
            let result = try BinaryRunner.run(["recommend", "--db", try Self.database(), "--dry-run", "--rules", "capacity",
                                               "--format", "json"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        }
        #expect(try capacity([]).isEmpty)
        let file = try TemporaryFiles.write("[capacity]\n\"disk_*_ratio\" = 0.5\n", name: "insights.toml")
        let found = try capacity(["--config", file])
        let catalog = try #require(found.first { ($0["title"] as? String)?.contains("catalog") == true })
        #expect(catalog["severity"] as? String == "critical")
        let threshold = (catalog["evidence"] as? [[String: Any]])?.first { $0["name"] as? String == "threshold" }?["value"] as? Double
        #expect(threshold == 0.5)
    }
}
