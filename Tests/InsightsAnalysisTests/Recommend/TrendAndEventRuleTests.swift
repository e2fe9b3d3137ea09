import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing

/// The degrading-trend and event rules on synthetic data whose answers are known by construction;
/// the numbers they report are checked against the engines they are built on.
struct TrendAndEventRuleTests {
    static let hour: Int64 = 3_600_000_000_000
    static let day: Int64 = 24 * hour
    static let start: Int64 = 1_767_225_600_000_000_000  // 2026-01-01T00:00:00Z
    typealias Row = (t: Int64, actor: String, name: String, properties: [String: String])

    static func context(_ series: [RuleSeries], windowSteps: Int = 24) -> RuleContext {
        let count = series[0].values.count
        return RuleContext(series: series, start: start, step: hour, count: count,
                           now: start + Int64(count - 1) * hour, windowStart: count - windowSteps)
    }

    // MARK: Degrading trend

    /// 14 days hourly: a p95 latency of 0.1 s rising 0.0001 s per hour (0.0024 s/day, +33.5 % over
    /// the 335 steps), noise SD 0.005; a flat one; a falling cache hit ratio; a rising one (good);
    /// and a rising metric whose name gives no direction.
    @Test func degradingTrendFiresTheBadWayOnly() throws {
        let n = 336
        let noise = RecommendationRuleTests.normals(5 * n, seed: 7)
        let latency = RuleSeries(metric: "http_request_duration_seconds_p95", labels: [(key: "service", value: "checkout")],
                                 values: (0..<n).map { 0.1 + 0.0001 * Double($0) + 0.005 * noise[$0] })
        let flat = RuleSeries(metric: "http_request_duration_seconds_p95", labels: [(key: "service", value: "search")],
                              values: (0..<n).map { 0.1 + 0.005 * noise[n + $0] })
        let falling = RuleSeries(metric: "cache_hit_ratio", labels: [(key: "service", value: "search")],
                                 values: (0..<n).map { 0.9 - 0.0004 * Double($0) + 0.01 * noise[2 * n + $0] })
        let improving = RuleSeries(metric: "cache_hit_ratio", labels: [(key: "service", value: "auth")],
                                   values: (0..<n).map { 0.6 + 0.0004 * Double($0) + 0.01 * noise[3 * n + $0] })
        let unknown = RuleSeries(metric: "http_requests_per_second", labels: [(key: "service", value: "auth")],
                                 values: (0..<n).map { 100 + 1 * Double($0) + noise[4 * n + $0] })
        let found = DegradingTrendRule().evaluate(Self.context([latency, flat, falling, improving, unknown]))
        #expect(found.map(\.subject.selector).sorted() == [falling.selector, latency.selector].sorted(), "\(found.map(\.title))")

        let r = try #require(found.first { $0.subject.selector == latency.selector })
        // The rule's numbers are the trend engine's: compare with a direct fit of the same values.
        let fit = try TrendAnalysis.fit(latency.values).estimate
        let perDay = try #require(r.evidence.first { $0.name == "slope_per_day" }?.value)
        #expect(abs(perDay - fit.slope * 24) <= 1e-12 * abs(perDay))
        #expect(abs(perDay - 0.0024) <= 0.0001, "true slope 0.0024 s/day")
        let low = try #require(r.evidence.first { $0.name == "slope_per_day_low" }?.value)
        let high = try #require(r.evidence.first { $0.name == "slope_per_day_high" }?.value)
        #expect(low < 0.0024 && 0.0024 < high)
        let change = try #require(r.evidence.first { $0.name == "percent_change" }?.value)
        #expect(abs(change - 33.5) < 1.5, "true change 100·0.0001·335/0.1 = 33.5 %")
        #expect(abs(r.confidence - (1 - fit.slopePValue)) < 1e-12)
        #expect(r.severity == .warning)
        #expect(r.alertName == "InsightsDegradingTrend")
        #expect(r.title.hasPrefix("http_request_duration_seconds_p95 on checkout rising +0.0024"), "\(r.title)")
        #expect(r.title.contains(" s/day (+33."), "\(r.title)")
        #expect(r.statement.hasPrefix("trend \(latency.selector) from 2026-01-01T00:00:00Z to 2026-01-14T23:00:00Z step 1h"))

        let down = try #require(found.first { $0.subject.selector == falling.selector })
        let downChange = try #require(down.evidence.first { $0.name == "percent_change" }?.value)
        #expect(downChange < -10 && down.title.contains("falling"))
        // The true line halves less than 50 %: 0.9 → 0.766 is −14.9 %.
        #expect(abs(downChange + 14.9) < 1.5)
    }

