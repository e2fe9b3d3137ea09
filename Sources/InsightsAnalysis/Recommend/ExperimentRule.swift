/// Experiments from feature-flag exposures: each value of the flag property on the exposure
/// events (`$feature_flag` on `$feature_flag_called`) is one experiment, its arms the values of
/// the variant property (`$feature_flag_response`), analysed as `insights experiment` does
/// (``ExperimentAssignment`` then ``ConversionExperiment``, control `control` when present, else
/// the first variant by name) over every exposure in the history.
///
/// Two findings per experiment, each with its own fingerprint:
/// - **Sample-ratio mismatch** (`InsightsSampleRatioMismatch`, always critical): the arms' sizes
///   fail the chi-square test of an equal split at p < 0.001. Confidence 1 − p. The readout is
///   then not reported: its numbers cannot be trusted.
/// - **Readout ready** (`InsightsExperimentReady`, info): a variant's mixture-SPRT always-valid
///   p-value is below 0.05 (valid however often the rule looks). The variant with the smallest
///   always-valid p is named the winner (lift > 0) or loser. Confidence 1 − that p.
/// Impact: 0.5 for a readout (a decision to make), 1 for a mismatch (every result is in doubt).
public struct ExperimentRule: RecommendationRule {
    public var name: String { "experiment" }
    /// The exposure event (default `$feature_flag_called`).
    public var exposure: String
    /// The exposure property naming the experiment (default `$feature_flag`).
    public var flagProperty: String
    /// The exposure property naming the arm (default `$feature_flag_response`).
    public var variantProperty: String
    /// The conversion event; nil for `purchase` when the log has it (else the rule is silent).
    public var metric: String?
    /// The always-valid p-value below which a readout is ready (default 0.05).
    public var alpha: Double

    /// The property columns the rule reads.
    public var properties: [String] { [flagProperty, variantProperty] }

    public init(exposure: String = "$feature_flag_called", flagProperty: String = "$feature_flag",
                variantProperty: String = "$feature_flag_response", metric: String? = nil, alpha: Double = 0.05) {
        self.exposure = exposure
        self.flagProperty = flagProperty
        self.variantProperty = variantProperty
        self.metric = metric
        self.alpha = alpha
    }

    public func evaluate(_ context: RuleContext) -> [Recommendation] {
        guard let log = context.events, let exposureID = log.nameID(exposure), let flags = log.properties[flagProperty] else {
            return []
        }
        let metricName: String
        if let metric { metricName = metric } else if log.nameID("purchase") != nil { metricName = "purchase" } else { return [] }
        var names = Set<String>()
        for i in 0..<log.count where log.names[i] == exposureID {
            if let flag = flags[i] { names.insert(EventLog.display(flag)) }
        }
        return names.sorted().flatMap { flag in evaluate(flag: flag, metric: metricName, log: log, context: context) }
    }

