import InsightsQuery
import Testing

/// `recommend`, `health` and `explain`: what they parse to, their errors, and completion.
struct AdviceStatementTests {
    static func advice(_ text: String) throws -> AdviceQuery? {
        guard case .advice(let query) = try Parser.parse(text) else { return nil }
        return query
    }

    @Test func parses() throws {
        let recommend = try #require(try Self.advice("recommend since 2h rules capacity,data_quality record;"))
        #expect(recommend.kind == .recommend && recommend.fingerprint == nil)
        #expect(recommend.options.map(\.name) == ["since", "rules", "record"])
        #expect(recommend.options.map(\.values) == [["2h"], ["capacity", "data_quality"], []])
        let health = try #require(try Self.advice("HEALTH service checkout since 7d config 'my config.toml'"))
        #expect(health.kind == .health && health.options.map(\.values) == [["checkout"], ["7d"], ["my config.toml"]])
        // A fingerprint may lex as a word, a number or a duration: its text is kept as written.
        for fingerprint in ["72c5956137f32a19", "3fa2", "12", "5d", "1e5"] {
            #expect(try Self.advice("explain \(fingerprint)")?.fingerprint == fingerprint)
        }
        #expect(try Self.advice("health")?.options.isEmpty == true)
    }

    @Test(arguments: [
        ("explain", "1:8: error: expected a recommendation's fingerprint (or a prefix of it) after 'explain', found the end of the statement"),
        ("health servce checkout", "1:8: error: unknown option 'servce' for 'health'; did you mean 'service'?"),
        ("explain 3fa2 since 1d", "1:14: error: unknown option 'since' for 'explain'"),
        ("recommend record yes", "1:18: error: unknown option 'yes' for 'recommend' (options: since, history, horizon, now, rules, funnel, experiment_metric, config, record)"),
    ])
    func errors(text: String, expected: String) {
        do {
            _ = try Parser.parse(text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.description == expected)
        }
    }

    struct Source: CompletionSource {
        var metricNames: [String] { ["cpu"] }
        var eventNames: [String] { [] }
        func labelKeys(metric: String?) -> [String] { [] }
        func labelValues(key: String, metric: String?) -> [String] { key == "service" ? ["auth", "checkout"] : [] }
        func paths(prefix: String) -> [String] { [] }
        func propertyNames(event: String?) -> [String] { [] }
        var fingerprints: [String] { ["72c5956137f32a19", "7a00000000000001", "e3b0c44298fc1c14"] }
    }

    @Test func completion() {
        func complete(_ before: String, _ word: String) -> [String] {
            Completion.candidates(before: before, word: word, source: Source())
        }
        #expect(complete("", "he") == ["health"])
        #expect(complete("", "exp") == ["experiment", "explain"])
        #expect(complete("explain ", "7") == ["72c5956137f32a19", "7a00000000000001"])
        #expect(complete("health ", "s") == ["service", "since"])
        #expect(complete("health service ", "") == ["auth", "checkout"])
        #expect(complete("recommend since 2h ", "re") == ["record"])
        #expect(complete("recommend rules ", "c") == ["capacity"])
    }
}
