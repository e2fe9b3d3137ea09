import Foundation

/// A new error: exception events (PostHog's `$exception`, with a `fingerprint` property) whose
/// fingerprint first occurs inside the analysed window and never in the history before it.
///
/// - Confidence: 1 − (w / T)^c for c occurrences, w the window's length and T the span from the
///   first exception event in the history to the analysis time. If the fingerprint were an old
///   error recurring at a steady rate, each of its c occurrences would fall in the window with
///   probability w / T, so all of them would with (w / T)^c: the confidence is one minus that
///   chance (a single occurrence in a 1-day window of 14 days scores 0.93; two, 0.995).
/// - Fires at confidence ≥ `minimumConfidence` (default 0.95), only when the history holds
///   exception events before the window (else every fingerprint would look new).
/// - Severity: info when every occurrence has `level` `warning` (or `info`, `debug`); else
///   critical from `criticalCount` occurrences (default 50) and warning below.
/// - Impact: occurrences / `criticalCount`, at most 1, at least 0.2.
///
/// Error-rate metrics that spike (`http_error_ratio`) are the `anomaly_incident` rule's, which
/// scans every series; this rule adds what the metrics cannot say: which error is new.
public struct ErrorSpikeRule: RecommendationRule {
    public var name: String { "error_spike" }
    /// The exception event's name (default `$exception`).
    public var event: String
    /// The property identifying an error (default `fingerprint`).
    public var fingerprintProperty: String
    /// The confidence from which a new fingerprint is reported (default 0.95).
    public var minimumConfidence: Double
    /// The occurrences from which a new error is critical, and impact reaches 1 (default 50).
    public var criticalCount: Int

    /// The property columns the rule reads: the fingerprint, `level`, `service`, `message`.
    public var properties: [String] { [fingerprintProperty, "level", "service", "message"] }

    public init(event: String = "$exception", fingerprintProperty: String = "fingerprint", minimumConfidence: Double = 0.95,
                criticalCount: Int = 50) {
        self.event = event
        self.fingerprintProperty = fingerprintProperty
        self.minimumConfidence = minimumConfidence
        self.criticalCount = criticalCount
    }

    private struct Seen {
        var first: Int64 = .max, last: Int64 = .min, count = 0, inWindow = 0
        var actors = Set<Int32>()
        var onlyMild = true
        var service: String?, message: String?
    }

    public func evaluate(_ context: RuleContext) -> [Recommendation] {
        guard let log = context.events, let eventID = log.nameID(event),
              let fingerprints = log.properties[fingerprintProperty] else { return [] }
        let levels = log.properties["level"], services = log.properties["service"], messages = log.properties["message"]
        let windowStart = context.windowStartTime
        var seen: [String: Seen] = [:]
        var firstException = Int64.max
        for i in 0..<log.count where log.names[i] == eventID && log.timestamps[i] <= context.now {
            let t = log.timestamps[i]
            firstException = min(firstException, t)
            guard let raw = fingerprints[i] else { continue }
            let key = EventLog.display(raw)
            var entry = seen[key] ?? Seen()
            entry.first = min(entry.first, t)
            entry.last = max(entry.last, t)
            entry.count += 1
            if t >= windowStart { entry.inWindow += 1 }
            entry.actors.insert(log.actors[i])
            let level = levels?[i].map(EventLog.display) ?? "error"
            if !["warning", "info", "debug"].contains(level) { entry.onlyMild = false }
            entry.service = entry.service ?? services?[i].map(EventLog.display)
            entry.message = entry.message ?? messages?[i].map(EventLog.display)
            seen[key] = entry
        }
        guard firstException < windowStart else { return [] }
        let span = Double(context.now - firstException), width = Double(context.now - windowStart)
        guard span > 0, width > 0 else { return [] }
        return seen.keys.sorted().compactMap { key in
            let entry = seen[key]!
            guard entry.first >= windowStart else { return nil }
            let confidence = 1 - pow(width / span, Double(entry.count))
            guard confidence >= minimumConfidence else { return nil }
            return recommendation(key, entry, confidence: confidence, windowFraction: width / span, context: context)
        }
    }

    private func recommendation(_ key: String, _ entry: Seen, confidence: Double, windowFraction: Double,
                                context: RuleContext) -> Recommendation {
        let severity: Severity = entry.onlyMild ? .info : entry.count >= criticalCount ? .critical : .warning
        var labels: [(key: String, value: String)] = [(key: fingerprintProperty, value: key), (key: "event", value: event)]
        if let service = entry.service { labels.append((key: "service", value: service)) }
        let place = entry.service.map { " on \($0)" } ?? ""
        let title = "new error\(place): \(key), \(entry.count) event\(entry.count == 1 ? "" : "s") from \(entry.actors.count) "
            + "actor\(entry.actors.count == 1 ? "" : "s") since \(RuleText.iso8601(entry.first))"
        let description = "The \(event) fingerprint \(key) first occurred at \(RuleText.iso8601(entry.first)) (last at "
            + "\(RuleText.iso8601(entry.last))), inside the analysed window from \(RuleText.iso8601(context.windowStartTime)), "
            + "and never in the history since \(RuleText.iso8601(context.start))"
            + (entry.message.map { "; message: \($0)" } ?? "") + "."
        let selector = "{event=\"\(RuleSeries.escaped(event))\", \(fingerprintProperty)=\"\(RuleSeries.escaped(key))\"}"
        let quotedEvent = "'" + event.replacingOccurrences(of: "'", with: "\\'") + "'"
        return Recommendation(
            rule: name, alertName: "InsightsNewError", kind: "error", identity: "\(event)\u{0}\(key)", severity: severity,
            subject: .init(selector: selector, labels: labels, series: []),
            title: title, description: description,
            evidence: [
                .init("occurrences", Double(entry.count), unit: "count"),
                .init("actors", Double(entry.actors.count), unit: "count"),
                .init("first_seen", Double(entry.first) / 1e9, unit: "time"),
                .init("last_seen", Double(entry.last) / 1e9, unit: "time"),
                .init("window_fraction", windowFraction, unit: "ratio"),
            ],
            confidence: confidence, impact: max(0.2, min(1, Double(entry.count) / Double(criticalCount))),
            action: "triage \(key)\(place): look at the release or change deployed just before \(RuleText.iso8601(entry.first))",
            window: context.windowStartTime...context.now,
            statement: "trends \(quotedEvent) by \(fingerprintProperty) interval hour from \(RuleText.iso8601(context.windowStartTime)) "
                + "to \(RuleText.iso8601(context.now))")
    }
}
