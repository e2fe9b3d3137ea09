import InsightsQuery

/// `.help` and `.help TOPIC`: statements, their options, and dot-commands. The full language
/// is in docs/QUERY.md.
enum Help {
    static func text(topic: String?) -> String {
        guard let topic = topic?.lowercased().trimmingPrefix(".").description, !topic.isEmpty else { return overview }
        if let kind = AnalysisKind(rawValue: topic) {
            let options = (Parser.options[kind] ?? []).map { "  \($0.name)\($0.takesValue ? " VALUE" : "")  \($0.summary)" }
            return "\(kind.rawValue) SELECTOR [since D | from T to T] [step D] [agg F] [OPTION VALUE…]\n"
                + (options.isEmpty ? "" : "options:\n" + options.joined(separator: "\n"))
        }
        if let kind = BehaviorKind(rawValue: topic) {
            let options = (Parser.behaviorOptions[kind] ?? []).map { "  \($0.name) VALUE  \($0.summary)" }
            let events = switch kind {
            case .funnel: "STEP, STEP[, STEP…]"
            case .retention: "START[, RETURN]"
            case .trends: "EVENT[, EVENT…]"
            case .experiment: "METRIC_EVENT"
            case .stickiness, .lifecycle: "[EVENT]"
            }
            return "\(kind.rawValue) \(events) [since D | from T to T] [OPTION VALUE…]\n"
                + "options:\n" + options.joined(separator: "\n")
        }
        if let kind = AdviceKind(rawValue: topic) {
            let options = (Parser.adviceOptions[kind] ?? []).map { "  \($0.name)\($0.takesValue ? " VALUE" : "")  \($0.summary)" }
            let usage = switch kind {
            case .recommend: "recommend [OPTION VALUE…] [record]\n  the recommendations now (a dry run: the history is only written with 'record')"
            case .health: "health [service NAME] [since D] [OPTION VALUE…]\n  a 0-100 score per service from its SLOs, with a band and what pulls it down"
            case .explain: "explain FINGERPRINT\n  a recorded recommendation (a unique prefix will do): evidence, status, first/last seen, the statement that reproduces it"
            }
            return usage + (options.isEmpty ? "" : "\noptions:\n" + options.joined(separator: "\n"))
        }
        if let dot = Session.dotCommands.first(where: { $0.name == topic }) { return "\(dot.usage)\n  \(dot.summary)" }
        switch topic {
        case "regress": return "regress 'FORMULA' from 'FILE.csv' [cov nonrobust|hac|hc3] [maxlags N] [level P] [weights COLUMN]"
        case "sql", "select", "with":
            return "sql SELECT … (or a statement starting with SELECT or WITH): read-only SQL on the database; ends at ';'\n  $name is a bound parameter from let"
        case "let": return "let NAME = VALUE, then $NAME anywhere a value or a quoted string goes (in SQL, a bound parameter)"
        default: return "no help on '\(topic)'; topics: \((AnalysisKind.allCases.map(\.rawValue) + BehaviorKind.allCases.map(\.rawValue) + AdviceKind.allCases.map(\.rawValue)).joined(separator: ", ")), regress, sql, let, "
            + Session.dotCommands.map { "." + $0.name }.joined(separator: ", ")
        }
    }

    static var overview: String {
        let statements = """
            Statements (end with ; or a new line; SQL ends with ;):
              SELECTOR [since 7d | from T to T] [step 1h] [agg avg]   the selected series
              trend | changepoints | anomalies | forecast | backtest | decompose SELECTION [OPTION VALUE…]
              funnel | retention | trends | experiment | stickiness | lifecycle EVENTS [since 30d] [OPTION VALUE…]
              recommend [since 24h] [record] | health [service NAME] [since 24h] | explain FINGERPRINT
              regress 'y ~ x' from 'data.csv' [cov hac]
              sql SELECT … ;   (or SELECT/WITH …;)  read-only SQL
              let name = value   then $name
            Dot-commands:
            """
        let width = Session.dotCommands.map(\.usage.count).max() ?? 0
        return statements + "\n" + Session.dotCommands.map { "  " + $0.usage.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.summary }
            .joined(separator: "\n") + "\n.help TOPIC for a statement's options; docs/QUERY.md for the whole language."
    }
}
