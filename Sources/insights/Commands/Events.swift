import ArgumentParser
import InsightsStorage

/// `insights events`: the event names in the store with their volume.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List behavior event names: counts, distinct actors, time ranges.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.open(readOnly: true)
        var rows = [["event", "count", "actors", "first", "last"]]
        for info in try database.eventNames() {
            rows.append([info.name, String(info.count), String(info.actors),
                         TimestampFormat.iso8601(info.first), TimestampFormat.iso8601(info.last)])
        }
        print(TextTable.render(rows))
    }
}
