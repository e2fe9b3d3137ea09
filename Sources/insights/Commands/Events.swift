import ArgumentParser
import InsightsNumerics
import InsightsStorage

/// `insights events [NAME]`: the event names in the store with their volume, or the
/// properties of one event.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List behavior event names: counts, distinct actors, time ranges; or one event's properties.",
        discussion: """
            With a NAME, lists that event's top-level property keys: how many events carry each, \
            distinct values, and the most frequent values. With a time window, everything counts \
            only events inside it.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Show the properties of this event.", valueName: "name"))
    var name: String?

    @OptionGroup var window: TimeWindowOptions

    func run() throws {
        let database = try store.open(readOnly: true)
        if let name {
            let names = try database.eventNames().map(\.name)
            guard names.contains(name) else {
                let hint = nearestName(to: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
                throw CommandFailure.data("unknown event '\(name)'\(hint)")
            }
        }
        let range = try window.range(latest: try database.latestEventTimestamp(named: name))
        guard let name else {
            var rows = [["event", "count", "actors", "first", "last"]]
            for info in try database.eventNames(from: range.from, to: range.to) {
                rows.append([info.name, String(info.count), String(info.actors),
                             TimestampFormat.iso8601(info.first), TimestampFormat.iso8601(info.last)])
            }
            print(TextTable.render(rows))
            return
        }
        var rows = [["property", "events", "distinct", "top values"]]
        for property in try database.eventProperties(named: name, from: range.from, to: range.to) {
            let top = property.topValues.map { "\($0.value) (\($0.count))" }.joined(separator: ", ")
            rows.append([property.key, String(property.events), String(property.distinctValues), top])
        }
        print(TextTable.render(rows))
    }
}
