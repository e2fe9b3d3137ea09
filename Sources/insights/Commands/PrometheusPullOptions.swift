import ArgumentParser
import Foundation
import InsightsStorage

/// The options of `insights ingest --prometheus URL --query PROMQL`: the source, the window,
/// the resolution and the retry policy of a pull.
struct PrometheusPullOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Pull from this Prometheus server (http or https base URL) instead of reading files.",
                               valueName: "url"))
    var prometheus: String?

    @Option(help: ArgumentHelp("The PromQL expression to pull (with --prometheus).", valueName: "promql"))
    var query: String?

    @Option(help: ArgumentHelp("Pull the last DURATION up to now, e.g. 7d (with --prometheus).", valueName: "duration"))
    var since: String?

    @Option(help: ArgumentHelp("Start of the pull (ISO 8601, date or unix time; with --prometheus).", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("End of the pull, inclusive (default: now; with --prometheus).", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("Resolution of the pull: one point per series per step (default 1m).", valueName: "duration"))
    var step: String = "1m"

    @Option(help: ArgumentHelp("Requests in all for one range before giving up (default 5).", valueName: "n"))
    var retries: Int = 5

    @Option(name: .customLong("retry-delay"),
            help: ArgumentHelp("Wait before the first retry, doubled for each next one (default 0.5s).", valueName: "duration"))
    var retryDelay: String = "500ms"

    @Option(help: ArgumentHelp("Give up on one request after this long without an answer (default 30s).", valueName: "duration"))
    var timeout: String = "30s"

    /// The step in nanoseconds (validated).
    var stepNanoseconds: Int64 { DurationText.nanoseconds(step) ?? 60_000_000_000 }

    /// The retry policy in effect: `--retries` attempts, `--retry-delay` doubling up to 30 s.
    var retryPolicy: RetryPolicy {
        RetryPolicy(attempts: retries, initialDelay: DurationText.nanoseconds(retryDelay) ?? 500_000_000)
    }

    /// Seconds a request may wait for its answer.
    var timeoutSeconds: Double { Double(DurationText.nanoseconds(timeout) ?? 30_000_000_000) / 1e9 }

    /// Checks the pull options; `hasFiles` says whether files were named too.
    func validate(hasFiles: Bool) throws {
        guard let prometheus else {
            if query != nil || since != nil || from != nil || to != nil {
                throw ValidationError("--query, --since, --from and --to need --prometheus URL")
            }
            if !hasFiles { throw ValidationError("name files to load, or pull with --prometheus URL --query PROMQL") }
            return
        }
        if hasFiles { throw ValidationError("give files or --prometheus, not both") }
        guard prometheus.hasPrefix("http://") || prometheus.hasPrefix("https://") else {
            throw ValidationError("--prometheus '\(prometheus)' is not an http or https URL (e.g. http://localhost:9090)")
        }
        guard let query, !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--prometheus needs --query PROMQL")
        }
        if since != nil && from != nil { throw ValidationError("give --since or --from, not both") }
        if let since, (DurationText.nanoseconds(since) ?? 0) <= 0 {
            throw ValidationError("--since '\(since)' is not a duration (use e.g. 7d, 36h, 90m)")
        }
        guard let step = DurationText.nanoseconds(step), step > 0 else {
            throw ValidationError("--step '\(self.step)' is not a positive duration (use e.g. 1m, 15s)")
        }
        guard step % 1_000_000 == 0 else {
            throw ValidationError("--step '\(self.step)' is finer than Prometheus's millisecond resolution")
        }
        guard retries >= 1 else { throw ValidationError("--retries must be at least 1") }
        guard DurationText.nanoseconds(retryDelay) != nil else {
            throw ValidationError("--retry-delay '\(retryDelay)' is not a duration (use e.g. 500ms, 2s)")
        }
        guard let timeout = DurationText.nanoseconds(timeout), timeout > 0 else {
            throw ValidationError("--timeout '\(timeout)' is not a positive duration (use e.g. 30s)")
        }
    }
}