    private func evaluate(flag: String, metric: String, log: EventLog, context: RuleContext) -> [Recommendation] {
        let assignment = ExperimentAssignment.assign(log, exposure: exposure, metric: metric, variantProperty: variantProperty,
                                                     conditions: [.init(key: flagProperty, value: flag)])
        guard assignment.arms.count >= 2, assignment.arms.allSatisfy({ $0.exposed > 0 }) else { return [] }
        let control = assignment.arms.first { $0.variant == "control" } ?? assignment.arms[0]
        let others = assignment.arms.filter { $0.variant != control.variant }
        guard let result = try? ConversionExperiment.analyze(
            control: ConversionCounts(exposed: control.exposed, converted: control.converted),
            variants: others.map { arm throws(ExperimentError) in try ConversionCounts(exposed: arm.exposed, converted: arm.converted) })
        else { return [] }
        let quoted = { (text: String) in "'" + text.replacingOccurrences(of: "'", with: "\\'") + "'" }
        let statement = "experiment \(quoted(metric)) exposure \(quoted(exposure)) variant_property \(quoted(variantProperty)) "
            + "where \(quoted("\(flagProperty)=\(flag)")) from \(RuleText.iso8601(context.start)) to \(RuleText.iso8601(context.now))"
        let labels: [(key: String, value: String)] = [(key: "experiment", value: flag), (key: "metric", value: metric)]
        let subject = Recommendation.Subject(selector: "{experiment=\"\(RuleSeries.escaped(flag))\"}", labels: labels, series: [])
        let arms = ([control] + others).map { "\($0.variant) \($0.exposed)" }.joined(separator: " / ")
        let ratio = result.sampleRatio
        if ratio.isMismatch {
            return [Recommendation(
                rule: name, alertName: "InsightsSampleRatioMismatch", kind: "experiment", identity: "srm\u{0}\(flag)",
                severity: .critical, subject: subject,
                title: "experiment \(flag): sample ratio mismatch, arms \(arms) actors vs an equal split "
                    + "(chi-square \(RuleText.significance("p", ratio.pValue)))",
                description: "The exposed actors per arm (\(arms)) are unlikely under the intended equal split: chi-square "
                    + "\(RuleText.number(ratio.chiSquare)) on \(ratio.degreesOfFreedom) degrees of freedom, p = "
                    + "\(RuleText.number(ratio.pValue)) (threshold \(RuleText.number(ratio.threshold))). Assignment or exposure "
                    + "logging is broken; the experiment's results cannot be trusted.",
                evidence: zip([control] + others, ratio.observed).map { arm, count in
                    .init("\(arm.variant)_exposed", Double(count), unit: "count")
                } + [.init("chi_square", ratio.chiSquare, unit: "value"), .init("p_value", ratio.pValue, unit: "probability")],
                confidence: 1 - ratio.pValue, impact: 1,
                action: "stop reading experiment \(flag): check how \(variantProperty) is assigned and logged "
                    + "(bots, redirects, caching, a variant that crashes before logging)",
                window: context.start...context.now, statement: statement)]
        }
        let looks = zip(others, result.variants).map { ($0, $1) }
        guard let (arm, best) = looks.min(by: { $0.1.sequential.alwaysValidPValue < $1.1.sequential.alwaysValidPValue }),
              best.sequential.alwaysValidPValue < alpha else { return [] }
        let p = best.sequential.alwaysValidPValue, lift = best.comparison.relativeLift
        let verdict = lift > 0 ? "winner" : "loser"
        let percent = { (value: Double) in RuleText.decimal(100 * value) + " %" }
        return [Recommendation(
            rule: name, alertName: "InsightsExperimentReady", kind: "experiment", identity: "ready\u{0}\(flag)",
            severity: .info, subject: subject,
            title: "experiment \(flag) ready: \(arm.variant) is the \(verdict), \(metric) conversion \(percent(best.counts.rate)) vs "
                + "\(percent(result.control.rate)) (\(lift >= 0 ? "+" : "")\(percent(lift)) relative, always-valid "
                + "\(RuleText.significance("p", p)))",
            description: "Of \(arm.exposed) actors exposed to \(arm.variant), \(arm.converted) did \(metric) after exposure, "
                + "against \(control.converted) of \(control.exposed) in \(control.variant). The mixture-SPRT always-valid "
                + "p-value is \(RuleText.number(p)) (below \(RuleText.number(alpha)), valid at any look); the z-test's p is "
                + "\(RuleText.number(best.comparison.pValue)) and P(\(arm.variant) beats \(control.variant)) = "
                + "\(RuleText.probability(best.bayesian.probabilityVariantBeatsControl)).",
            evidence: [
                .init("control_rate", result.control.rate, unit: "ratio"),
                .init("variant_rate", best.counts.rate, unit: "ratio"),
                .init("relative_lift", lift, unit: "ratio"),
                .init("always_valid_p_value", p, unit: "probability"),
                .init("probability_beats_control", best.bayesian.probabilityVariantBeatsControl, unit: "probability"),
                .init("control_exposed", Double(control.exposed), unit: "count"),
                .init("variant_exposed", Double(arm.exposed), unit: "count"),
            ],
            confidence: 1 - p, impact: 0.5,
            action: lift > 0 ? "ship \(arm.variant) of \(flag) and remove the flag" : "stop \(arm.variant) of \(flag): it converts worse",
            window: context.start...context.now, statement: statement)]
    }
}
