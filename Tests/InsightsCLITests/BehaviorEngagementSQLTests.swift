import Foundation
import Testing
import TestSupport

/// `insights trends`, `stickiness` and `lifecycle` on the real event logs (CDNOW purchases,
/// the mobile onboarding day) against SQL written here and run by the sqlite3 shell on the
/// same database: counts must be equal exactly, sums to 1e-9 relative (they are added in
/// different orders). Timestamps are nanoseconds; SQLite's date functions see ts / 1e9.
@Suite(.serialized)
struct BehaviorEngagementSQLTests {
    static let purchase = "JOIN event_name n ON n.id = e.name_id WHERE n.name = 'purchase'"

    static func values(_ report: [String: Any], series index: Int = 0) throws -> [Double?] {
        let series = try #require(report["series"] as? [[String: Any]])
        return try #require(series[index]["values"] as? [Any]).map { $0 as? Double }
    }

    /// Distinct purchasers per month and purchases per week (from Monday), UTC.
    @Test func purchaseTrendsPerMonthAndWeek() throws {
        let monthly = try BehaviorFixture.json(["trends", "--events", "purchase", "--interval", "month", "--measure", "actors"])
        let sqlMonthly = try BehaviorFixture.sqlite("""
            SELECT strftime('%Y-%m-01', e.ts / 1000000000, 'unixepoch') AS m, count(DISTINCT e.actor_id)
            FROM event e \(Self.purchase) GROUP BY m ORDER BY m
            """)
        #expect(sqlMonthly.count == 18)
        #expect((monthly["periods"] as? [String]) == sqlMonthly.map { $0[0] })
        #expect(try Self.values(monthly) == sqlMonthly.map { Double($0[1]) })

        let weekly = try BehaviorFixture.json(["trends", "--events", "purchase", "--interval", "week"])
        let sqlWeekly = try BehaviorFixture.sqlite("""
            SELECT date(e.ts / 1000000000, 'unixepoch', '-6 days', 'weekday 1') AS w, count(*)
            FROM event e \(Self.purchase) GROUP BY w ORDER BY w
            """)
        let periods = try #require(weekly["periods"] as? [String])
        let ours = Dictionary(uniqueKeysWithValues: zip(periods, try Self.values(weekly)))
        // Every SQL week has our count; weeks SQL does not list (none bought) are 0 here.
        for row in sqlWeekly { #expect(ours[row[0]] == Double(row[1]), "week \(row[0])") }
        #expect(ours.values.compactMap { $0 }.reduce(0, +) == 69_659)
        #expect(periods.first == "1996-12-30" && periods.count == Set(periods).count)
    }

    /// A breakdown by quantity: the three largest values, each series against SQL's counts.
    @Test func breakdownByAProperty() throws {
        let report = try BehaviorFixture.json(["trends", "--events", "purchase", "--interval", "month",
                                               "--by", "quantity", "--limit", "3"])
        let series = try #require(report["series"] as? [[String: Any]])
        let totals = try BehaviorFixture.sqlite("""
            SELECT json_extract(e.properties, '$.quantity') AS q, count(*) FROM event e \(Self.purchase)
            GROUP BY q ORDER BY count(*) DESC, q LIMIT 3
            """)
        #expect(series.map { $0["name"] as? String } == totals.map { "purchase [quantity=\($0[0])]" })
        for (index, total) in totals.enumerated() {
            let sql = try BehaviorFixture.sqlite("""
                SELECT strftime('%Y-%m-01', e.ts / 1000000000, 'unixepoch') AS m,
                       sum(json_extract(e.properties, '$.quantity') = \(total[0]))
                FROM event e \(Self.purchase) GROUP BY m ORDER BY m
                """)
            #expect(try Self.values(report, series: index) == sql.map { Double($0[1]) }, "quantity \(total[0])")
        }
    }

    /// Revenue per month: sum of amount_usd, against SQLite's sum of the same JSON numbers.
    @Test func revenueSumPerMonth() throws {
        let report = try BehaviorFixture.json(["trends", "--events", "purchase", "--interval", "month",
                                               "--measure", "sum", "--property", "amount_usd"])
        let sql = try BehaviorFixture.sqlite("""
            SELECT strftime('%Y-%m-01', e.ts / 1000000000, 'unixepoch') AS m, sum(json_extract(e.properties, '$.amount_usd'))
            FROM event e \(Self.purchase) GROUP BY m ORDER BY m
            """)
        let ours = try Self.values(report)
        #expect(ours.count == sql.count)
        for (value, row) in zip(ours, sql) {
            let expected = try #require(Double(row[1]))
            #expect(abs((value ?? .nan) - expected) <= 1e-9 * expected, "\(row[0]): \(value ?? .nan) vs \(expected)")
        }
        // The whole file's total, from its README: $2,500,315.63.
        #expect(abs(ours.compactMap { $0 }.reduce(0, +) - 2_500_315.63) < 1e-6)
    }

    /// Hourly distinct actors in Moscow time (UTC+3 all year since 2014) and a formula:
    /// passed per welcome-screen viewer.
    @Test func hourlyActorsInATimeZoneWithAFormula() throws {
        let report = try BehaviorFixture.json(["trends", "--events", "passed,onboarding_welcome_screen", "--interval", "hour",
                                               "--measure", "actors", "--tz", "Europe/Moscow", "--formula", "A / B"])
        let sql = try BehaviorFixture.sqlite("""
            SELECT strftime('%Y-%m-%dT%H:00', e.ts / 1000000000 + 3 * 3600, 'unixepoch') AS h,
                   count(DISTINCT CASE n.name WHEN 'passed' THEN e.actor_id END),
                   count(DISTINCT CASE n.name WHEN 'onboarding_welcome_screen' THEN e.actor_id END)
            FROM event e JOIN event_name n ON n.id = e.name_id
            WHERE n.name IN ('passed', 'onboarding_welcome_screen') GROUP BY h ORDER BY h
            """)
        #expect(sql.count == 24)
        #expect((report["periods"] as? [String]) == sql.map { $0[0] })
        #expect(try Self.values(report, series: 0) == sql.map { Double($0[1]) })
        #expect(try Self.values(report, series: 1) == sql.map { Double($0[2]) })
        let ratio = try Self.values(report, series: 2)
        // (Foundation's JSON parser on Linux may miss the last bit of a shortest-form double.)
        for (value, row) in zip(ratio, sql) {
            let expected = Double(row[1])! / Double(row[2])!
            #expect(abs((value ?? .nan) - expected) <= 1e-14 * expected, "\(row[0])")
        }
    }

    /// behavior-anomalies --of: per hour, the actors who saw the welcome screen (trials) and,
    /// of them, those who also passed in that hour (the observed rate), against SQL.
    @Test func conversionSeriesOfBehaviorAnomalies() throws {
        let report = try BehaviorFixture.json(["behavior-anomalies", "--event", "passed", "--of", "onboarding_welcome_screen",
                                               "--interval", "hour", "--baseline", "8"])
        let periods = try #require(report["periods"] as? [[String: Any]])
        let sql = try BehaviorFixture.sqlite("""
            WITH h AS (
                SELECT e.actor_id AS actor, strftime('%Y-%m-%dT%H:00', e.ts / 1000000000, 'unixepoch') AS hour,
                       max(n.name = 'onboarding_welcome_screen') AS saw, max(n.name = 'passed') AS passed
                FROM event e JOIN event_name n ON n.id = e.name_id
                WHERE n.name IN ('onboarding_welcome_screen', 'passed') GROUP BY actor, hour)
            SELECT hour, sum(saw), sum(saw AND passed) FROM h GROUP BY hour ORDER BY hour
            """)
        #expect(periods.map { $0["start"] as? String } == sql.map { $0[0] })
        #expect(periods.map { $0["trials"] as? Int } == sql.map { Int($0[1]) })
        for (period, row) in zip(periods, sql) where period["observed"] != nil {
            let rate = Double(row[2])! / Double(row[1])!
            #expect(abs((period["observed"] as? Double ?? .nan) - rate) <= 1e-14, "\(row[0])")
        }
        #expect(periods.filter { $0["observed"] != nil }.count == 24 - 7)
    }

    /// Stickiness per month: actors by the number of distinct purchase days in the month.
    @Test func stickinessPerMonth() throws {
        let report = try BehaviorFixture.json(["stickiness", "--event", "purchase", "--per", "month"])
        let rows = try #require(report["periods"] as? [[String: Any]])
        let sql = try BehaviorFixture.sqlite("""
            WITH d AS (SELECT e.actor_id AS actor, strftime('%Y-%m-01', e.ts / 1000000000, 'unixepoch') AS m,
                              count(DISTINCT date(e.ts / 1000000000, 'unixepoch')) AS days
                       FROM event e \(Self.purchase) GROUP BY actor, m)
            SELECT m, days, count(*) FROM d GROUP BY m, days ORDER BY m, days
            """)
        var expected: [String: [Int]] = [:]
        for row in sql { expected[row[0], default: [Int](repeating: 0, count: 31)][Int(row[1])! - 1] = Int(row[2])! }
        #expect(rows.count == 18)
        for row in rows {
            let start = try #require(row["start"] as? String)
            #expect(row["actors_by_days"] as? [Int] == expected[start], "\(start)")
        }
    }

    /// Lifecycle per month with LAG/LEAD over each actor's active months.
    @Test func lifecyclePerMonth() throws {
        let report = try BehaviorFixture.json(["lifecycle", "--event", "purchase", "--interval", "month"])
        let rows = try #require(report["periods"] as? [[String: Any]])
        let sql = try BehaviorFixture.sqlite("""
            WITH active AS (
                SELECT DISTINCT e.actor_id AS actor,
                       CAST(strftime('%Y', e.ts / 1000000000, 'unixepoch') AS INTEGER) * 12
                         + CAST(strftime('%m', e.ts / 1000000000, 'unixepoch') AS INTEGER) - 1 AS k
                FROM event e \(Self.purchase)),
            s AS (
                SELECT actor, k, min(k) OVER (PARTITION BY actor) AS first,
                       lag(k) OVER (PARTITION BY actor ORDER BY k) AS previous,
                       lead(k) OVER (PARTITION BY actor ORDER BY k) AS following
                FROM active),
            months AS (SELECT DISTINCT k FROM active),
            status AS (
                SELECT k, sum(k = first) AS fresh, sum(previous = k - 1) AS back,
                       sum(k <> first AND previous <> k - 1) AS revived FROM s GROUP BY k),
            dormant AS (SELECT k + 1 AS k, count(*) AS dormant FROM s WHERE following IS NULL OR following <> k + 1 GROUP BY k + 1)
            SELECT printf('%04d-%02d-01', m.k / 12, m.k % 12 + 1), coalesce(st.fresh, 0), coalesce(st.back, 0),
                   coalesce(st.revived, 0), coalesce(d.dormant, 0)
            FROM months m LEFT JOIN status st ON st.k = m.k LEFT JOIN dormant d ON d.k = m.k ORDER BY m.k
            """)
        #expect(rows.count == sql.count && sql.count == 18)
        for (row, expected) in zip(rows, sql) {
            #expect(row["start"] as? String == expected[0])
            let ours = ["new", "returning", "resurrecting", "dormant"].map { row[$0] as? Int }
            #expect(ours == expected.dropFirst().map { Int($0) }, "\(expected[0])")
        }
    }
}