    @Test(arguments: [("http_request_duration_seconds_p99", DegradingTrendRule.Direction.up),
                      ("http_error_ratio", .up), ("disk_usage_ratio", .up), ("memory_usage_ratio", .up),
                      ("cpu_usage_ratio", .up), ("availability_ratio", .down), ("cache_hit_ratio", .down),
                      ("api_latency_ms", .up)])
    func directionFromTheName(metric: String, direction: DegradingTrendRule.Direction) {
        #expect(DegradingTrendRule.direction(of: metric) == direction)
    }

    @Test(arguments: ["network_transmit_bytes_per_second", "memory_usage_bytes", "http_requests_per_second"])
    func namesWithoutADirectionAreSkipped(metric: String) {
        #expect(DegradingTrendRule.direction(of: metric) == nil)
    }

    // MARK: Events

    /// An event log from (time, actor, name, properties) rows; property values are JSON text.
    static func log(_ rows: [Row]) -> EventLog {
        var actorIndex: [String: Int32] = [:], nameIndex: [String: Int32] = [:]
        var actorIDs: [String] = [], names: [String] = []
        let keys = Set(rows.flatMap { $0.properties.keys })
        var columns = Dictionary(uniqueKeysWithValues: keys.map { ($0, [String?]()) })
        var a: [Int32] = [], e: [Int32] = []
        for row in rows {
            if actorIndex[row.actor] == nil { actorIndex[row.actor] = Int32(actorIDs.count); actorIDs.append(row.actor) }
            if nameIndex[row.name] == nil { nameIndex[row.name] = Int32(names.count); names.append(row.name) }
            a.append(actorIndex[row.actor]!)
            e.append(nameIndex[row.name]!)
            for key in keys { columns[key]!.append(row.properties[key]) }
        }
        return EventLog(timestamps: rows.map(\.t), actors: a, names: e, actorIDs: actorIDs, eventNames: names, properties: columns)
    }

    /// A context of 14 days of events ending at `now`, the last day analysed.
    static func eventContext(_ log: EventLog, days: Int = 14) -> RuleContext {
        RuleContext(series: [], start: start, step: hour, count: days * 24 + 1, now: start + Int64(days) * day,
                    windowStart: (days - 1) * 24, events: log)
    }

    static func exception(_ t: Int64, _ fingerprint: String, level: String = "error") -> Row {
        (t, "u\(t % 97)", "$exception", ["fingerprint": "\"\(fingerprint)\"", "level": "\"\(level)\"", "service": "\"search\""])
    }

