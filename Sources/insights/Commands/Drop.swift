import ArgumentParser
import InsightsNumerics
import InsightsStorage

/// `insights drop SELECTOR`: delete series.
struct Drop: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete the series a selector picks, with their points and annotations.")

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp(#"A PromQL series selector, e.g. 'cpu{host="db-1"}'."#, valueName: "selector"))
    var selector: String

    func run() throws {
        let parsed = try SelectorArgument.parse(selector)
        let (series, points) = try store.open().drop(matching: parsed)
        print("dropped \(series) series (\(points) points)")
    }
}

/// Parses a selector argument, rendering a syntax error with its caret as a usage error.
enum SelectorArgument {
    static func parse(_ text: String) throws -> SeriesSelector {
        do { return try SeriesSelector(parsing: text) } catch { throw CommandFailure.usage(error.rendered) }
    }

    /// Throws when the selector names a metric the store does not have, suggesting the
    /// nearest known name; returns when the metric exists (or the selector names none).
    static func checkMetricExists(_ selector: SeriesSelector, in database: Store) throws {
        guard let metric = selector.metricName else { return }
        let names = try database.metricNames()
        guard !names.contains(metric) else { return }
        let hint = nearestName(to: metric, among: names).map { "; did you mean '\($0)'?" } ?? ""
        throw CommandFailure.data("unknown metric '\(metric)'\(hint)")
    }
}
