import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsNumerics
import InsightsStorage

/// `insights explain FINGERPRINT`: one stored recommendation with its evidence and history.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a recommendation from the history: its evidence, status, first and last seen, and the statement that reproduces it.",
        discussion: """
            FINGERPRINT is the 16 hex digits `insights recommend` shows in JSON (and Alertmanager in \
            the fingerprint annotation), or any prefix of it that picks one recommendation. Only runs \
            recorded without --dry-run are in the history.

            Exit codes: 0 found, 64 usage (unknown or ambiguous fingerprint, no history).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("The fingerprint, or a unique prefix of it.", valueName: "fingerprint"))
    var fingerprint: String
    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func run() throws {
        let database = try store.open(readOnly: true)
        let rows = try database.schemaVersion() >= 2 ? database.recommendations() : []
        let row = try Self.find(fingerprint, among: rows)
        let entry = RecommendationEntry(RecommendationTransition(change: row.status == .firing ? .continued : .resolved,
                                                                 recommendation: row, previous: nil), found: nil)
        switch format {
        case .json:
            var fields: [(String, JSONWriter.Value)] = []
            guard case .object(let object) = entry.json else { preconditionFailure("an entry is a JSON object") }
            for (key, value) in object where !["change", "impact", "score", "description"].contains(key) {
                fields.append((key, value))
            }
            fields.append(("last_sent", row.lastSent.map { .string(TimestampFormat.iso8601($0)) } ?? .null))
            print(JSONWriter.render(.object(fields)))
        case .table:
            print(Self.text(row, entry: entry))
        }
    }

    /// The row whose fingerprint is `prefix` or starts with it.
    /// - Throws: A usage failure for no match (with the nearest fingerprint) or several.
    static func find(_ prefix: String, among rows: [StoredRecommendation]) throws -> StoredRecommendation {
        let wanted = prefix.lowercased()
        if let exact = rows.first(where: { $0.finding.fingerprint == wanted }) { return exact }
        let matches = rows.filter { $0.finding.fingerprint.hasPrefix(wanted) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            let listed = matches.prefix(5).map { "\($0.finding.fingerprint) (\($0.finding.title))" }.joined(separator: ", ")
            throw CommandFailure.usage("fingerprint prefix '\(prefix)' is ambiguous: \(matches.count) recommendations match: \(listed)"
                                       + (matches.count > 5 ? ", …" : ""))
        }
        guard !rows.isEmpty else {
            throw CommandFailure.usage("no recommendation '\(prefix)': the history is empty (run insights recommend without --dry-run)")
        }
        let fingerprints = rows.map(\.finding.fingerprint)
        let hint = nearestName(to: wanted, among: fingerprints.map { String($0.prefix(max(wanted.count, 1))) })
            .flatMap { near in fingerprints.first { $0.hasPrefix(near) } }.map { "; did you mean '\($0)'?" } ?? ""
        throw CommandFailure.usage("no recommendation '\(prefix)'\(hint)")
    }

    static func text(_ row: StoredRecommendation, entry: RecommendationEntry) -> String {
        let finding = row.finding
        func time(_ t: Timestamp?) -> String { t.map(TimestampFormat.iso8601) ?? "-" }
        var lines = [
            "\(finding.fingerprint)  \(finding.severity) \(finding.rule) (\(row.status.rawValue))",
            finding.title,
            "",
        ]
        let fields: [(String, String)] = [
            ("subject", entry.selector),
            ("labels", entry.labels.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")),
            ("confidence", String(format: "%.3f", finding.confidence)),
            ("status", row.status.rawValue),
            ("first seen", time(row.firstSeen)),
            ("last seen", time(row.lastSeen)),
            ("resolved at", time(row.resolvedAt)),
            ("last sent", time(row.lastSent)),
            ("window", "\(time(finding.windowStart)) to \(time(finding.windowEnd))"),
            ("action", finding.action),
        ]
        let width = fields.map(\.0.count).max() ?? 0
        lines += fields.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        lines.append("")
        var evidence = [["evidence", "value", "unit"]]
        for item in entry.evidence {
            let value = item.unit == "time" ? TimestampFormat.iso8601(Timestamp(item.value * 1e9)) : RecommendationReport.number(item.value)
            evidence.append([item.name, value, item.unit])
        }
        lines.append(TextTable.render(evidence))
        lines += ["", "reproduce:", "  " + finding.statement]
        return lines.joined(separator: "\n")
    }
}
