import Foundation
import InsightsStorage
import Testing

/// The default dataset's events: the A/B experiment's true effect, the funnel regression day,
/// the new-error burst, and the funnel's internal consistency.
struct GeneratorBehaviorTests {
    let generator = DefaultDataset.generator
    var events: [BehaviorEvent] { DefaultDataset.records.events }

    func properties(_ event: BehaviorEvent) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(event.propertiesJSON.utf8)) as? [String: Any])
    }

    /// Purchase conversion of exposed users by variant differs by the documented +0.10,
    /// within 4 standard errors of a difference of two binomial proportions.
    @Test func experimentShowsItsTrueEffect() throws {
        var variant: [String: String] = [:]
        var buyers: Set<String> = []
        for event in events {
            switch event.event {
            case "$feature_flag_called":
                let flag = try properties(event)
                #expect(flag["$feature_flag"] as? String == "new-checkout-flow")
                variant[event.distinctID] = try #require(flag["$feature_flag_response"] as? String)
            case "purchase":
                #expect(try properties(event)["$feature/new-checkout-flow"] as? String == variant[event.distinctID])
                buyers.insert(event.distinctID)
            default: break
            }
        }
        #expect(buyers.isSubset(of: Set(variant.keys)))
        func rate(_ name: String) -> (p: Double, n: Double) {
            let users = variant.filter { $0.value == name }.map(\.key)
            return (Double(users.filter(buyers.contains).count) / Double(users.count), Double(users.count))
        }
        let control = rate("control"), test = rate("test")
        #expect(control.n > 300 && test.n > 300)
        let se = (control.p * (1 - control.p) / control.n + test.p * (1 - test.p) / test.n).squareRoot()
        let truth = DefaultDataset.truth(.experiment)
        #expect(abs(truth.magnitude - 0.10) < 1e-12)
        #expect(abs((test.p - control.p) - truth.magnitude) < 4 * se,
                "control \(control.p) test \(test.p) se \(se)")
        #expect(abs(control.p - 0.20) < 4 * (0.16 / control.n).squareRoot())
    }

    /// signed_up / signup_started is 0.35 on the regression day and 0.70 on the others.
    @Test func funnelRegressionShowsOnItsDay() {
        let truth = DefaultDataset.truth(.funnelRegression)
        #expect(GeneratorTesting.iso8601(truth.start) == "2026-01-12T00:00:00Z")
        var started: [String: Timestamp] = [:]
        var completed: Set<String> = []
        for event in events {
            if event.event == "signup_started" { started[event.distinctID] = event.timestamp }
            if event.event == "signed_up" { completed.insert(event.distinctID) }
        }
        #expect(completed.isSubset(of: Set(started.keys)))
        let onDay = started.filter { truth.start <= $0.value && $0.value <= truth.end }.map(\.key)
        let otherDays = started.filter { !(truth.start <= $0.value && $0.value <= truth.end) }.map(\.key)
        func completion(_ users: [String]) -> Double { Double(users.filter(completed.contains).count) / Double(users.count) }
        let day = completion(onDay), rest = completion(otherDays)
        #expect(onDay.count > 40)
        #expect(abs(day - 0.35) < 4 * (0.35 * 0.65 / Double(onDay.count)).squareRoot(), "day \(day) n \(onDay.count)")
        #expect(abs(rest - 0.70) < 4 * (0.21 / Double(otherDays.count)).squareRoot(), "rest \(rest)")
    }

    /// The burst fingerprint appears exactly `burstEventCount` times, all inside its window,
    /// and never before it.
    @Test func newErrorFingerprintBurstsOnlyInItsWindow() throws {
        let truth = DefaultDataset.truth(.newErrorBurst)
        let exceptions = events.filter { $0.event == "$exception" }
        var burst: [BehaviorEvent] = []
        var fingerprints: [String: Int] = [:]
        for event in exceptions {
            let object = try properties(event)
            #expect(object.keys.sorted() == ["fingerprint", "level", "message", "service"])
            let fingerprint = try #require(object["fingerprint"] as? String)
            #expect(["error", "warning"].contains(object["level"] as? String ?? ""))
            #expect(fingerprint.hasPrefix((object["service"] as? String ?? "?") + ":"))
            fingerprints[fingerprint, default: 0] += 1
            if fingerprint == "search:KeyError:apply_discount" { burst.append(event) }
        }
        #expect(burst.count == 150 && truth.magnitude == 150)
        #expect(burst.allSatisfy { truth.start <= $0.timestamp && $0.timestamp < truth.end + generator.options.step })
        // Three recurring fingerprints per service plus the new one, each recurring one common.
        #expect(fingerprints.count == 4 * 3 + 1)
        #expect(fingerprints.values.filter { $0 != 150 }.allSatisfy { $0 > 100 })
    }

    @Test func funnelEventsFollowEachOtherPerUser() {
        let order = ["signup_started", "signed_up", "$feature_flag_called", "onboarding_step", "purchase"]
        var last: [String: (stage: Int, time: Timestamp)] = [:]
        var firstSeen: [String: Timestamp] = [:]
        for event in events where event.event != "$exception" {
            if firstSeen[event.distinctID] == nil {
                #expect(event.event == "$pageview", "\(event.distinctID) starts with \(event.event)")
                firstSeen[event.distinctID] = event.timestamp
            }
            guard let stage = order.firstIndex(of: event.event) else { continue }
            if let previous = last[event.distinctID] {
                #expect(stage >= previous.stage && event.timestamp >= previous.time)
            }
            last[event.distinctID] = (stage, event.timestamp)
        }
        #expect(firstSeen.count == generator.options.users)
        #expect(events.allSatisfy { generator.options.start <= $0.timestamp && $0.timestamp < generator.end })
    }
}
