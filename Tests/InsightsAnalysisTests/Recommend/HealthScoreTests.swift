import InsightsAnalysis
import Testing

/// The health score on synthetic series whose good shares are known by construction: shares,
/// budgets, scores and points lost recomputed here from the definition (docs/CONFIG.md), and
/// the Wilson bands against statsmodels.
struct HealthScoreTests {
    static let step: Int64 = 900_000_000_000

    /// One context whose whole grid is the window.
    static func context(_ series: [RuleSeries]) -> RuleContext {
        let count = series.first?.values.count ?? 0
        return RuleContext(series: series, start: 0, step: step, count: count, now: Int64(count - 1) * step, windowStart: 0)
    }

    static func latency(_ service: String, bad: (Int) -> Bool, count: Int = 200) -> RuleSeries {
        RuleSeries(metric: "http_request_duration_seconds_p95", labels: [(key: "service", value: service)],
                   values: (0..<count).map { bad($0) ? 0.8 : 0.12 })
    }

    static let latencyObjective = ServiceLevelObjective.defaults(for: "http_request_duration_seconds_p95")[0]

    /// Reference values from statsmodels 0.14 `proportion_confint(p·n_eff, n_eff, alpha=0.05,
    /// method='wilson')`, with n_eff = n(1 − ρ)/(1 + ρ) and ρ the lag-1 autocorrelation
    /// (numpy, Σ(xₜ − x̄)(xₜ₊₁ − x̄)/Σ(xₜ − x̄)², clamped to [0, 0.99]) of the indicator.
    @Test(arguments: [
        // bad at every 20th bucket: ρ < 0, taken as 0.
        (0.95, 0.0, 200.0, 0.9104218518612239, 0.972617354399236),
        // one run of 10 bad buckets (50..<60): ρ = 0.894, n_eff = 11.14.
        (0.95, 0.8944736842105265, 11.140436171690489, 0.6749530581226622, 0.9942808778792864),
        // one bad bucket (100).
        (0.995, 0.0, 200.0, 0.9722262956021069, 0.9991168312843989),
    ])
    func wilsonBandOnEffectiveBuckets(share: Double, rho: Double, effective: Double, low: Double, high: Double) throws {
        let bad: (Int) -> Bool = switch share {
        case 0.995: { $0 == 100 }
        default: rho > 0 ? { (50..<60).contains($0) } : { $0 % 20 == 0 }
        }
        let series = Self.latency("checkout", bad: bad)
        let c = try #require(HealthScore.compliance(of: series.values[...], objective: Self.latencyObjective, series: series.selector))
        #expect(abs(c.share - share) <= 1e-12)
        #expect(abs(c.autocorrelation - rho) <= 1e-9)
        #expect(abs(c.effectiveBuckets - effective) <= 1e-9 * effective)
        #expect(abs(c.shareLow - low) <= 1e-9, "low \(c.shareLow) vs \(low)")
        #expect(abs(c.shareHigh - high) <= 1e-9, "high \(c.shareHigh) vs \(high)")
        // The budget left is 1 − bad share / (1 − target), floored at 0, at each end.
        let budget = { (s: Double) in max(0, 1 - (1 - s) / 0.01) }
        #expect(abs(c.budget - budget(share)) <= 1e-12 && abs(c.budgetLow - budget(low)) <= 1e-9
                && abs(c.budgetHigh - budget(high)) <= 1e-9)
    }

    /// All good over 96 buckets: the Wilson upper end is 1 and the lower end z²/(n + z²) below
    /// it (statsmodels: 0.9615244121423242).
    @Test func allGood() throws {
        let series = Self.latency("auth", bad: { _ in false }, count: 96)
        let c = try #require(HealthScore.compliance(of: series.values[...], objective: Self.latencyObjective, series: series.selector))
        #expect(c.share == 1 && c.shareHigh == 1 && c.budget == 1)
        #expect(abs(c.shareLow - 0.9615244121423242) <= 1e-9)
    }

    /// Missing buckets are no buckets: 200 steps with every 4th missing leave 150 observed.
    @Test func missingBucketsAreSkipped() throws {
        var values = Self.latency("a", bad: { $0 == 1 || $0 == 2 }).values
        for i in stride(from: 0, to: values.count, by: 4) { values[i] = .nan }
        let c = try #require(HealthScore.compliance(of: values[...], objective: Self.latencyObjective, series: "s"))
        #expect(c.observed == 150 && c.good == 148)
        #expect(HealthScore.compliance(of: [Double.nan, .nan][...], objective: Self.latencyObjective, series: "s") == nil)
    }

    /// Two objectives with weights 1 and 3: latency with one bad bucket in 200 (budget ½), errors
    /// all good (budget 1): score 100·(1·½ + 3·1)/4 = 87.5, latency costs 12.5 points; the band is
    /// the same mean over the budgets' band ends. A service with no bad bucket scores 100.
    @Test func scoreAndWhatPullsItDown() throws {
        let errors = RuleSeries(metric: "http_error_ratio", labels: [(key: "service", value: "checkout")],
                                values: Array(repeating: 0.001, count: 200))
        let configured = [
            ServiceLevelObjective(name: "latency", metric: "http_request_duration_seconds_p95", objective: 0.3, direction: .below),
            ServiceLevelObjective(name: "errors", metric: "http_error_ratio", objective: 0.01, direction: .below, weight: 3),
        ]
        var configuration = InsightsConfiguration()
        configuration.objectives = configured
        let services = HealthScore.services([Self.context([Self.latency("checkout", bad: { $0 == 100 }), errors,
                                                           Self.latency("auth", bad: { _ in false })])],
                                            configuration: configuration)
        #expect(services.map(\.name) == ["checkout", "auth"])
        let checkout = services[0]
        #expect(abs(checkout.score - 87.5) <= 1e-9)
        #expect(checkout.objectives.map(\.objective.name) == ["latency", "errors"])
        #expect(abs(checkout.objectives[0].pointsLost - 12.5) <= 1e-9 && checkout.objectives[1].pointsLost == 0)
        // Latency's band ends (statsmodels, above): 0.9722262956021069 and 0.9991168312843989;
        // errors: all good over 200, Wilson lower end 0.9811536... recomputed from z²/(n + z²).
        let z = 1.959963984540054
        let errorsLow = 200 / (200 + z * z)
        let budget = { (s: Double) in max(0, 1 - (1 - s) / 0.01) }
        let low = 100 * (budget(0.9722262956021069) + 3 * budget(errorsLow)) / 4
        let high = 100 * (budget(0.9991168312843989) + 3 * 1) / 4
        #expect(abs(checkout.low - low) <= 1e-6 && abs(checkout.high - high) <= 1e-6, "\(checkout.low) \(checkout.high)")
        #expect(services[1].score == 100)
    }

    /// A configured objective that covers a series replaces its defaults; with `default_slos`
    /// off, series no objective covers are not scored.
    @Test func configuredObjectivesOverrideDefaults() throws {
        let series = Self.latency("checkout", bad: { (0..<40).contains($0) })  // 0.8 s for 40 of 200 buckets
        let defaults = HealthScore.services([Self.context([series])], configuration: .defaults)
        #expect(defaults.first?.objectives.map(\.objective.name) == ["latency p95 ≤ 0.3 s"])
        #expect(defaults.first?.score == 0)
        var configuration = InsightsConfiguration()
        configuration.objectives = [ServiceLevelObjective(name: "lenient", metric: "http_request_duration_*",
                                                          matchers: [.init(label: "service", value: "checkout")],
                                                          objective: 1.0, direction: .below, target: 0.9)]
        let configured = HealthScore.services([Self.context([series, Self.latency("auth", bad: { _ in false })])],
                                              configuration: configuration)
        let checkout = try #require(configured.first { $0.name == "checkout" })
        #expect(checkout.objectives.map(\.objective.name) == ["lenient"] && checkout.score == 100)
        // auth is not matched by the configured objective: it keeps the default.
        #expect(configured.first { $0.name == "auth" }?.objectives.map(\.objective.name) == ["latency p95 ≤ 0.3 s"])
        configuration.defaultObjectives = false
        #expect(HealthScore.services([Self.context([Self.latency("auth", bad: { _ in false })])], configuration: configuration).isEmpty)
    }

    @Test(arguments: [
        ("http_request_duration_seconds_p95", 0.3, ServiceLevelObjective.Direction.below),
        ("api_latency_p99_seconds", 1.0, .below), ("rpc_latency_ms_p90", 300.0, .below),
        ("http_error_ratio", 0.01, .below), ("errors_percent", 1.0, .below),
        ("availability_ratio", 0.995, .above), ("request_success_pct", 99.5, .above), ("up", 1.0, .above),
    ])
    func defaultObjectives(metric: String, objective: Double, direction: ServiceLevelObjective.Direction) throws {
        let found = try #require(ServiceLevelObjective.defaults(for: metric).first)
        #expect(abs(found.objective - objective) <= 1e-12 && found.direction == direction && found.target == 0.99)
    }

    @Test(arguments: ["http_request_duration_seconds_p50", "cache_hit_ratio", "memory_usage_bytes", "latency_total"])
    func noDefaultObjective(metric: String) {
        #expect(ServiceLevelObjective.defaults(for: metric).isEmpty)
    }
}
