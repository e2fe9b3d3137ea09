import Foundation
import Testing
import TestSupport

/// `insights retention` on the real logs against cohort tables the sqlite3 shell computes from
/// the same database with SQLite's own calendar functions (UTC): months by `strftime`, weeks by
/// the Monday `date(…, 'weekday 0', '-6 days')` gives, days by `date`.
@Suite(.serialized)
struct RetentionCommandTests {
    /// SQL for (cohort label, period text) of a `ts` column, and the offset between two labels.
    static func calendar(_ period: String) -> (label: (String) -> String, offset: (String, String) -> String) {
        let instant = { (ts: String) in "\(ts) / 1000000000, 'unixepoch'" }
        switch period {
        case "month":
            return ({ "strftime('%Y-%m-01', \(instant($0)))" },
                    { "((CAST(strftime('%Y', \($1)) AS INTEGER) - CAST(strftime('%Y', \($0)) AS INTEGER)) * 12 "
                        + "+ CAST(strftime('%m', \($1)) AS INTEGER) - CAST(strftime('%m', \($0)) AS INTEGER))" })
        case "week":
            return ({ "date(\(instant($0)), 'weekday 0', '-6 days')" },
                    { "(CAST(julianday(\($1)) - julianday(\($0)) AS INTEGER) / 7)" })
        default:
            return ({ "date(\(instant($0)))" }, { "CAST(julianday(\($1)) - julianday(\($0)) AS INTEGER)" })
        }
    }

    /// Per cohort label: size and N counts, classic or rolling, by SQL.
    static func sqlCohorts(start: String, back: String, period: String, n: Int,
                           rolling: Bool) throws -> [String: (size: Int, counts: [Int])] {
        let (label, offset) = calendar(period)
        let common = """
            WITH firsts AS (SELECT e.actor_id, MIN(e.ts) AS ts FROM event e JOIN event_name n ON n.id = e.name_id
                            WHERE n.name = '\(start)' GROUP BY e.actor_id),
            cohort AS (SELECT actor_id, \(label("ts")) AS label FROM firsts),
            returns AS (SELECT DISTINCT e.actor_id, \(label("e.ts")) AS label FROM event e JOIN event_name n ON n.id = e.name_id
                        WHERE n.name = '\(back)'),
            offsets AS (SELECT c.label AS cohort, c.actor_id, \(offset("c.label", "r.label")) AS k
                        FROM cohort c JOIN returns r ON r.actor_id = c.actor_id),
            ks(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM ks WHERE k < \(n - 1))
            """
        let counts = rolling
            ? "SELECT l.cohort, ks.k, COUNT(*) FROM (SELECT cohort, actor_id, MAX(k) AS last FROM offsets GROUP BY cohort, actor_id) l "
                + "JOIN ks ON l.last >= ks.k GROUP BY l.cohort, ks.k"
            : "SELECT o.cohort, o.k, COUNT(DISTINCT o.actor_id) FROM offsets o JOIN ks ON ks.k = o.k GROUP BY o.cohort, o.k"
        var table: [String: (size: Int, counts: [Int])] = [:]
        for row in try BehaviorFixture.sqlite(common + " SELECT label, COUNT(*) FROM cohort GROUP BY label") {
            table[row[0]] = (Int(row[1])!, [Int](repeating: 0, count: n))
        }
        for row in try BehaviorFixture.sqlite(common + " " + counts) {
            table[row[0]]!.counts[Int(row[1])!] = Int(row[2])!
        }
        return table
    }

    static func retention(_ database: String, _ arguments: [String]) throws -> [[String: Any]] {
        let result = try BinaryRunner.run(["retention", "--db", database, "--format", "json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(document["cohorts"] as? [[String: Any]])
    }

    static let cases: [(period: String, mode: String)] = [("month", "classic"), ("week", "classic"),
                                                          ("month", "rolling"), ("week", "rolling")]

    /// CDNOW purchase → purchase, N = 12: every cohort's size and counts equal SQL's; rates are
    /// counts over size.
    @Test(arguments: cases)
    func cdnowMatchesSQL(period: String, mode: String) throws {
        let database = try BehaviorFixture.database()
        let cohorts = try Self.retention(database, ["--start", "purchase", "--return", "purchase", "--period", period,
                                                    "--periods", "12", "--mode", mode])
        let expected = try Self.sqlCohorts(start: "purchase", back: "purchase", period: period, n: 12,
                                           rolling: mode == "rolling")
        #expect(cohorts.count == expected.count)
        #expect(cohorts.count == (period == "month" ? 3 : 13))  // first purchases 1997-01-01 to 1997-03-25
        #expect(cohorts.reduce(0) { $0 + ($1["size"] as? Int ?? 0) } == 23_570)
        for cohort in cohorts {
            let label = cohort["start"] as? String ?? ""
            let counts = cohort["counts"] as? [Int] ?? []
            #expect(cohort["size"] as? Int == expected[label]?.size, "\(label)")
            #expect(counts == expected[label]?.counts, "\(label)")
            let size = Double(cohort["size"] as? Int ?? 0)
            // JSON numbers are written shortest round-trip; Foundation's parser may be off in the last bit.
            let rates = cohort["rates"] as? [Double] ?? []
            #expect(rates.count == 12)
            #expect(zip(rates, counts).allSatisfy { Accuracy.relativeError($0, Double($1) / size) <= 1e-14 })
            #expect(cohort["periods_observed"] as? Int == 12)
        }
        if mode == "rolling" {
            for cohort in cohorts {
                let counts = cohort["counts"] as? [Int] ?? []
                #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 >= $1 })
            }
        }
    }

    /// Onboarding: welcome screen → passed by UTC day (the log's local day straddles two UTC
    /// days), N = 2.
    @Test func onboardingMatchesSQL() throws {
        let database = try BehaviorFixture.database()
        let cohorts = try Self.retention(database, ["--start", "onboarding_welcome_screen", "--return", "passed",
                                                    "--period", "day", "--periods", "2"])
        let expected = try Self.sqlCohorts(start: "onboarding_welcome_screen", back: "passed", period: "day", n: 2,
                                           rolling: false)
        #expect(cohorts.map { $0["start"] as? String } == ["2018-09-30", "2018-10-01"])
        for cohort in cohorts {
            let label = cohort["start"] as? String ?? ""
            #expect(cohort["size"] as? Int == expected[label]?.size)
            #expect(cohort["counts"] as? [Int] == expected[label]?.counts)
        }
        // The second day is the last observed one, so its period 1 has not begun.
        #expect(cohorts.map { $0["periods_observed"] as? Int } == [2, 1])
    }
}
