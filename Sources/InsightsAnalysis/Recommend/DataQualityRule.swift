/// Data quality: series that stopped reporting (stale), stopped changing (flat-lined), or miss
/// many points (gappy) in the analysed window. One recommendation per series, the first problem
/// that applies in that order.
///
/// - Stale: no point in the last `staleSteps` grid steps or more (k steps). Confidence:
///   1 − m^k, m the fraction of steps the series missed before (at least 1/n), i.e. one minus the
///   chance of k missing steps in a row if its steps went missing independently at its usual rate.
/// - Flat-lined: its last `flatSteps` or more values (k) are exactly equal. Confidence: 1 − r^(k−1),
///   r the fraction of equal neighbouring values before the run (at least 1/n), so a series that is
///   usually constant (a configuration gauge) gets a confidence near 0 and does not fire.
/// - Gappy: at least `gapFraction` of the window's steps have no point. Confidence 1: it is a
///   count, not an estimate.
///
/// It fires when the confidence reaches `minimumConfidence`. Severity: warning for stale and
/// flat-lined, info for gappy. Impact: 0.4 (the data behind other checks is in doubt).
public struct DataQualityRule: RecommendationRule {
    public var name: String { "data_quality" }
    public var staleSteps: Int
    public var flatSteps: Int
    public var gapFraction: Double
    public var minimumConfidence: Double

    public init(staleSteps: Int = 5, flatSteps: Int = 12, gapFraction: Double = 0.2, minimumConfidence: Double = 0.9) {
        self.staleSteps = max(1, staleSteps)
        self.flatSteps = max(2, flatSteps)
        self.gapFraction = gapFraction
        self.minimumConfidence = minimumConfidence
    }

    public func evaluate(_ context: RuleContext) -> [Recommendation] {
        context.series.compactMap { check($0, context: context) }
    }

    /// The problem of one series, if any.
    func check(_ series: RuleSeries, context: RuleContext) -> Recommendation? {
        let values = series.values
        let n = values.count
        guard n > 0, context.windowStart < n else { return nil }
        let lastValid = values.lastIndex { !$0.isNaN }
        // Stale.
        let missingTail = n - 1 - (lastValid ?? -1)
        if missingTail >= staleSteps {
            let before = lastValid.map { Array(values[...$0]) } ?? []
            let rate = before.isEmpty ? 1 : max(Double(before.filter(\.isNaN).count), 1) / Double(before.count)
            let confidence = before.isEmpty ? 1 : 1 - pow(rate, missingTail)
            guard confidence >= minimumConfidence else { return nil }
            let hours = Double(missingTail) * context.stepHours
            let last = lastValid.map { RuleText.iso8601(context.timestamp(at: $0)) } ?? "never in the history"
            return make(series, problem: "stale", severity: .warning, confidence: confidence, context: context,
                        title: "\(series.selector) stale: no point for \(RuleText.duration(hours: hours))",
                        description: "no point in the last \(missingTail) steps of \(context.stepText) (last point \(last)); "
                            + "before that it missed \(Int((rate * 100).rounded()))% of its steps.",
                        evidence: [.init("missing_steps", Double(missingTail), unit: "steps"),
                                   .init("missing_hours", hours, unit: "hours"),
                                   .init("usual_missing_rate", rate, unit: "ratio")]
                            + (lastValid.map { [.init("last_point", Double(context.timestamp(at: $0)) / 1e9, unit: "time")] } ?? []),
                        action: "check the exporter or scrape job of \(series.selector)")
        }
        guard let lastValid else { return nil }
        // Flat-lined: the run of equal values ending at the last point (gaps skipped).
        let present = values.indices.filter { !values[$0].isNaN }
        var run = 1
        var k = present.count - 1
        while k > 0, values[present[k - 1]] == values[present[k]] { run += 1; k -= 1 }
        if run >= flatSteps, lastValid >= context.windowStart {
            let earlier = present[..<max(k, 0)]
            var equal = 0, pairs = 0
            for (a, b) in zip(earlier, earlier.dropFirst()) {
                pairs += 1
                if values[a] == values[b] { equal += 1 }
            }
            let r = pairs == 0 ? 1 : max(Double(equal), 1) / Double(pairs)
            let confidence = pairs == 0 ? 0 : 1 - pow(r, run - 1)
            if confidence >= minimumConfidence {
                let hours = Double(lastValid - present[k] + 1) * context.stepHours
                return make(series, problem: "flatline", severity: .warning, confidence: confidence, context: context,
                            title: "\(series.selector) flat-lined at \(RuleText.number(values[lastValid])) for \(RuleText.duration(hours: hours))",
                            description: "the last \(run) values are all \(RuleText.number(values[lastValid])) (since "
                                + "\(RuleText.iso8601(context.timestamp(at: present[k])))); before that "
                                + "\(Int((r * 100).rounded()))% of neighbouring values were equal.",
                            evidence: [.init("constant_steps", Double(run), unit: "steps"),
                                       .init("constant_hours", hours, unit: "hours"),
                                       .init("value", values[lastValid], unit: "value"),
                                       .init("usual_equal_rate", r, unit: "ratio")],
                            action: "check that the source of \(series.selector) still measures (a stuck sensor or a cached value)")
            }
        }
        // Gappy.
        let window = values[context.windowStart...]
        let missing = window.filter(\.isNaN).count
        let fraction = Double(missing) / Double(window.count)
        if window.count >= 2, fraction >= gapFraction {
            return make(series, problem: "gappy", severity: .info, confidence: 1, context: context,
                        title: "\(series.selector) gappy: \(Int((fraction * 100).rounded()))% of steps missing",
                        description: "\(missing) of \(window.count) steps of \(context.stepText) in the window have no point.",
                        evidence: [.init("missing_steps", Double(missing), unit: "steps"),
                                   .init("window_steps", Double(window.count), unit: "steps"),
                                   .init("missing_fraction", fraction, unit: "ratio")],
                        action: "check the scrape interval and timeouts of \(series.selector)")
        }
        return nil
    }

    private func make(_ series: RuleSeries, problem: String, severity: Severity, confidence: Double, context: RuleContext,
                      title: String, description: String, evidence: [Recommendation.Evidence], action: String) -> Recommendation {
        Recommendation(
            rule: name, alertName: "InsightsDataQuality", kind: "data_quality", identity: "\(problem)\u{0}\(series.selector)",
            severity: severity,
            subject: .init(selector: series.selector,
                           labels: series.labels + [(key: "metric", value: series.metric), (key: "problem", value: problem)],
                           series: [series.selector]),
            title: title, description: description, evidence: evidence, confidence: confidence, impact: 0.4,
            action: action, window: context.window, statement: "\(series.selector) \(context.historyClauses)")
    }

    private func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(exponent, 0) { result *= base }
        return result
    }
}
