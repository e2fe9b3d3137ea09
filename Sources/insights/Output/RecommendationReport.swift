import Foundation
import InsightsAnalysis
import InsightsStorage

/// One line of `insights recommend` output: a recommendation found by this run (firing), or one a
/// previous run found that this run did not (resolved), with its history.
struct RecommendationEntry {
    struct Label { let key: String; let value: String }
    struct Item { let name: String; let value: Double; let unit: String }

    let fingerprint: String
    let rule: String
    let alertName: String
    let kind: String
    let severity: String
    let status: StoredRecommendation.Status
    /// opened, continued, reopened, resolved.
    let change: String
    let title: String
    let description: String
    let selector: String
    let labels: [Label]
    let series: [String]
    let evidence: [Item]
    let confidence: Double
    /// nil for resolved entries (the score belongs to a finding).
    let impact: Double?
    let score: Double?
    let action: String
    let statement: String
    let window: (start: Timestamp?, end: Timestamp?)
    let firstSeen: Timestamp
    let lastSeen: Timestamp
    let resolvedAt: Timestamp?
    /// The severity the previous run stored, when it differs (the alert's old label set).
    let previousSeverity: String?

    /// The subject as the store keeps it (JSON): selector, labels, series and the alert name.
    static func subjectJSON(_ recommendation: Recommendation) -> String {
        JSONWriter.render(.object([
            ("selector", .string(recommendation.subject.selector)),
            ("labels", .object(recommendation.subject.labels.map { ($0.key, .string($0.value)) })),
            ("series", .array(recommendation.subject.series.map { .string($0) })),
            ("alertname", .string(recommendation.alertName)),
        ]), indent: nil)
    }

    /// The evidence as the store keeps it (JSON): `[{name, value, unit}]`.
    static func evidenceJSON(_ recommendation: Recommendation) -> String {
        JSONWriter.render(.array(recommendation.evidence.map { item in
            .object([("name", .string(item.name)), ("value", .number(item.value)), ("unit", .string(item.unit))])
        }), indent: nil)
    }

    /// The store's row for a finding.
    static func finding(_ r: Recommendation) -> StoredRecommendation.Finding {
        .init(fingerprint: r.fingerprint, rule: r.rule, kind: r.kind, severity: r.severity.rawValue, title: r.title,
              subject: subjectJSON(r), evidence: evidenceJSON(r), confidence: r.confidence, action: r.action,
              statement: r.statement, windowStart: r.window.lowerBound, windowEnd: r.window.upperBound)
    }

    /// The entry of a transition; `found` is the run's recommendation for a firing one.
    init(_ transition: RecommendationTransition, found: Recommendation?) {
        let row = transition.recommendation, finding = row.finding
        fingerprint = finding.fingerprint
        rule = finding.rule
        kind = finding.kind
        severity = finding.severity
        status = row.status
        change = transition.change.rawValue
        title = finding.title
        confidence = finding.confidence
        action = finding.action
        statement = finding.statement
        window = (finding.windowStart, finding.windowEnd)
        firstSeen = row.firstSeen
        lastSeen = row.lastSeen
        resolvedAt = row.resolvedAt
        previousSeverity = transition.previous.flatMap { $0.status == .firing && $0.finding.severity != finding.severity ? $0.finding.severity : nil }
        if let found {
            alertName = found.alertName
            description = found.description
            selector = found.subject.selector
            labels = found.subject.labels.map { Label(key: $0.key, value: $0.value) }
            series = found.subject.series
            evidence = found.evidence.map { Item(name: $0.name, value: $0.value, unit: $0.unit) }
            impact = found.impact
            score = found.score
        } else {
            // Back from the stored JSON.
            let subject = (try? JSONSerialization.jsonObject(with: Data(finding.subject.utf8))) as? [String: Any] ?? [:]
            alertName = subject["alertname"] as? String ?? "Insights"
            selector = subject["selector"] as? String ?? ""
            labels = ((subject["labels"] as? [String: String]) ?? [:]).sorted { $0.key < $1.key }.map { Label(key: $0.key, value: $0.value) }
            series = subject["series"] as? [String] ?? []
            let items = (try? JSONSerialization.jsonObject(with: Data(finding.evidence.utf8))) as? [[String: Any]] ?? []
            evidence = items.map { Item(name: $0["name"] as? String ?? "", value: ($0["value"] as? NSNumber)?.doubleValue ?? .nan,
                                        unit: $0["unit"] as? String ?? "") }
            description = "resolved at \(TimestampFormat.iso8601(row.resolvedAt ?? row.lastSeen)): the last run no longer finds it; "
                + "it was: \(finding.title)"
            impact = nil
            score = nil
        }
    }