    /// An old error every hour; a new one 20 times in the last day; one seen once on day 2 and
    /// 3 times in the last day (old); one new with a single occurrence (confidence 1 − 1/14 < 0.95).
    @Test func aNewFingerprintFiresOnceAndOldOnesDoNot() throws {
        var rows = (0..<(14 * 24)).map { Self.exception(Self.start + Int64($0) * Self.hour, "search:TimeoutError:upstream") }
        rows += (0..<20).map { Self.exception(Self.start + 13 * Self.day + Int64($0) * Self.hour, "search:KeyError:apply_discount") }
        rows.append(Self.exception(Self.start + 2 * Self.day, "search:ValueError:rare"))
        rows += (0..<3).map { Self.exception(Self.start + 13 * Self.day + 5 * Self.hour + Int64($0), "search:ValueError:rare") }
        rows.append(Self.exception(Self.start + 13 * Self.day + 2 * Self.hour, "search:OSError:once"))
        let context = Self.eventContext(Self.log(rows.sorted { $0.t < $1.t }))
        let found = ErrorSpikeRule().evaluate(context)
        #expect(found.count == 1, "\(found.map(\.title))")
        let r = try #require(found.first)
        #expect(r.subject.label("fingerprint") == "search:KeyError:apply_discount")
        #expect(r.subject.label("service") == "search")
        #expect(r.alertName == "InsightsNewError")
        // 20 occurrences in a window of 1 day out of 14: 1 − (1/14)^20.
        #expect(abs(r.confidence - (1 - pow(1.0 / 14, 20))) < 1e-12)
        #expect(r.evidence.first { $0.name == "occurrences" }?.value == 20)
        #expect(r.severity == .warning, "20 < 50 occurrences")
        // The same run again gives the same fingerprint (identity, not numbers).
        #expect(ErrorSpikeRule().evaluate(context).first?.fingerprint == r.fingerprint)
        // With 60 occurrences it is critical; warnings only make it info.
        var many = rows
        let burst: Int64 = Self.start + 13 * Self.day + Self.hour / 2
        many += (0..<40).map { (k: Int) -> Row in Self.exception(burst + Int64(k), "search:KeyError:apply_discount") }
        #expect(ErrorSpikeRule().evaluate(Self.eventContext(Self.log(many.sorted { $0.t < $1.t }))).first?.severity == .critical)
        var mild: [Row] = (0..<(14 * 24)).map { Self.exception(Self.start + Int64($0) * Self.hour, "a:Old:x") }
        let lastDay: Int64 = Self.start + 13 * Self.day
        mild += (0..<5).map { (k: Int) -> Row in Self.exception(lastDay + Int64(k) * Self.hour, "a:Slow:y", level: "warning") }
        #expect(ErrorSpikeRule().evaluate(Self.eventContext(Self.log(mild.sorted { $0.t < $1.t }))).map(\.severity) == [.info])
    }

    @Test func withoutExceptionsBeforeTheWindowNothingIsNew() {
        let rows = (0..<20).map { Self.exception(Self.start + 13 * Self.day + Int64($0) * Self.hour, "x:New:y") }
        #expect(ErrorSpikeRule().evaluate(Self.eventContext(Self.log(rows))).isEmpty)
    }

    /// A daily rate wobbling around 0.7 (±0.02 by day) and 0.5 on the last day.
    @Test(arguments: [(1000, true), (10, false)])
    func aConversionDropFiresOnlyWithEnoughActors(starts: Int, fires: Bool) throws {
        var rows: [Row] = []
        for d in 0..<14 {
            let rate = d == 13 ? 0.5 : 0.7 + (d % 3 == 0 ? 0.02 : d % 3 == 1 ? -0.02 : 0)
            let converting = Int((Double(starts) * rate).rounded())
            for u in 0..<starts {
                let t = Self.start + Int64(d) * Self.day + 10 * Self.hour + Int64(u) * 1_000_000_000
                rows.append((t, "d\(d)-u\(u)", "signup_started", [:]))
                if u < converting { rows.append((t + 60_000_000_000, "d\(d)-u\(u)", "signed_up", [:])) }
            }
        }
        let log = Self.log(rows.sorted { $0.t < $1.t })
        let found = FunnelDropRule().evaluate(Self.eventContext(log))
        #expect(found.count == (fires ? 1 : 0), "\(found.map(\.title))")
        guard fires else { return }
        let r = try #require(found.first)
        // The engine's own scores for the same counts: the rule reports the last day's.
        let days = CalendarPeriods(.day)
        let range = days.index(Self.start) ..< days.index(Self.start + 14 * Self.day) + 1
        let counts = EventTrends.conversion(from: "signup_started", to: "signed_up", in: log, periods: days, periodRange: range)
        let scores = CountAnomalies.rates(successes: counts.successes, trials: counts.trials)
        #expect(counts.trials[13] == Double(starts) && counts.successes[13] == 500)
        #expect(abs(r.confidence - (1 - scores[13].qValue)) < 1e-12)
        #expect(r.evidence.first { $0.name == "conversion" }?.value == 0.5)
        #expect(r.alertName == "InsightsFunnelDrop" && r.severity == .warning)
        #expect(r.title.hasPrefix("funnel signup_started → signed_up converted 50.0 % on 2026-01-14"), "\(r.title)")
        #expect(r.statement == "funnel 'signup_started', 'signed_up' window 1d from 2026-01-14T00:00:00Z to 2026-01-14T23:59:59Z")
    }

