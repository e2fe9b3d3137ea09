import ArgumentParser
import InsightsStorage

/// `insights compact --keep 90d`: retention.
struct Compact: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete points and events older than a retention window.",
        discussion: "The window counts back from the latest stored timestamp (data is often historical), or from --now.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("How much history to keep, e.g. 90d, 12w, 36h.", valueName: "duration"))
    var keep: String

    func validate() throws {
        guard DurationText.nanoseconds(keep) != nil else {
            throw ValidationError("--keep '\(keep)' is not a duration (use e.g. 90d, 12w, 36h)")
        }
    }

    func run() throws {
        let database = try store.open()
        guard let latest = try database.latestTimestamp(), let window = DurationText.nanoseconds(keep) else {
            print("nothing to compact")
            return
        }
        let cutoff = latest - window
        let (points, events) = try database.compact(before: cutoff)
        print("deleted \(points) points and \(events) events before \(TimestampFormat.iso8601(cutoff))")
    }
}
