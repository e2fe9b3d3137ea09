import ArgumentParser
import Foundation
import InsightsStorage

/// `--since`, `--from`, `--to`, `--now`, `--tz`: the time window of a read command.
///
/// A relative window (`--since 7d`) counts back from the latest point of the data
/// selected, not from the wall clock (data is often historical), unless `--now` says
/// what "now" is. Times without an offset are read in `--tz` (default UTC).
struct TimeWindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only the last DURATION of the data, e.g. 7d, 36h.", valueName: "duration"))
    var since: String?

    @Option(help: ArgumentHelp("Start of the window (ISO 8601, date or unix time).", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("End of the window, inclusive.", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("What --since counts back from (default: the latest point selected).", valueName: "time"))
    var now: String?

    @Option(help: ArgumentHelp("Time zone of times without an offset (default UTC).", valueName: "zone"))
    var tz: String = "UTC"

    func validate() throws {
        guard TimeZone(identifier: tz) != nil else {
            throw ValidationError("unknown time zone '\(tz)' (use an IANA name such as Europe/Berlin)")
        }
        if let since, DurationText.nanoseconds(since) == nil {
            throw ValidationError("--since '\(since)' is not a duration (use e.g. 7d, 36h, 90m)")
        }
        if since != nil && from != nil { throw ValidationError("give --since or --from, not both") }
    }

    /// The inclusive window, nil ends open. `latest` is the newest selected timestamp.
    func range(latest: Timestamp?) throws -> (from: Timestamp?, to: Timestamp?) {
        let zone = TimeZone(identifier: tz) ?? TimeZone(identifier: "UTC")!
        func instant(_ text: String?, _ flag: String) throws -> Timestamp? {
            guard let text else { return nil }
            switch TimestampFormat.parse(text, timeZone: zone) {
            case .success(let value): return value
            case .failure(let error): throw CommandFailure.usage("--\(flag): \(error.message)")
            }
        }
        let end = try instant(to, "to")
        var start = try instant(from, "from")
        if let since, let span = DurationText.nanoseconds(since) {
            if let reference = try instant(now, "now") ?? end ?? latest { start = reference - span }
        }
        return (start, end)
    }
}
