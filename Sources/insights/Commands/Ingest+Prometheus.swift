import Foundation
import InsightsStorage

extension Ingest {
    /// What one pull did, for its summary line.
    enum PullOutcome {
        /// Nothing new on the step grid since the last pull (which ended at the timestamp).
        case upToDate(Timestamp?)
        case pulled(PullPlan, IngestReport, series: Int)

        /// Points stored by the pull.
        var points: Int {
            if case .pulled(_, let report, _) = self { return report.metrics }
            return 0
        }
    }

    /// `ingest --prometheus URL --query PROMQL`: pulls the query's range into the store in one
    /// transaction, with the watermark of the source, and prints one summary line.
    ///
    /// The window is `--since` back from its end, or from `--from`, up to `--to` or now; a source
    /// pulled before at the same step resumes one step after its watermark (see `PullPlan`).
    /// Exit codes: 64 for a query Prometheus rejects (HTTP 4xx but 429) or a first pull
    /// without a window, 65 for an answer that cannot be stored (not a matrix, a series with
    /// no name and no --metric, a bad point), 69 when the server gives no answer after the
    /// retries.
    func pull(into database: Store, options: IngestOptions, duplicates: Store.DuplicatePolicy) throws {
        let zone = TimeZone(identifier: tz) ?? TimeZone(identifier: "UTC")!
        let outcome = try Self.pull(pullOptions, into: database, options: options, duplicates: duplicates, zone: zone)
        let step = pullOptions.stepNanoseconds
        var server = pullOptions.prometheus ?? ""
        while server.hasSuffix("/") { server.removeLast() }
        let query = pullOptions.query ?? ""

        switch outcome {
        case .upToDate(let watermark):
            let last = watermark.map { "the last pull ended \(TimestampFormat.iso8601($0))" } ?? "the window is empty"
            print("\(server) '\(query)': up to date (\(last), step \(DurationText.format(step))); nothing fetched")
        case .pulled(let plan, let report, let series):
            for bad in report.badRows {
                FileHandle.standardError.write(Data("insights: skipped: \(bad.description)\n".utf8))
            }
            var parts = ["\(series) series", "\(report.metrics) points"]
            if report.missingValues > 0 { parts.append("\(report.missingValues) missing values skipped") }
            if !report.badRows.isEmpty { parts.append("\(report.badRows.count) bad points skipped") }
            let how = plan.resumed ? "after the last pull" : "first pull"
            parts.append("start \(TimestampFormat.iso8601(plan.start)) (\(how))")
            parts.append("end \(TimestampFormat.iso8601(plan.end))")
            parts.append("step \(DurationText.format(step))")
            parts.append("\(plan.chunks.count) request\(plan.chunks.count == 1 ? "" : "s")")
            print("\(server) '\(query)': \(parts.joined(separator: ", "))")
        }
    }

    /// One pull of `source` into `database`, as `ingest --prometheus` does it (and each cycle of
    /// `watch`, once per query); prints nothing but retry notices on standard error.
    /// - Parameter sleep: Waits between retries (nanoseconds); a repeating caller passes one a
    ///   stop request cuts short.
    /// - Throws: `CommandFailure` with the exit codes `pull(into:options:duplicates:)` names.
    static func pull(_ source: PrometheusPullOptions, into database: Store, options: IngestOptions,
                     duplicates: Store.DuplicatePolicy, zone: TimeZone,
                     sleep: (Int64) -> Void = { Thread.sleep(forTimeInterval: Double($0) / 1e9) }) throws -> PullOutcome {
        var server = source.prometheus ?? ""
        while server.hasSuffix("/") { server.removeLast() }
        let query = source.query ?? ""
        let step = source.stepNanoseconds
        let now = Timestamp(Date().timeIntervalSince1970 * 1e3) * 1_000_000
        func instant(_ text: String?, _ flag: String) throws -> Timestamp? {
            guard let text else { return nil }
            switch TimestampFormat.parse(text, timeZone: zone) {
            case .success(let value): return value
            case .failure(let error): throw CommandFailure.usage("--\(flag): \(error.message)")
            }
        }
        let end = try instant(source.to, "to") ?? now
        var start = try instant(source.from, "from")
        if let since = source.since, let span = DurationText.nanoseconds(since) { start = end - span }

        let range = PrometheusRangeQuery(server: server, query: query)
        let client = PrometheusClient(timeout: source.timeoutSeconds)
        let retry = source.retryPolicy
        var random = SystemRandomNumberGenerator()
        let outcome: PullOutcome
        do {
            outcome = try database.write(duplicates: duplicates) { writer -> PullOutcome in
                let watermark = try writer.pullWatermark(url: server, query: query, step: step)
                guard let from = start ?? watermark else {
                    throw CommandFailure.usage("the first pull of this query needs --since DURATION or --from TIME")
                }
                guard let plan = PullPlan(from: from, to: end, step: step, watermark: watermark) else {
                    return .upToDate(watermark)
                }
                var report = IngestReport(format: .prometheusJSON)
                var series: Set<SeriesKey> = []
                for chunk in plan.chunks {
                    let body = try range.fetch(
                        range.url(for: chunk, step: step), over: client, retry: retry, random: &random,
                        sleep: sleep,
                        willRetry: { retry, delay, reason in
                            FileHandle.standardError.write(Data(
                                "insights: \(server): \(reason); retrying in \(DurationText.format(max(1, delay / 1_000_000) * 1_000_000)) (attempt \(retry + 1) of \(source.retries))\n".utf8))
                        })
                    let read = try range.read(body, options: options, into: &writer)
                    report.metrics += read.report.metrics
                    report.missingValues += read.report.missingValues
                    report.badRows += read.report.badRows
                    series.formUnion(read.series)
                }
                try writer.recordPull(url: server, query: query, step: step, end: plan.end, at: now)
                return .pulled(plan, report, series: series.count)
            }
        } catch let error as PullError {
            let message = "\(error.description) (query '\(query)'; nothing was stored)"
            throw error.kind == .rejected ? CommandFailure.usage(message) : CommandFailure.unavailable(message)
        } catch let error as IngestError {
            throw CommandFailure.data("\(error.description) (query '\(query)'; nothing was stored)")
        } catch let error as StorageError {
            throw CommandFailure.usage("\(database.path): \(error.message) (nothing from \(server) was stored)")
        }

        return outcome
    }
}
