import Foundation

/// A funnel step converting worse than usual: per UTC day, the actors who did `from` and, of
/// them, those who also did `to` the same day (``EventTrends/conversion(from:to:in:periods:periodRange:)``),
/// scored by the count-aware ``CountAnomalies/rates(successes:trials:options:)`` (quasi-binomial
/// against the days before; Benjamini–Hochberg q-values). A drop among few actors stays within
/// binomial noise and does not fire.
///
/// - Fires for a flagged day (q ≤ 0.05) whose rate is below the baseline and which overlaps the
///   analysed window; when several do, the one with the smallest q.
/// - Confidence: 1 − q, q that day's Benjamini–Hochberg q-value among the scored days.
/// - Severity: critical when the day's rate is at most half the baseline rate; warning otherwise.
/// - Impact: the relative drop 1 − observed / baseline, at least 0.2.
public struct FunnelDropRule: RecommendationRule {
    public var name: String { "funnel_drop" }
    /// The funnel's two steps; nil for the default pair `signup_started → signed_up` when both
    /// events exist.
    public var steps: (from: String, to: String)?
    /// The scoring's baseline and false discovery rate (default: `behavior-anomalies`' defaults).
    public var options: CountAnomalies.Options

    public init(steps: (from: String, to: String)? = nil, options: CountAnomalies.Options = .init()) {
        self.steps = steps
        self.options = options
    }

    public func evaluate(_ context: RuleContext) -> [Recommendation] {
        guard let log = context.events, log.count > 0 else { return [] }
        let pair: (from: String, to: String)
        if let steps {
            pair = steps
        } else if log.nameID("signup_started") != nil && log.nameID("signed_up") != nil {
            pair = ("signup_started", "signed_up")
        } else {
            return []
        }
        let days = CalendarPeriods(.day)
        let range = days.index(context.start) ..< days.index(context.now) + 1
        let counts = EventTrends.conversion(from: pair.from, to: pair.to, in: log, periods: days, periodRange: range)
        let scores = CountAnomalies.rates(successes: counts.successes, trials: counts.trials, options: options)
        let firstInWindow = days.index(context.windowStartTime) - range.lowerBound
        let candidates = scores.indices.filter { t in
            t >= firstInWindow && scores[t].flagged && scores[t].observed < scores[t].expected
        }
        guard let worst = candidates.min(by: { scores[$0].qValue < scores[$1].qValue }) else { return [] }
        let score = scores[worst]
        let period = range.lowerBound + worst
        let dayStart = days.start(ofPeriod: period), dayEnd = days.start(ofPeriod: period + 1) - 1_000_000_000
        let label = days.label(ofPeriod: period)
        let drop = 1 - score.observed / score.expected
        let percent = { (rate: Double) in RuleText.decimal(100 * rate) + " %" }
        let title = "funnel \(pair.from) → \(pair.to) converted \(percent(score.observed)) on \(label) vs "
            + "\(percent(score.expected)) before (\(Int(counts.successes[worst]))/\(Int(counts.trials[worst])) actors, "
            + "\(RuleText.significance("q", score.qValue)))"
        let description = "On \(label), \(Int(counts.successes[worst])) of the \(Int(counts.trials[worst])) actors who did "
            + "\(pair.from) also did \(pair.to) that day: \(percent(score.observed)) against a baseline of "
            + "\(percent(score.expected)) over the days before (overdispersion \(RuleText.number(score.dispersion)), "
            + "z = \(RuleText.number(score.z)), p = \(RuleText.number(score.pValue)), q = \(RuleText.number(score.qValue)))."
        let quoted = { (event: String) in "'" + event.replacingOccurrences(of: "'", with: "\\'") + "'" }
        return [Recommendation(
            rule: name, alertName: "InsightsFunnelDrop", kind: "funnel", identity: "\(pair.from)\u{0}\(pair.to)",
            severity: score.observed <= score.expected / 2 ? .critical : .warning,
            subject: .init(selector: "{funnel=\"\(RuleSeries.escaped(pair.from)) → \(RuleSeries.escaped(pair.to))\"}",
                           labels: [(key: "funnel_from", value: pair.from), (key: "funnel_to", value: pair.to)], series: []),
            title: title, description: description,
            evidence: [
                .init("conversion", score.observed, unit: "ratio"),
                .init("baseline_conversion", score.expected, unit: "ratio"),
                .init("converted", counts.successes[worst], unit: "count"),
                .init("started", counts.trials[worst], unit: "count"),
                .init("z", score.z, unit: "value"),
                .init("q_value", score.qValue, unit: "probability"),
                .init("day", Double(dayStart) / 1e9, unit: "time"),
            ],
            confidence: 1 - score.qValue, impact: max(0.2, min(1, drop)),
            action: "check what changed in the \(pair.from) → \(pair.to) step on \(label) (a release, a broken form, "
                + "a payment or email provider)",
            window: dayStart...dayEnd,
            statement: "funnel \(quoted(pair.from)), \(quoted(pair.to)) window 1d from \(RuleText.iso8601(dayStart)) "
                + "to \(RuleText.iso8601(dayEnd))")]
    }
}
