/// Active anomalies: the anomaly scan of `insights anomalies` (default ensemble, calibrated
/// probabilities) over the history, keeping anomalies that reach into the analysed window, grouped
/// by the `service` label (a series without one is its own group) into one incident per group that
/// names the series that drove it.
///
/// - Confidence: the largest calibrated anomaly probability among the incident's anomalies
///   (``AnomalyProbability``: the chance that a point flagged at that score lies in a labelled
///   incident, as calibrated on the demo datasets; docs/STATISTICS.md).
/// - Severity: critical when an anomaly is still open at the newest point (or the one before) and
///   either the confidence is at least `criticalProbability` or at least `criticalSeries` series
///   drive the incident (symptoms that agree); warning when open otherwise; info when every anomaly
///   has ended. (The calibrated probability passes 0.9 only for residuals of about 45 robust
///   standard deviations, hence the second way.)
/// - Impact: ½ for one series, rising by ⅙ per further series to 1 at four.
public struct AnomalyIncidentRule: RecommendationRule {
    public var name: String { "anomaly_incident" }
    /// The scan (default: the command's default ensemble and flagging probability 0.6).
    public var scan: AnomalyScan
    /// The confidence from which an open incident is critical (default 0.9).
    public var criticalProbability: Double
    /// The number of driving series from which an open incident is critical (default 2).
    public var criticalSeries: Int
    /// The label that groups series into one incident.
    public var groupLabel: String

    public init(scan: AnomalyScan = AnomalyScan(), criticalProbability: Double = 0.9, criticalSeries: Int = 2,
                groupLabel: String = "service") {
        self.scan = scan
        self.criticalProbability = criticalProbability
        self.criticalSeries = criticalSeries
        self.groupLabel = groupLabel
    }

    public func evaluate(_ context: RuleContext) -> [Recommendation] {
        guard context.count >= 8, context.windowStart < context.count else { return [] }
        let columns = context.series.map(\.values)
        let periods = columns.map { AnomalyScan.baselinePeriod(of: $0, step: context.step) }
        let active = scan.run(columns, periods: periods).filter { $0.end >= context.windowStart }
        guard !active.isEmpty else { return [] }
        // Groups in order of first appearance among the context's series.
        var groupOf: [String] = []
        var members: [String: [Int]] = [:]
        for (i, series) in context.series.enumerated() {
            let key = series.label(groupLabel).map { "\(groupLabel)=\($0)" } ?? series.selector
            if members[key] == nil { groupOf.append(key) }
            members[key, default: []].append(i)
        }
        return groupOf.compactMap { key in
            let indexes = Set(members[key]!)
            let anomalies = active.filter { indexes.contains($0.series) }
            guard !anomalies.isEmpty else { return nil }
            return incident(key: key, seriesIndexes: members[key]!, anomalies: anomalies, context: context)
        }
    }

    private func incident(key: String, seriesIndexes: [Int], anomalies: [Anomaly], context: RuleContext) -> Recommendation {
        // The strongest anomaly per series, series ordered by it.
        var strongest: [Int: Anomaly] = [:]
        for anomaly in anomalies where strongest[anomaly.series].map({ anomaly.probability > $0.probability }) ?? true {
            strongest[anomaly.series] = anomaly
        }
        let drivers = strongest.values.sorted {
            $0.probability != $1.probability ? $0.probability > $1.probability : $0.series < $1.series
        }
        let confidence = drivers[0].probability
        let open = anomalies.contains { $0.end >= context.count - 2 }
        let severity: Severity = !open ? .info
            : confidence >= criticalProbability || drivers.count >= criticalSeries ? .critical : .warning
        let group = seriesIndexes.map { context.series[$0] }
        let lead = context.series[drivers[0].series], first = drivers[0]
        let grouped = group[0].label(groupLabel) != nil
        let name = grouped ? group[0].label(groupLabel)! : lead.selector
        // Subject labels: the group label and every label all the group's series share.
        var shared = group[0].labels.filter { pair in group.allSatisfy { $0.label(pair.key) == pair.value } }
        if !grouped { shared.append((key: "metric", value: lead.metric)) }
        let more = drivers.count > 1 ? " and \(drivers.count - 1) more series" : ""
        let state = open ? "ongoing" : "ended \(RuleText.iso8601(context.timestamp(at: anomalies.map(\.end).max()!)))"
        let title = "incident on \(name): \(lead.metric) \(first.direction.rawValue) (\(RuleText.number(first.observed)) vs "
            + "expected \(RuleText.number(first.lower))..\(RuleText.number(first.upper)))\(more), \(state)"
        let started = anomalies.map(\.start).min()!
        let listed = drivers.prefix(5).map { a in
            "\(context.series[a.series].selector) \(a.direction.rawValue) at \(RuleText.iso8601(context.timestamp(at: a.peak))) "
                + "(observed \(RuleText.number(a.observed)), expected \(RuleText.number(a.lower))..\(RuleText.number(a.upper)), "
                + "probability \(RuleText.probability(a.probability)))"
        }
        let description = "\(anomalies.count) anomal\(anomalies.count == 1 ? "y" : "ies") in \(drivers.count) series since "
            + "\(RuleText.iso8601(context.timestamp(at: started))): " + listed.joined(separator: "; ") + "."
        var evidence: [Recommendation.Evidence] = [
            .init("probability", confidence, unit: "probability"),
            .init("series", Double(drivers.count), unit: "count"),
            .init("anomalies", Double(anomalies.count), unit: "count"),
            .init("started", Double(context.timestamp(at: started)) / 1e9, unit: "time"),
        ]
        for a in drivers.prefix(3) {
            let metric = context.series[a.series].metric
            evidence.append(.init("\(metric) observed", a.observed, unit: "value"))
            evidence.append(.init("\(metric) expected", a.expected, unit: "value"))
            evidence.append(.init("\(metric) probability", a.probability, unit: "probability"))
        }
        let selector = grouped ? "{\(groupLabel)=\"\(RuleSeries.escaped(name))\"}" : lead.selector
        return Recommendation(
            rule: self.name, alertName: "InsightsAnomalyIncident", kind: "anomaly", identity: key,
            severity: severity,
            subject: .init(selector: selector, labels: shared, series: drivers.map { context.series[$0.series].selector }),
            title: title, description: description, evidence: evidence, confidence: confidence,
            impact: 0.5 + 0.5 * min(1, Double(drivers.count - 1) / 3),
            action: "look at \(lead.selector) around \(RuleText.iso8601(context.timestamp(at: first.peak))) and at recent "
                + "changes on \(name)",
            window: context.window, statement: "anomalies \(selector) \(context.historyClauses)")
    }
}
