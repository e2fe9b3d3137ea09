import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsNumerics
import InsightsStorage

/// `insights recommend`: run the recommendation rules over the stored series, keep their history,
/// print them, and optionally push them to an Alertmanager.
struct Recommend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recommendations: capacity, anomalies, data quality, trends, new errors, funnels, experiments; optionally pushed to Alertmanager.",
        discussion: """
            Reads every series over --history back from the analysis time (--now, else the newest \
            point), one grid per sampling step, and runs the rules: capacity (the forecast reaches a \
            limit within --horizon), anomaly_incident (anomalies reaching into the last --since, one \
            incident per service) and data_quality (stale, flat-lined, gappy). Recommendations are \
            ranked by severity weight x confidence x impact. Unless --dry-run, the run is recorded: new \
            ones fire, repeated ones are updated, ones no longer found are resolved. With \
            --alertmanager URL, firing and newly resolved ones are posted to URL/api/v2/alerts \
            (retried with backoff on connection errors, 5xx and 429). Also, by default (--rules \
            chooses): degrading_trend (a significant HAC trend the bad way), error_spike (new \
            exception fingerprints), funnel_drop (--funnel, a day's conversion flagged low) and \
            experiment (a readout ready, or a sample-ratio mismatch); the last three read the events. \
            Definitions: docs/RECOMMEND.md.

            Limits can come from a configuration file (--config, $INSIGHTS_CONFIG or ./insights.toml; \
            docs/CONFIG.md).

            Exit codes: 0 success, 64 usage, 65 unusable data, 69 delivery failed, 78 bad configuration \
            file; with --exit-code, \
            the Nagios convention instead: 0 nothing above info firing, 1 warning, 2 critical, \
            3 any failure.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var recommendation: RecommendOptions
    @Flag(help: "Exit like a Nagios plugin: 0 OK, 1 warning, 2 critical, 3 unknown (any failure).")
    var exitCode = false

    func run() throws {
        do {
            let worst = try recommendation.cycle(store: store)
            guard exitCode else { return }
            switch worst {
            case .critical: throw ExitCode(2)
            case .warning: throw ExitCode(1)
            case .info, nil: return
            }
        } catch let failure as CommandFailure where exitCode {
            throw CommandFailure(description: failure.description, exitCode: 3)
        }
    }
}

/// The options of one recommendation run, and the run itself (`recommend`, and each cycle of
/// anything that repeats it).
struct RecommendOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, ndjson, alertmanager }

    @Option(help: ArgumentHelp("The window analysed, back from the analysis time.", valueName: "duration"))
    var since: String = "24h"
    @Option(help: ArgumentHelp("History the rules learn from (baselines, seasonality, forecasts).", valueName: "duration"))
    var history: String = "14d"
    @Option(help: ArgumentHelp("How far ahead the capacity rule looks.", valueName: "duration"))
    var horizon: String = "3d"
    @Option(help: ArgumentHelp("The analysis time and the clock of the history (default: the newest point; the wall clock for the history).",
                               valueName: "time"))
    var now: String?
    @Option(help: ArgumentHelp("Rules to run, comma separated: \(RuleCatalog.names.joined(separator: ", ")).", valueName: "names"))
    var rules: String = RuleCatalog.names.joined(separator: ",")
    @Option(help: "Output format: table, json, ndjson or alertmanager (the API v2 body).")
    var format: Format = .table
    @Option(help: ArgumentHelp("Push to this Alertmanager (POST URL/api/v2/alerts).", valueName: "url"))
    var alertmanager: String?
    @Option(help: ArgumentHelp("A firing alert's endsAt is the send time plus this; run more often than that.", valueName: "duration"))
    var resendWindow: String = "1h"
    @Option(help: ArgumentHelp("Retries of a failed push (connection error, 5xx, 429), waiting 0.5 s, 1 s, 2 s, ...", valueName: "n"))
    var retries: Int = 3
    @Option(help: ArgumentHelp("Prefix of each alert's generatorURL; the fingerprint is appended.", valueName: "url"))
    var generatorURL: String = "insights://recommend/"
    @Flag(help: "Compute and print only: write nothing to the database and push nothing (even with --alertmanager).")
    var dryRun = false
    @Option(help: ArgumentHelp("The funnel_drop rule's two steps (default: signup_started,signed_up when both exist).",
                               valueName: "from,to"))
    var funnel: String?
    @Option(help: ArgumentHelp("The experiment rule's conversion event (default: purchase when it exists).", valueName: "name"))
    var experimentMetric: String?
    @Option(help: ArgumentHelp("Configuration file: capacity limits (default: $INSIGHTS_CONFIG, else ./insights.toml if present).",
                               valueName: "file"))
    var config: String?

    func validate() throws {
        for (flag, text) in [("--since", since), ("--history", history), ("--horizon", horizon), ("--resend-window", resendWindow)]
        where (DurationText.nanoseconds(text) ?? 0) <= 0 {
            throw ValidationError("\(flag) '\(text)' is not a positive duration (use e.g. 24h, 7d)")
        }
        for name in ruleList where !RuleCatalog.names.contains(name) {
            let hint = nearestName(to: name, among: RuleCatalog.names).map { "; did you mean '\($0)'?" } ?? ""
            throw ValidationError("unknown rule '\(name)'\(hint)")
        }
        if retries < 0 { throw ValidationError("--retries must be 0 or more") }
        if let funnel, funnel.split(separator: ",", omittingEmptySubsequences: false).count != 2
            || funnel.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--funnel '\(funnel)' is not two event names 'from,to'")
        }
        if let alertmanager {
            guard let url = URL(string: alertmanager), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ValidationError("--alertmanager '\(alertmanager)' is not an http(s) URL")
            }
        }
    }

    var ruleList: [String] { rules.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    /// What one run did, for a caller that repeats runs and reports each.
    struct Outcome {
        /// The highest severity firing now.
        var worst: Severity?
        /// Recommendations firing after the run, and the ones it resolved.
        var firing = 0, resolved = 0
        /// Alerts delivered to Alertmanager (nil when nothing was pushed).
        var delivered: Int?
        /// Why the push failed (after its retries); the run was recorded and printed all the same.
        var deliveryFailure: String?
    }

    /// Runs the rules, records, prints and pushes; returns the highest severity firing now.
    /// - Throws: `CommandFailure`, with exit code 69 when the push failed.
    func cycle(store: StoreOptions) throws -> Severity? {
        let outcome = try run(store: store)
        if let failure = outcome.deliveryFailure { throw CommandFailure(description: failure, exitCode: 69) }
        return outcome.worst
    }

    /// One run: rules, history, output, push. A failed push does not throw but is reported in the
    /// outcome; every alert not delivered keeps its `last_sent`, so the next run sends it again.
    /// A stop requested (``Cancellation``) while the rules run abandons the run before it writes.
    /// - Parameter pause: Waits between push retries; returns false when a stop cut it short.
    func run(store: StoreOptions,
             pause: @escaping (TimeInterval) -> Bool = { Thread.sleep(forTimeInterval: $0); return true }) throws -> Outcome {
        let database = try store.open(readOnly: dryRun)
        let configuration = try ConfigurationFile.load(explicit: config)
        let requestedNow = try now.map { text -> Timestamp in
            switch TimestampFormat.parse(text, timeZone: TimeZone(identifier: "UTC")!) {
            case .success(let value): return value
            case .failure(let error): throw CommandFailure.usage("--now: \(error.message)")
            }
        }
        let active = ruleList.map { RuleCatalog.make($0, options: self, configuration: configuration) }
        let contexts = try RecommendationInput.contexts(
            from: database, now: requestedNow, history: DurationText.nanoseconds(history)!, since: DurationText.nanoseconds(since)!,
            eventProperties: RuleCatalog.eventProperties(of: active))
        let found = Recommendation.ranked(contexts.flatMap { context in active.flatMap { $0.evaluate(context) } })
        // A rule stopped half-way skips series, which would read as conditions that cleared.
        try Cancellation.check()
        let wallClock = Timestamp(Date().timeIntervalSince1970 * 1e9)
        let clock = requestedNow ?? wallClock
        let findings = found.map(RecommendationEntry.finding)
        let transitions: [RecommendationTransition]
        if dryRun {
            let existing = try database.schemaVersion() >= 2 ? database.recommendations() : []
            transitions = Store.planRecommendations(findings, existing: existing, at: clock)
        } else {
            transitions = try database.recordRecommendations(findings, at: clock)
        }
        let byFingerprint = Dictionary(found.map { ($0.fingerprint, $0) }, uniquingKeysWith: { a, _ in a })
        let entries = transitions.map { RecommendationEntry($0, found: byFingerprint[$0.recommendation.finding.fingerprint]) }

        // Resolutions an earlier push delivered as firing but failed to deliver as resolved.
        let pending = alertmanager == nil ? [] : try database.recommendations(status: .resolved).filter { row in
            guard let sent = row.lastSent, let resolved = row.resolvedAt else { return false }
            return sent < resolved && !transitions.contains { $0.recommendation.finding.fingerprint == row.finding.fingerprint }
        }.map { RecommendationEntry(RecommendationTransition(change: .resolved, recommendation: $0, previous: $0), found: nil) }

        var outcome = Outcome(worst: found.map(\.severity).max(), firing: entries.count(where: { $0.status == .firing }),
                              resolved: entries.count(where: { $0.status == .resolved }))
        let resend = DurationText.nanoseconds(resendWindow)!
        switch format {
        case .table: print(RecommendationReport.table(entries))
        case .json: print(RecommendationReport.json(entries))
        case .ndjson: if !entries.isEmpty { print(RecommendationReport.ndjson(entries)) }
        case .alertmanager:
            print(RecommendationReport.alertmanager(entries, sentAt: wallClock, resend: resend, generatorURL: generatorURL))
        }
        if let alertmanager, dryRun {
            FileHandle.standardError.write(Data("insights: dry run: nothing pushed to \(alertmanager)\n".utf8))
        } else if let alertmanager, let base = URL(string: alertmanager) {
            let delivered = entries + pending
            if !delivered.isEmpty {
                let body = RecommendationReport.alertmanager(delivered, sentAt: wallClock, resend: resend, generatorURL: generatorURL)
                do {
                    try AlertmanagerClient(base: base, retries: retries, pause: pause).post(body)
                } catch {
                    outcome.deliveryFailure = "\(error)"
                    return outcome
                }
                try database.markRecommendationsSent(delivered.map { $0.fingerprint }, at: clock)
            }
            outcome.delivered = delivered.count
        }
        return outcome
    }
}
