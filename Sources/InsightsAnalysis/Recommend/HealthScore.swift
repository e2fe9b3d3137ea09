import InsightsNumerics

/// The health of each service, 0–100, from how well its series meet their service level
/// objectives in the analysed window (docs/CONFIG.md#health-score).
///
/// Per objective and series: the window's buckets (grid steps with a value) are good or bad;
/// the good share *s* has a 95 % Wilson score interval computed on an effective number of
/// buckets n·(1 − ρ)/(1 + ρ), ρ the lag-1 autocorrelation of the good/bad indicator (bad
/// buckets come in runs, so n buckets carry less information than n independent ones; the
/// AR(1) variance inflation, Box, Jenkins & Reinsel, *Time Series Analysis*, §2.1.5, with ρ < 0
/// taken as 0). The objective's remaining error budget is r = max(0, 1 − (1 − s)/(1 − target)):
/// 1 with no bad bucket, 0 when the bad share reaches 1 − target. A service's score is
/// 100 × Σ wᵢrᵢ / Σ wᵢ over its objectives (weights from the configuration, default 1); each
/// objective "pulls it down" by 100 × wᵢ(1 − rᵢ)/Σ w points. The score's band is the same
/// mean over the ends of each rᵢ's band (rᵢ is monotone in sᵢ), which assumes the objectives
/// err together: wider than a band for independent objectives, never narrower.
public enum HealthScore {
    /// One objective on one series over the window.
    public struct Compliance: Sendable, Equatable {
        public let objective: ServiceLevelObjective
        /// The series as PromQL text.
        public let series: String
        public let good: Int
        /// Buckets with a value.
        public let observed: Int
        /// good / observed.
        public let share: Double
        /// The 95 % Wilson interval of the share on ``effectiveBuckets``.
        public let shareLow: Double
        public let shareHigh: Double
        /// Lag-1 autocorrelation of the good/bad indicator used (≥ 0).
        public let autocorrelation: Double
        public let effectiveBuckets: Double
        /// The remaining error budget r and its band, in [0, 1].
        public let budget: Double
        public let budgetLow: Double
        public let budgetHigh: Double
        /// Points of the service's score this objective costs.
        public internal(set) var pointsLost: Double = 0
        /// The last value in the window, for tables.
        public let last: Double
    }

    /// One service's score with its band and its objectives, the costliest first.
    public struct Service: Sendable, Equatable {
        public let name: String
        public let score: Double
        public let low: Double
        public let high: Double
        public let objectives: [Compliance]
    }

    /// The compliance of `values` (NaN where a bucket has no value) with `objective`; nil when
    /// no bucket has a value.
    public static func compliance(of values: ArraySlice<Double>, objective: ServiceLevelObjective, series: String,
                                  level: Double = 0.95) -> Compliance? {
        let observed = values.filter { !$0.isNaN }
        guard !observed.isEmpty else { return nil }
        let indicator = observed.map { objective.isGood($0) ? 1.0 : 0.0 }
        let n = Double(indicator.count)
        let good = Int(indicator.reduce(0, +))
        let share = Double(good) / n
        let rho = lagOneAutocorrelation(indicator)
        let effective = max(1, n * (1 - rho) / (1 + rho))
        let band = Proportion.wilsonInterval(proportion: share, trials: effective, level: level)
        let budget = { (s: Double) in max(0, 1 - (1 - s) / (1 - objective.target)) }
        return Compliance(objective: objective, series: series, good: good, observed: indicator.count, share: share,
                          shareLow: band.low, shareHigh: band.high, autocorrelation: rho, effectiveBuckets: effective,
                          budget: budget(share), budgetLow: budget(band.low), budgetHigh: budget(band.high),
                          last: observed.last!)
    }

    /// Lag-1 autocorrelation of `x` (the usual estimator: Σ(xₜ − x̄)(xₜ₊₁ − x̄) / Σ(xₜ − x̄)²),
    /// clamped to [0, 0.99]; 0 when `x` is constant or shorter than 3.
    static func lagOneAutocorrelation(_ x: [Double]) -> Double {
        guard x.count >= 3 else { return 0 }
        let mean = x.reduce(0, +) / Double(x.count)
        var numerator = 0.0, denominator = 0.0
        for t in x.indices {
            let d = x[t] - mean
            denominator += d * d
            if t + 1 < x.count { numerator += d * (x[t + 1] - mean) }
        }
        guard denominator > 0 else { return 0 }
        return min(0.99, max(0, numerator / denominator))
    }

    /// The objectives that apply to the series `metric{labels}`: every configured one that
    /// covers it, else (when `defaults`) the defaults of its metric kind.
    public static func objectives(for metric: String, labels: [(key: String, value: String)],
                                  configured: [ServiceLevelObjective], defaults: Bool) -> [ServiceLevelObjective] {
        let chosen = configured.filter { $0.covers(metric: metric, labels: labels) }
        if !chosen.isEmpty || !defaults { return chosen }
        return ServiceLevelObjective.defaults(for: metric)
    }

    /// The services of `contexts`' series (by their `service` label; `(none)` without one), each
    /// scored over its context's window, sorted by score (lowest first), then name.
    public static func services(_ contexts: [RuleContext], configuration: InsightsConfiguration) -> [Service] {
        var byService: [String: [Compliance]] = [:]
        for context in contexts {
            for series in context.series {
                let objectives = objectives(for: series.metric, labels: series.labels, configured: configuration.objectives,
                                            defaults: configuration.defaultObjectives)
                for objective in objectives {
                    guard let compliance = compliance(of: series.values[context.windowStart...], objective: objective,
                                                      series: series.selector) else { continue }
                    byService[series.label("service") ?? "(none)", default: []].append(compliance)
                }
            }
        }
        return byService.map { score(name: $0.key, $0.value) }.sorted { ($0.score, $0.name) < ($1.score, $1.name) }
    }

    /// A service's score from its objectives' compliances (the type's formula).
    public static func score(name: String, _ compliances: [Compliance]) -> Service {
        let total = compliances.reduce(0) { $0 + $1.objective.weight }
        func mean(_ part: (Compliance) -> Double) -> Double {
            100 * compliances.reduce(0) { $0 + $1.objective.weight * part($1) } / total
        }
        var ranked = compliances
        for i in ranked.indices { ranked[i].pointsLost = 100 * ranked[i].objective.weight * (1 - ranked[i].budget) / total }
        ranked.sort { a, b in
            if a.pointsLost != b.pointsLost { return a.pointsLost > b.pointsLost }
            if a.share != b.share { return a.share < b.share }
            return (a.objective.name, a.series) < (b.objective.name, b.series)
        }
        return Service(name: name, score: mean(\.budget), low: mean(\.budgetLow), high: mean(\.budgetHigh), objectives: ranked)
    }
}
