import Foundation
import InsightsNumerics
import Testing
import TestSupport

/// `insights funnel` on the real event logs in ../shared/data/behavior, checked against funnels
/// computed by the sqlite3 shell from the same database with SQL written here, and on a small
/// hand-made log whose answers are worked out in the comments.
///
/// The SQL is a set formulation, not the command's algorithm: a recursive query collects every
/// (start event, step, event) such that some chain of strictly later events from the start
/// reaches that event at that step inside the window; an actor's furthest step is the largest
/// step in the set. The event an attempt uses for a step is the earliest reachable one.
@Suite(.serialized)
struct FunnelCommandTests {
    static let onboarding = ["onboarding_welcome_screen", "onboarding__chooseLoginType", "onboarding_privacy_policyShown",
                             "onboarding_privacy_policyAccepted", "passed"]

    /// Steps reached per attempt, as SQL CTEs named `reach` (every reachable event) and
    /// `chosen` (per actor, the earliest start of the attempts reaching the furthest step).
    static func reachSQL(steps: [String], windowNanoseconds: Int64, firstStartOnly: Bool = false) -> String {
        let values = steps.enumerated().map { "(\($0.offset + 1), '\($0.element)')" }.joined(separator: ", ")
        let starts = firstStartOnly
            ? "SELECT id, actor_id, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY actor_id ORDER BY ts, id) AS n FROM se WHERE k = 1) WHERE n = 1"
            : "SELECT id, actor_id, ts FROM se WHERE k = 1"
        return """
            WITH RECURSIVE
            steps(k, name) AS (VALUES \(values)),
            se AS MATERIALIZED (SELECT e.id, e.ts, e.actor_id, s.k, e.properties FROM event e
                                JOIN event_name n ON n.id = e.name_id JOIN steps s ON s.name = n.name),
            reach(start_id, actor_id, start_ts, k, id, ts) AS (
              SELECT id, actor_id, ts, 1, id, ts FROM (\(starts))
              UNION
              SELECT r.start_id, r.actor_id, r.start_ts, s.k, s.id, s.ts
              FROM reach r JOIN se s ON s.actor_id = r.actor_id AND s.k = r.k + 1
                AND (s.ts > r.ts OR (s.ts = r.ts AND s.id > r.id)) AND s.ts - r.start_ts <= \(windowNanoseconds)),
            attempt AS (SELECT start_id, actor_id, start_ts, MAX(k) AS level FROM reach GROUP BY start_id),
            chosen AS (SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY actor_id ORDER BY level DESC, start_ts, start_id) AS n
                                      FROM attempt) WHERE n = 1)
            """
    }

    /// Actors reaching each step, by SQL.
    static func sqlCounts(steps: [String], window: Int64, firstStartOnly: Bool = false) throws -> [Int] {
        let rows = try BehaviorFixture.sqlite(reachSQL(steps: steps, windowNanoseconds: window, firstStartOnly: firstStartOnly)
            + " SELECT s.k, (SELECT COUNT(*) FROM chosen WHERE level >= s.k) FROM steps s ORDER BY s.k")
        return rows.map { Int($0[1])! }
    }

    /// Seconds from step k − 1 to step k of each counted actor's chosen attempt, by SQL, per k:
    /// the earliest reachable event of each step from the chosen start.
    static func sqlSeconds(steps: [String], window: Int64) throws -> [Int: [Double]] {
        let rows = try BehaviorFixture.sqlite(reachSQL(steps: steps, windowNanoseconds: window) + """
            , earliest AS (SELECT start_id, k, ts FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.start_id, r.k ORDER BY r.ts, r.id) AS n
                                                       FROM reach r JOIN chosen c ON c.start_id = r.start_id) WHERE n = 1)
            SELECT b.k, b.ts - a.ts FROM earliest a JOIN earliest b ON a.start_id = b.start_id AND b.k = a.k + 1
            """)
        var seconds: [Int: [Double]] = [:]
        for row in rows { seconds[Int(row[0])!, default: []].append(Double(Int64(row[1])!) / 1e9) }
        return seconds
    }

