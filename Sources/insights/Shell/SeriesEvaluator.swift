import Foundation
import InsightsAnalysis
import InsightsQuery
import InsightsStorage

/// Evaluates a series expression (selectors, `rate`/`increase`, `sum/avg/min/max/count by`,
/// `histogram_quantile`) over the store at evenly spaced evaluation times, with Prometheus's
/// semantics (`PromQL`): what a query statement with functions shows.
struct SeriesEvaluator {
    let store: Store
    let times: [Int64]

    /// Evaluation times for `selection`: its window (default: the last day), ending at the
    /// newest point of the series it reads, at its step (default: the window split into about
    /// 240 steps, at least 15 s, whole seconds).
    static func times(for selection: Selection, store: Store) throws -> [Int64] {
        var latest: Int64?
        for selector in selectors(in: selection.expression) {
            let matched = try store.series(matching: try SelectorArgument.parse(selector.description))
            latest = ([latest].compactMap { $0 } + matched.compactMap(\.last)).max()
        }
        guard let latest else { throw ShellFailure("no points match the selection", at: selection.location) }
        let window = ["--now", TimestampFormat.iso8601(latest)] + (selection.window == nil ? ["--since", "1d"] : selection.windowArguments)
        let range = try TimeWindowOptions.parse(window).range(latest: latest)
        let end = range.to ?? latest
        let start = range.from ?? end - 86_400 * PromQL.second
        guard start <= end else { throw ShellFailure("the time window ends before it starts", at: selection.location) }
        let step: Int64
        if let text = selection.step {
            guard let value = DurationLiteral.nanoseconds(text), value > 0 else {
                throw ShellFailure("step '\(text)' is not a duration", at: selection.location)
            }
            step = value
        } else {
            step = max(15 * PromQL.second, (end - start) / 240 / PromQL.second * PromQL.second)
        }
        let count = (end - start) / step + 1
        guard count <= 100_000 else {
            throw ShellFailure("\(count) evaluation steps; use a coarser step (at most 100000 points per series)", at: selection.location)
        }
        return PromQL.evaluationTimes(start: start, end: end, step: step)
    }

    /// The selectors an expression reads.
    static func selectors(in expression: SeriesExpression) -> [Selector] {
        switch expression {
        case .selector(let selector): [selector]
        case .call(_, let arguments, _): arguments.flatMap(selectors)
        case .aggregate(_, _, let operand, _): selectors(in: operand)
        case .number: []
        }
    }

    /// The series `expression` evaluates to (instant vectors; a bare selector with a range is refused).
    func evaluate(_ expression: SeriesExpression) throws -> [PromQLSeries] {
        switch expression {
        case .number:
            throw ShellFailure("a number is not a series")
        case .selector(let selector):
            guard selector.range == nil else {
                throw ShellFailure("a range selector such as \(selector.description)[\(selector.range!)] needs a function: rate(…), increase(…)",
                                   at: selector.location)
            }
            return PromQL.instant(try raw(selector, lookback: PromQL.defaultLookback), at: times)
        case .call(let name, let arguments, let location):
            switch name {
            case "rate", "increase":
                guard arguments.count == 1, case .selector(let selector) = arguments[0], let rangeText = selector.range,
                      let range = DurationLiteral.nanoseconds(rangeText) else {
                    throw ShellFailure("\(name) takes one range selector, e.g. \(name)(http_requests_total[5m])", at: location)
                }
                let series = try raw(selector, lookback: range)
                return name == "rate" ? PromQL.rate(series, range: range, at: times) : PromQL.increase(series, range: range, at: times)
            case "histogram_quantile":
                guard arguments.count == 2, case .number(let q) = arguments[0] else {
                    throw ShellFailure("histogram_quantile takes a quantile and the buckets, e.g. "
                                       + "histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))", at: location)
                }
                return PromQL.histogramQuantile(q, buckets: try evaluate(arguments[1]))
            default:
                throw ShellFailure("unknown function '\(name)'", at: location)
            }
        case .aggregate(let operation, let grouping, let operand, let location):
            guard let op = PromQL.Aggregation(rawValue: operation) else { throw ShellFailure("unknown aggregation '\(operation)'", at: location) }
            let series = try evaluate(operand)
            return PromQL.aggregate(op, series, by: grouping.flatMap { $0.without ? nil : $0.labels },
                                    without: grouping.flatMap { $0.without ? $0.labels : nil })
        }
    }

    /// The raw points of every series `selector` matches, from `lookback` before the first
    /// evaluation time to the last, with `__name__` among the labels as in Prometheus.
    private func raw(_ selector: Selector, lookback: Int64) throws -> [PromQLSeries] {
        let parsed = try SelectorArgument.parse(selector.description)
        let from = (times.first ?? 0) - lookback, to = times.last ?? 0
        return try store.series(matching: parsed).map { info in
            let points = try store.points(seriesID: info.id, from: from, to: to)
            var labels = Dictionary(info.key.labels.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            labels["__name__"] = info.key.metric
            return PromQLSeries(labels: labels, timestamps: points.timestamps, values: points.values)
        }
    }

    /// `name{a="x", b="y"}` for a result series.
    static func describe(_ labels: [String: String]) -> String {
        let name = labels["__name__"] ?? ""
        let rest = labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
        return rest.isEmpty && !name.isEmpty ? name : name + "{" + rest.joined(separator: ", ") + "}"
    }
}
