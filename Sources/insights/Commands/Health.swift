import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsNumerics
import InsightsStorage

/// `insights health`: a 0–100 score per service from its series' service level objectives.
struct Health: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A health score per service (0-100) from SLO compliance, with its band and what pulls it down.",
        discussion: """
            Reads every series over the last --since back from the analysis time (--now, else the newest \
            point), one grid per sampling step. Each series gets the objectives of the configuration \
            file ([[slo]]) that cover it, else the defaults of its metric kind (latency p95/p99, error \
            ratio, availability). Per objective: the share of good buckets with a 95% Wilson interval on \
            the effective number of buckets, and the error budget left; a service's score is 100 x the \
            weighted mean of its objectives' budgets left. Definitions: docs/CONFIG.md.

            Exit codes: 0 success, 64 usage, 65 no data (or no series with an objective), 78 a bad \
            configuration file.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Only this service (its objectives are listed, the costliest first).", valueName: "name"))
    var service: String?
    @Option(help: ArgumentHelp("The window scored, back from the analysis time.", valueName: "duration"))
    var since: String = "24h"
    @Option(help: ArgumentHelp("The analysis time (default: the newest point).", valueName: "time"))
    var now: String?
    @Option(help: ArgumentHelp("Configuration file: objectives (default: $INSIGHTS_CONFIG, else ./insights.toml if present).",
                               valueName: "file"))
    var config: String?
    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func validate() throws {
        if (DurationText.nanoseconds(since) ?? 0) <= 0 {
            throw ValidationError("--since '\(since)' is not a positive duration (use e.g. 24h, 7d)")
        }
    }

    func run() throws {
        let database = try store.open(readOnly: true)
        let configuration = try ConfigurationFile.load(explicit: config)
        let requestedNow = try now.map { text -> Timestamp in
            switch TimestampFormat.parse(text, timeZone: TimeZone(identifier: "UTC")!) {
            case .success(let value): return value
            case .failure(let error): throw CommandFailure.usage("--now: \(error.message)")
            }
        }
        let window = DurationText.nanoseconds(since)!
        let contexts = try RecommendationInput.contexts(from: database, now: requestedNow, history: window, since: window)
        var services = HealthScore.services(contexts, configuration: configuration)
        guard !services.isEmpty else {
            throw CommandFailure.data("no series in the window has a service level objective; configure [[slo]] (docs/CONFIG.md)")
        }
        if let service {
            guard let chosen = services.first(where: { $0.name == service }) else {
                let hint = nearestName(to: service, among: services.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                throw CommandFailure.usage("no service '\(service)' with objectives in the window\(hint)")
            }
            services = [chosen]
        }
        let end = contexts.map(\.now).max()!
        switch format {
        case .json: print(HealthReport.json(services, from: end - window, to: end))
        case .table: print(HealthReport.table(services, detailed: service != nil))
        }
    }
}

/// Renders health scores: a table per service (and, for one service, its objectives), or JSON.
enum HealthReport {
    static func figure(_ value: Double) -> String { String(format: "%.1f", value) }
    static func percent(_ value: Double) -> String { String(format: "%.2f%%", 100 * value) }

    static func table(_ services: [HealthScore.Service], detailed: Bool) -> String {
        var rows = [["service", "score", "95% band", "objectives", "pulled down most by"]]
        for service in services {
            let worst = service.objectives.first.flatMap { $0.pointsLost > 0 ? $0 : nil }
            rows.append([service.name, figure(service.score), "[\(figure(service.low)), \(figure(service.high))]",
                         String(service.objectives.count),
                         worst.map { "\($0.objective.name) on \($0.series) (-\(figure($0.pointsLost)))" } ?? "-"])
        }
        var text = TextTable.render(rows)
        guard detailed, let service = services.first else { return text }
        var details = [["objective", "series", "good", "buckets", "good share", "95% band", "budget left", "points lost"]]
        for c in service.objectives {
            details.append([c.objective.name, c.series, String(c.good), String(c.observed), percent(c.share),
                            "[\(percent(c.shareLow)), \(percent(c.shareHigh))]", percent(c.budget), figure(c.pointsLost)])
        }
        text += "\n\n" + TextTable.render(details)
        return text
    }

    static func json(_ services: [HealthScore.Service], from start: Timestamp, to end: Timestamp) -> String {
        JSONWriter.render(.array(services.map { service in
            .object([
                ("service", .string(service.name)), ("score", .number(service.score)),
                ("low", .number(service.low)), ("high", .number(service.high)),
                ("window", .object([("start", .string(TimestampFormat.iso8601(start))), ("end", .string(TimestampFormat.iso8601(end)))])),
                ("objectives", .array(service.objectives.map { c in
                    .object([
                        ("name", .string(c.objective.name)), ("series", .string(c.series)),
                        ("objective", .number(c.objective.objective)), ("direction", .string(c.objective.direction.rawValue)),
                        ("target", .number(c.objective.target)), ("weight", .number(c.objective.weight)),
                        ("default", .bool(c.objective.isDefault)),
                        ("good", .integer(c.good)), ("buckets", .integer(c.observed)), ("share", .number(c.share)),
                        ("share_low", .number(c.shareLow)), ("share_high", .number(c.shareHigh)),
                        ("autocorrelation", .number(c.autocorrelation)), ("effective_buckets", .number(c.effectiveBuckets)),
                        ("budget", .number(c.budget)), ("budget_low", .number(c.budgetLow)), ("budget_high", .number(c.budgetHigh)),
                        ("points_lost", .number(c.pointsLost)), ("last", .number(c.last)),
                    ])
                })),
            ])
        }))
    }
}