    static func funnel(_ database: String, _ arguments: [String]) throws -> [String: Any] {
        let result = try BinaryRunner.run(["funnel", "--db", database, "--format", "json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func steps(_ document: [String: Any]) -> [[String: Any]] { document["steps"] as? [[String: Any]] ?? [] }
    static func counts(_ document: [String: Any]) -> [Int] { steps(document).map { $0["count"] as? Int ?? -1 } }

    // MARK: Real data

    /// The onboarding funnel in a 1-day window: counts equal SQL's (4120, 2160, 2112, 2027,
    /// 1483); conversions are their ratios; the interval is statsmodels' Wilson interval.
    @Test func onboardingFunnelMatchesSQL() throws {
        let database = try BehaviorFixture.database()
        let day: Int64 = 86_400_000_000_000
        let document = try Self.funnel(database, ["--steps", Self.onboarding.joined(separator: ","), "--window", "1d"])
        let expected = try Self.sqlCounts(steps: Self.onboarding, window: day)
        #expect(expected == [4120, 2160, 2112, 2027, 1483])
        #expect(Self.counts(document) == expected)
        let steps = Self.steps(document)
        for (k, step) in steps.enumerated() {
            let previous = Double(expected[max(0, k - 1)]), first = Double(expected[0])
            #expect(Accuracy.relativeError(step["conversion_from_previous"] as? Double ?? .nan, Double(expected[k]) / previous) <= 1e-15)
            #expect(Accuracy.relativeError(step["conversion_from_first"] as? Double ?? .nan, Double(expected[k]) / first) <= 1e-15)
        }
        #expect(steps[0]["median_seconds_to_convert"] is NSNull)
        // statsmodels 0.15: proportion_confint(x, 4120, alpha=0.05, method='wilson').
        let wilson: [(Double, Double)] = [(0.999068475629082, 1.0), (0.5090067671311158, 0.5394917025596162),
                                          (0.4973540182130443, 0.5278651860261364), (0.47673926679473244, 0.5072562382073261),
                                          (0.34543174187764036, 0.37473208800683533)]
        for (step, (low, high)) in zip(steps, wilson) {
            #expect(Accuracy.relativeError(step["ci_low"] as? Double ?? .nan, low) <= 1e-12)
            #expect(Accuracy.relativeError(step["ci_high"] as? Double ?? .nan, high) <= 1e-12)
        }
        // Median (and quartiles) of the SQL's step-to-step durations.
        let durations = try Self.sqlSeconds(steps: Self.onboarding, window: day)
        for k in 2...Self.onboarding.count {
            let seconds = durations[k] ?? []
            #expect(seconds.count == expected[k - 1])
            let step = steps[k - 1]
            #expect(Accuracy.relativeError(step["median_seconds_to_convert"] as? Double ?? .nan, Statistics.median(seconds)) <= 1e-12)
            #expect(Accuracy.relativeError(step["p90_seconds_to_convert"] as? Double ?? .nan, Statistics.quantile(seconds, 0.9)) <= 1e-12)
        }
    }

    /// First touch only: the SQL starts from each actor's earliest step-1 event.
    @Test func onboardingFirstAttemptMatchesSQL() throws {
        let database = try BehaviorFixture.database()
        let document = try Self.funnel(database, ["--steps", Self.onboarding.joined(separator: ","), "--window", "1d",
                                                  "--attempt", "first"])
        let expected = try Self.sqlCounts(steps: Self.onboarding, window: 86_400_000_000_000, firstStartOnly: true)
        #expect(Self.counts(document) == expected)
        #expect(expected[4] <= 1483)
    }

    /// Second and third purchases within 30 days at CDNOW, broken down by the quantity of the
    /// purchase that starts the counted attempt: every group's counts equal SQL's.
    @Test func cdnowRepeatPurchaseBreakdownMatchesSQL() throws {
        let database = try BehaviorFixture.database()
        let steps = ["purchase", "purchase", "purchase"], window: Int64 = 30 * 86_400_000_000_000
        let document = try Self.funnel(database, ["--steps", steps.joined(separator: ","), "--window", "30d",
                                                  "--by", "quantity"])
        let total = try Self.sqlCounts(steps: steps, window: window)
        #expect(Self.counts(document) == total)
        let rows = try BehaviorFixture.sqlite(Self.reachSQL(steps: steps, windowNanoseconds: window) + """
             SELECT COALESCE(json_extract(e.properties, '$.quantity'), '(none)') AS v, s.k, COUNT(*)
             FROM chosen c JOIN event e ON e.id = c.start_id JOIN steps s ON c.level >= s.k GROUP BY v, s.k
            """)
        var expected: [String: [Int]] = [:]
        for row in rows { expected[row[0], default: [0, 0, 0]][Int(row[1])! - 1] = Int(row[2])! }
        let groups = try #require(document["breakdown"] as? [[String: Any]])
        var found: [String: [Int]] = [:]
        for group in groups { found[group["value"] as? String ?? "?"] = Self.counts(group) }
        #expect(found == expected)
        #expect(groups.count > 5)
        #expect(groups.map { Self.counts($0)[0] } == groups.map { Self.counts($0)[0] }.sorted(by: >))
    }

    // MARK: Hand-made log

    /// a: signup (free) 00:00, activate 00:10 | signup (pro) 02:00, activate 02:10, purchase 02:20.
    /// b: activate 00:00, signup (pro) 00:05, purchase 00:06, activate 00:07.
    /// c: signup 00:00. d: purchase 00:00.
    /// e: signup (free) 00:00, activate 00:00 (same time, later row), purchase 01:00 (window's end).
    static let handMade = """
        timestamp,distinct_id,event,plan
        2026-01-01T00:00:00Z,a,signup,free
        2026-01-01T00:10:00Z,a,activate,
        2026-01-01T02:00:00Z,a,signup,pro
        2026-01-01T02:10:00Z,a,activate,
        2026-01-01T02:20:00Z,a,purchase,
        2026-01-01T00:00:00Z,b,activate,
        2026-01-01T00:05:00Z,b,signup,pro
        2026-01-01T00:06:00Z,b,purchase,
        2026-01-01T00:07:00Z,b,activate,
        2026-01-01T00:00:00Z,c,signup,
        2026-01-01T00:00:00Z,d,purchase,
        2026-01-01T00:00:00Z,e,signup,free
        2026-01-01T00:00:00Z,e,activate,
        2026-01-01T01:00:00Z,e,purchase,

        """

    static func handMadeDatabase() throws -> String {
        let csv = try TemporaryFiles.write(handMade, name: "events.csv")
        let database = try TemporaryDatabase.path()
        let ingest = try BinaryRunner.run(["ingest", "--db", database, csv])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return database
    }

    static let handSteps = ["--steps", "signup,activate,purchase", "--window", "1h"]

    @Test func handMadeAttemptsAndModes() throws {
        let database = try Self.handMadeDatabase()
        // Furthest: a 3 (second attempt), b 2, c 1, e 3. Into activate: a 600 s, b 120 s, e 0 s;
        // into purchase: a 600 s, e 3600 s.
        let furthest = try Self.funnel(database, Self.handSteps)
        #expect(Self.counts(furthest) == [4, 3, 2])
        #expect(Self.steps(furthest).map { $0["median_seconds_to_convert"] as? Double } == [nil, 120, 2100])
        #expect(Self.steps(furthest)[2]["conversion_from_previous"] as? Double == 2.0 / 3)
        // statsmodels 0.15: proportion_confint(2, 4, method='wilson').
        #expect(Accuracy.relativeError(Self.steps(furthest)[2]["ci_low"] as? Double ?? .nan, 0.15003898915214947) <= 1e-12)
        #expect(Accuracy.relativeError(Self.steps(furthest)[2]["ci_high"] as? Double ?? .nan, 0.8499610108478506) <= 1e-12)
        // First attempt: a stops at activate (its purchase is 140 min after the first signup).
        let first = try Self.funnel(database, Self.handSteps + ["--attempt", "first"])
        #expect(Self.counts(first) == [4, 3, 1])
        #expect(Self.steps(first)[2]["median_seconds_to_convert"] as? Double == 3600)
        // Any order: d's lone purchase is one step; b's activate 00:00 starts all three.
        let any = try Self.funnel(database, Self.handSteps + ["--mode", "any"])
        #expect(Self.counts(any) == [5, 3, 3])
        let anyFirst = try Self.funnel(database, Self.handSteps + ["--mode", "any", "--attempt", "first"])
        #expect(Self.counts(anyFirst) == [5, 3, 2])
    }

    @Test func handMadeBreakdownFiltersAndDropoffs() throws {
        let database = try Self.handMadeDatabase()
        // a's counted start is the pro signup at 02:00; c has no plan.
        let document = try Self.funnel(database, Self.handSteps + ["--by", "plan"])
        let groups = try #require(document["breakdown"] as? [[String: Any]])
        #expect(groups.map { $0["value"] as? String } == ["pro", "free", "(none)"])
        #expect(groups.map(Self.counts) == [[2, 2, 1], [1, 1, 1], [1, 0, 0]])
        let pro = try Self.funnel(database, ["--steps", "signup{plan=pro},activate,purchase", "--window", "1h"])
        #expect(Self.counts(pro) == [2, 2, 1])
        let notPro = try Self.funnel(database, ["--steps", "signup{plan!=pro},activate,purchase", "--window", "1h"])
        #expect(Self.counts(notPro) == [3, 2, 1])  // a (free, to activate), c, e
        let after1 = try BinaryRunner.run(["funnel", "--db", database, "--dropoffs", "1"] + Self.handSteps)
        #expect(after1.stdout == "c\n")
        let after2 = try BinaryRunner.run(["funnel", "--db", database, "--dropoffs", "2", "--format", "csv"] + Self.handSteps)
        #expect(after2.stdout == "distinct_id\nb\n")
    }

    @Test func errorsNameTheProblem() throws {
        let database = try Self.handMadeDatabase()
        let typo = try BinaryRunner.run(["funnel", "--db", database, "--steps", "signup,activvate", "--window", "1h"])
        #expect(typo.status == 65 && typo.stderr.contains("did you mean 'activate'"))
        let window = try BinaryRunner.run(["funnel", "--db", database, "--steps", "signup,activate", "--window", "soon"])
        #expect(window.status == 64 && window.stderr.contains("--window"))
        let dropoffs = try BinaryRunner.run(["funnel", "--db", database, "--dropoffs", "2"] + Self.handSteps.dropFirst(2)
                                            + ["--steps", "signup,activate"])
        #expect(dropoffs.status == 64 && dropoffs.stderr.contains("--dropoffs"))
    }
}
