import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsStorage

/// `insights watch`: pull → analyse → recommend → push, every `--interval`, until a signal.
///
/// Each cycle pulls every `--query` from `--prometheus` incrementally, then makes one
/// recommendation run (``RecommendOptions/run(store:pause:)``). A failing pull or push is
/// logged and the loop goes on; SIGTERM or SIGINT stops it at the next safe point.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pull, analyse, recommend and push on an interval until SIGTERM or SIGINT.",
        discussion: """
            Every --interval (measured from the start of the previous cycle; a cycle that overruns \
            is followed at once), pulls each --query from --prometheus (incrementally: only points \
            after the last pull; the first pull of a query fetches --backfill, default --history), \
            then runs the recommendation rules, records the history, prints the recommendations and \
            pushes them to --alertmanager, exactly as `insights recommend` does. A pull or push that \
            fails after its retries is logged and the cycle goes on; alerts not delivered are sent \
            again by the next cycle. One log line per cycle goes to standard error. SIGTERM or \
            SIGINT stops at the next safe point (never inside a store transaction) and exits 0.

            Exit codes: 0 after a signal or --cycles N, 64 usage, 65 a store that is not usable.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Time between the starts of two cycles.", valueName: "duration"))
    var interval: String = "1m"
    @Option(help: ArgumentHelp("Stop after this many cycles (default: run until a signal).", valueName: "n"))
    var cycles: Int?

    @Option(help: ArgumentHelp("Pull from this Prometheus server (http or https base URL) each cycle.", valueName: "url"))
    var prometheus: String?
    @Option(name: .customLong("query"), help: ArgumentHelp("A PromQL expression to pull each cycle (repeatable; the series need a __name__).",
                                                          valueName: "promql"))
    var queries: [String] = []
    @Option(help: ArgumentHelp("Resolution of the pulls: one point per series per step.", valueName: "duration"))
    var step: String = "1m"
    @Option(help: ArgumentHelp("How far back the first pull of a query reaches (default: --history).", valueName: "duration"))
    var backfill: String?
    @Option(name: .customLong("pull-retries"), help: ArgumentHelp("Requests in all for one pull before giving up.", valueName: "n"))
    var pullRetries: Int = 5
    @Option(name: .customLong("retry-delay"), help: ArgumentHelp("Wait before a pull's first retry, doubled for each next one.",
                                                                 valueName: "duration"))
    var retryDelay: String = "500ms"
    @Option(help: ArgumentHelp("Give up on one Prometheus request after this long without an answer.", valueName: "duration"))
    var timeout: String = "30s"

    @OptionGroup(title: "Recommendations (as for insights recommend)") var recommendation: RecommendOptions

    func validate() throws {
        guard let interval = DurationText.nanoseconds(interval), interval > 0 else {
            throw ValidationError("--interval '\(self.interval)' is not a positive duration (use e.g. 1m, 30s)")
        }
        if let cycles, cycles < 1 { throw ValidationError("--cycles must be at least 1") }
        if recommendation.now != nil {
            throw ValidationError("--now does not apply to watch: each cycle analyses up to the newest data and records at the wall clock")
        }
        if prometheus == nil && !queries.isEmpty { throw ValidationError("--query needs --prometheus URL") }
        if prometheus != nil && queries.isEmpty { throw ValidationError("--prometheus needs at least one --query PROMQL") }
        if let backfill, (DurationText.nanoseconds(backfill) ?? 0) <= 0 {
            throw ValidationError("--backfill '\(backfill)' is not a positive duration (use e.g. 7d)")
        }
        guard pullRetries >= 1 else { throw ValidationError("--pull-retries must be at least 1") }
        _ = try sources()
    }

    /// One pull per query, with the options `ingest --prometheus` would be given, validated as it
    /// validates them.
    func sources() throws -> [PrometheusPullOptions] {
        guard let prometheus else { return [] }
        return try queries.map { query in
            let source = try PrometheusPullOptions.parse([
                "--prometheus=\(prometheus)", "--query=\(query)", "--since=\(backfill ?? recommendation.history)",
                "--step=\(step)", "--retries=\(pullRetries)", "--retry-delay=\(retryDelay)", "--timeout=\(timeout)",
            ])
            try source.validate(hasFiles: false)
            return source
        }
    }

    func run() throws {
        let sources = try sources()
        try StopRequest.install(for: [SIGTERM, SIGINT])
        _ = try store.open()  // a store that cannot be opened is a usage error now, not a log line per cycle

        let interval = Duration.nanoseconds(DurationText.nanoseconds(self.interval)!)
        let clock = ContinuousClock()
        var number = 0
        log("watching every \(self.interval)\(cycles.map { ", \($0) cycle\($0 == 1 ? "" : "s")" } ?? ", until SIGTERM or SIGINT")")
        while !StopRequest.isRequested {
            number += 1
            let started = clock.now
            let summary = cycle(number, sources: sources)
            let took = clock.now - started
            log("cycle \(number): \(summary), \(Self.seconds(took))")
            if let cycles, number >= cycles { break }
            if took >= interval {
                if !StopRequest.isRequested {
                    log("cycle \(number) took longer than the interval (\(self.interval)); starting the next one now")
                }
                continue
            }
            if !StopRequest.pause(Self.timeInterval(interval - took)) { break }
        }
        if let signal = StopRequest.signal {
            log("stopped on \(StopRequest.name(of: signal)) after \(number) cycle\(number == 1 ? "" : "s")")
        } else {
            log("done after \(number) cycle\(number == 1 ? "" : "s")")
        }
    }

    /// One cycle: the pulls, then one recommendation run. Never throws: a failure is part of
    /// the summary (and logged when it happens), and the next cycle tries again.
    /// - Returns: The summary for the cycle's log line.
    private func cycle(_ number: Int, sources: [PrometheusPullOptions]) -> String {
        var parts: [String] = []
        if !sources.isEmpty {
            var points = 0, failed = 0
            for source in sources {
                if StopRequest.isRequested { return "abandoned during the pulls (stop requested)" }
                do {
                    let database = try store.open()
                    let outcome = try Ingest.pull(
                        source, into: database, options: IngestOptions(),
                        duplicates: .last, zone: TimeZone(identifier: "UTC")!,
                        sleep: { _ = StopRequest.pause(Double($0) / 1e9) })
                    points += outcome.points
                } catch {
                    failed += 1
                    log("cycle \(number): pull of '\(source.query ?? "")' failed: \(error); going on with the stored data")
                }
            }
            parts.append("pulled \(points) point\(points == 1 ? "" : "s")\(failed > 0 ? " (\(failed) of \(sources.count) pulls failed)" : "")")
        }
        if StopRequest.isRequested { return (parts + ["abandoned before the analysis (stop requested)"]).joined(separator: ", ") }
        do {
            let outcome = try recommendation.run(store: store, pause: StopRequest.pause)
            parts.append("\(outcome.firing) firing, \(outcome.resolved) resolved")
            if let failure = outcome.deliveryFailure {
                log("cycle \(number): push failed: \(failure); the next cycle sends again what was not delivered")
                parts.append("push failed")
            } else if let delivered = outcome.delivered, delivered > 0 {
                parts.append("pushed \(delivered) alert\(delivered == 1 ? "" : "s")")
            } else if recommendation.alertmanager != nil {
                parts.append(recommendation.dryRun ? "nothing pushed (dry run)" : "nothing to push")
            }
        } catch let error as ForecastError where StopRequest.isRequested {
            parts.append("analysis abandoned (\(error.message); stop requested): nothing recorded")
        } catch {
            log("cycle \(number): the recommendation run failed: \(error)")
            parts.append("recommendation run failed")
        }
        return parts.joined(separator: ", ")
    }

    /// One line on standard error, led by the wall-clock time.
    private func log(_ message: String) {
        let now = Timestamp(Date().timeIntervalSince1970 * 1e3) * 1_000_000
        FileHandle.standardError.write(Data("\(TimestampFormat.iso8601(now)) insights watch: \(message)\n".utf8))
    }

    private static func timeInterval(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f s", timeInterval(duration))
    }
}
