import InsightsQuery
import Testing

/// The behavior statements: events, window clauses and options; their errors; completion.
struct BehaviorStatementTests {
    @Test func funnelWithStepsWindowAndOptions() throws {
        let statement = try Parser.parse(#"funnel signup, "first purchase", activate window 7d by plan since 30d mode any"#)
        guard case .behavior(let query) = statement else { Issue.record("not a behavior statement: \(statement)"); return }
        #expect(query.kind == .funnel)
        #expect(query.events.map(\.name) == ["signup", "first purchase", "activate"])
        #expect(query.events.map(\.location.column) == [8, 16, 34])
        #expect(query.window == .since("30d"))
        #expect(query.options.map(\.name) == ["window", "by", "mode"])
        #expect(query.options.map(\.values) == [["7d"], ["plan"], ["any"]])
    }

    @Test func optionalEventsAndRanges() throws {
        guard case .behavior(let stickiness) = try Parser.parse("stickiness per month from 2026-01-01 to 2026-03-01") else {
            Issue.record("stickiness"); return
        }
        #expect(stickiness.events.isEmpty && stickiness.window == .between(from: "2026-01-01", to: "2026-03-01"))
        guard case .behavior(let retention) = try Parser.parse("retention signup, purchase period week periods 8") else {
            Issue.record("retention"); return
        }
        #expect(retention.events.map(\.name) == ["signup", "purchase"] && retention.options.map(\.name) == ["period", "periods"])
    }

    /// PostHog's own events start with `$`: unbound in a behavior statement, `$pageview` is a
    /// name; a bound variable is still substituted; in other statements an unbound one is an error.
    @Test func dollarEventsAndVariables() throws {
        guard case .behavior(let query) = try Parser.parse("trends $pageview, $ev interval week",
                                                            bindings: ["ev": Value(text: "signed_up", kind: .string)]) else {
            Issue.record("trends"); return
        }
        #expect(query.events.map(\.name) == ["$pageview", "signed_up"])
        guard case .behavior(let experiment) = try Parser.parse(
            "experiment purchase exposure $feature_flag_called variant_property $feature_flag_response") else {
            Issue.record("experiment"); return
        }
        #expect(experiment.options.map(\.values) == [["$feature_flag_called"], ["$feature_flag_response"]])
        #expect(throws: QueryError.self) { try Parser.parse("trend $pageview") }
    }

    @Test(arguments: [
        ("funnel signup", "1:8: error: 'funnel' takes 2 to 32 events, e.g. funnel signup, activate, purchase window 7d"),
        ("funnel a, b windw 7d", "1:13: error: unknown option 'windw' for 'funnel'; did you mean 'window'?"),
        ("trends purchase step 1h", "1:17: error: 'step' does not apply to 'trends' (events are bucketed by calendar periods)"),
        ("retention", "1:10: error: expected an event name after 'retention', e.g. retention signup, purchase period week periods 8"),
        ("experiment a, b", "1:15: error: 'experiment' takes 1 event, e.g. experiment purchase exposure flag_shown variant_property variant"),
    ])
    func errorsAreLocated(text: String, expected: String) {
        do {
            _ = try Parser.parse(text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.description == expected)
        }
    }

    struct Catalog: CompletionSource {
        var metricNames: [String] { ["cpu"] }
        var eventNames: [String] { ["purchase", "signup"] }
        func labelKeys(metric: String?) -> [String] { [] }
        func labelValues(key: String, metric: String?) -> [String] { [] }
        func paths(prefix: String) -> [String] { [] }
        func propertyNames(event: String?) -> [String] { event == "signup" ? ["plan", "source"] : ["amount"] }
    }

    @Test func completionOffersEventsPropertiesAndChoices() {
        func complete(_ before: String, _ word: String) -> [String] {
            Completion.candidates(before: before, word: word, source: Catalog())
        }
        #expect(complete("", "fun") == ["funnel"])
        #expect(complete("funnel ", "") == ["purchase", "signup"])
        #expect(complete("funnel signup, ", "pu") == ["purchase"])
        #expect(complete("funnel signup, purchase ", "wi") == ["window"])
        #expect(complete("funnel signup, purchase window 7d by ", "") == ["plan", "source"])
        #expect(complete("trends purchase measure sum property ", "") == ["amount"])
        #expect(complete("trends purchase interval ", "w") == ["week"])
        #expect(complete("retention signup, purchase mode ", "") == ["classic", "rolling"])
        #expect(complete("funnel signup, purchase mode ", "") == ["any", "ordered"])
    }
}
