import ArgumentParser
import InsightsStorage

/// `insights export SELECTOR`: series out as long CSV or NDJSON.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the series a selector picks as long CSV or NDJSON on standard output.",
        discussion: "The CSV is the metrics long format ingest reads: timestamp, metric, value, then one column per label key.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, ndjson }

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("A PromQL series selector.", valueName: "selector"))
    var selector: String

    @Option(help: "Output format: csv or ndjson.") var format: Format = .csv

    @OptionGroup var window: TimeWindowOptions

    func run() throws {
        let parsed = try SelectorArgument.parse(selector)
        let database = try store.open(readOnly: true)
        let selected = try database.series(matching: parsed)
        let range = try window.range(latest: selected.compactMap(\.last).max())
        let labelKeys = Array(Set(selected.flatMap { $0.key.labels.map(\.key) })).sorted()
        if format == .csv { print((["timestamp", "metric", "value"] + labelKeys).map(Self.csvField).joined(separator: ",")) }
        for info in selected {
            let labels = info.key.labelDictionary
            let (timestamps, values) = try database.points(seriesID: info.id, from: range.from, to: range.to)
            for (timestamp, value) in zip(timestamps, values) {
                let time = TimestampFormat.iso8601(timestamp)
                switch format {
                case .csv:
                    let cells = [time, info.key.metric, value.description] + labelKeys.map { labels[$0] ?? "" }
                    print(cells.map(Self.csvField).joined(separator: ","))
                case .ndjson:
                    let labelJSON = info.key.labels.map { "\(JSONText.quoted($0.key)):\(JSONText.quoted($0.value))" }
                    print(#"{"timestamp":\#(JSONText.quoted(time)),"metric":\#(JSONText.quoted(info.key.metric)),"value":\#(JSONText.number(value)),"labels":{\#(labelJSON.joined(separator: ","))}}"#)
                }
            }
        }
    }

    /// RFC 4180 quoting when a field needs it.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