    /// Exposures to flag `new-flow` and purchases: `sizes` actors per arm, `converted` of them buy.
    static func experimentLog(sizes: (control: Int, test: Int), converted: (control: Int, test: Int)) -> EventLog {
        var rows: [Row] = []
        for (variant, size, buyers) in [("control", sizes.control, converted.control), ("test", sizes.test, converted.test)] {
            for u in 0..<size {
                let t = start + Int64(u) * 60_000_000_000
                rows.append((t, "\(variant)-\(u)", "$feature_flag_called",
                             ["$feature_flag": "\"new-flow\"", "$feature_flag_response": "\"\(variant)\""]))
                if u < buyers { rows.append((t + hour, "\(variant)-\(u)", "purchase", [:])) }
            }
        }
        return log(rows.sorted { $0.t < $1.t })
    }

    @Test func anAAExperimentHasNoWinner() {
        let log = Self.experimentLog(sizes: (2000, 2000), converted: (400, 400))
        #expect(ExperimentRule().evaluate(Self.eventContext(log)).isEmpty)
    }

    @Test func aClearWinnerIsReady() throws {
        let log = Self.experimentLog(sizes: (2000, 2000), converted: (400, 600))
        let found = ExperimentRule().evaluate(Self.eventContext(log))
        #expect(found.count == 1)
        let r = try #require(found.first)
        let reference = try ConversionExperiment.analyze(control: ConversionCounts(exposed: 2000, converted: 400),
                                                         variants: [ConversionCounts(exposed: 2000, converted: 600)])
        let p = reference.variants[0].sequential.alwaysValidPValue
        #expect(p < 0.05)
        #expect(abs(r.confidence - (1 - p)) < 1e-12)
        #expect(r.alertName == "InsightsExperimentReady" && r.severity == .info)
        #expect(r.subject.label("experiment") == "new-flow")
        #expect(r.title.contains("test is the winner"), "\(r.title)")
        #expect(abs((r.evidence.first { $0.name == "relative_lift" }?.value ?? 0) - 0.5) < 1e-12)
        #expect(r.statement.hasPrefix("experiment 'purchase' exposure '$feature_flag_called' variant_property "
            + "'$feature_flag_response' where '$feature_flag=new-flow' from "))
    }

    @Test func aSkewedSplitIsASampleRatioMismatch() throws {
        let log = Self.experimentLog(sizes: (2000, 1700), converted: (400, 600))
        let found = ExperimentRule().evaluate(Self.eventContext(log))
        #expect(found.count == 1, "only the mismatch: the readout is not to be trusted")
        let r = try #require(found.first)
        let reference = try SampleRatioMismatch.test(observed: [2000, 1700])
        #expect(reference.isMismatch)
        #expect(r.alertName == "InsightsSampleRatioMismatch" && r.severity == .critical)
        #expect(abs(r.confidence - (1 - reference.pValue)) < 1e-12)
        #expect(r.fingerprint != ExperimentRule().evaluate(Self.eventContext(
            Self.experimentLog(sizes: (2000, 2000), converted: (400, 600)))).first?.fingerprint)
    }
}