    /// The entry as JSON (`--format json`, one line of `ndjson`).
    var json: JSONWriter.Value {
        func time(_ t: Timestamp?) -> JSONWriter.Value { t.map { .string(TimestampFormat.iso8601($0)) } ?? .null }
        return .object([
            ("fingerprint", .string(fingerprint)), ("rule", .string(rule)), ("alertname", .string(alertName)),
            ("kind", .string(kind)), ("severity", .string(severity)), ("status", .string(status.rawValue)),
            ("change", .string(change)), ("title", .string(title)), ("description", .string(description)),
            ("subject", .object([("selector", .string(selector)),
                                 ("labels", .object(labels.map { ($0.key, .string($0.value)) })),
                                 ("series", .array(series.map { .string($0) }))])),
            ("evidence", .array(evidence.map { .object([("name", .string($0.name)), ("value", .number($0.value)), ("unit", .string($0.unit))]) })),
            ("confidence", .number(confidence)), ("impact", impact.map { .number($0) } ?? .null),
            ("score", score.map { .number($0) } ?? .null), ("action", .string(action)), ("statement", .string(statement)),
            ("window", .object([("start", time(window.start)), ("end", time(window.end))])),
            ("first_seen", time(firstSeen)), ("last_seen", time(lastSeen)), ("resolved_at", time(resolvedAt)),
        ])
    }
}

/// Renders a run's entries as a table, JSON, NDJSON or an Alertmanager API v2 body.
enum RecommendationReport {
    static func table(_ entries: [RecommendationEntry]) -> String {
        guard !entries.isEmpty else { return "no recommendations" }
        var rows = [["severity", "confidence", "status", "rule", "title"]]
        for entry in entries {
            rows.append([entry.severity, String(format: "%.2f", entry.confidence),
                         entry.status == .resolved ? "resolved" : entry.change == "continued" ? "firing" : "new",
                         entry.rule, entry.title])
        }
        return TextTable.render(rows)
    }

    static func json(_ entries: [RecommendationEntry]) -> String { JSONWriter.render(.array(entries.map(\.json))) }

    static func ndjson(_ entries: [RecommendationEntry]) -> String {
        entries.map { JSONWriter.render($0.json, indent: nil) }.joined(separator: "\n")
    }

    /// The Alertmanager API v2 body: one alert per entry (and, when a firing recommendation changed
    /// severity, its old label set ended at `sentAt`). Labels: `alertname`, `severity`, the
    /// subject's labels. A firing alert ends at `sentAt + resend` unless the next run re-sends it;
    /// a resolved one ends at its resolution time, never later than `sentAt` (Alertmanager judges
    /// against its own clock).
    static func alertmanager(_ entries: [RecommendationEntry], sentAt: Timestamp, resend: Int64, generatorURL: String) -> String {
        var alerts: [JSONWriter.Value] = []
        for entry in entries {
            let ends = entry.status == .firing ? sentAt + resend : min(entry.resolvedAt ?? sentAt, sentAt)
            alerts.append(alert(entry, severity: entry.severity, ends: ends, generatorURL: generatorURL))
            if let old = entry.previousSeverity {
                alerts.append(alert(entry, severity: old, ends: sentAt, generatorURL: generatorURL))
            }
        }
        return JSONWriter.render(.array(alerts))
    }

    private static func alert(_ entry: RecommendationEntry, severity: String, ends: Timestamp, generatorURL: String) -> JSONWriter.Value {
        var labels: [(String, JSONWriter.Value)] = [("alertname", .string(entry.alertName)), ("severity", .string(severity))]
        for label in entry.labels where label.key != "alertname" && label.key != "severity" && !label.value.isEmpty {
            labels.append((label.key, .string(label.value)))
        }
        let interval = "\(entry.window.start.map(TimestampFormat.iso8601) ?? "")/\(entry.window.end.map(TimestampFormat.iso8601) ?? "")"
        let annotations: [(String, JSONWriter.Value)] = [
            ("summary", .string(entry.title)), ("description", .string(entry.description)),
            ("confidence", .string(String(format: "%.3f", entry.confidence))), ("interval", .string(interval)),
            ("query", .string(entry.statement)), ("action", .string(entry.action)), ("fingerprint", .string(entry.fingerprint)),
        ]
        return .object([("labels", .object(labels)), ("annotations", .object(annotations)),
                        ("startsAt", .string(TimestampFormat.iso8601(entry.firstSeen))),
                        ("endsAt", .string(TimestampFormat.iso8601(ends))),
                        ("generatorURL", .string(generatorURL + entry.fingerprint))])
    }
}

extension RecommendationReport {
    /// A number for people: up to 6 significant digits, no exponent for everyday magnitudes.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }
}
