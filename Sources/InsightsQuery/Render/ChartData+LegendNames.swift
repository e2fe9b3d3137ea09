extension ChartData {
    /// The name each series goes by in a legend: its own name with what all the series share
    /// left out, so that four series of one metric read `region="eu-west", service="auth"`,
    /// … rather than the metric and every label four times.
    ///
    /// Names of the form `metric{key="value", …}` (series keys as printed) drop the metric when
    /// every series has it and each label that has the same value in every series; names
    /// not of that form, a single series, or names that would become empty or alike are kept
    /// whole. An unnamed series is "history" (the first) or "series N".
    public var legendNames: [String] {
        let whole = series.enumerated().map { number, series in
            series.name.isEmpty ? (number == 0 ? "history" : "series \(number + 1)") : series.name
        }
        guard whole.count > 1 else { return whole }
        let parsed = whole.compactMap(Self.seriesKeyParts)
        guard parsed.count == whole.count else { return whole }
        let sameMetric = Set(parsed.map(\.metric)).count == 1
        let shared = Set(parsed[0].labels.filter { label in
            parsed.allSatisfy { $0.labels.contains { $0.key == label.key && $0.value == label.value } }
        }.map(\.key))
        let short = parsed.map { parts in
            let labels = parts.labels.filter { !shared.contains($0.key) }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            return sameMetric ? labels : (labels.isEmpty ? parts.metric : "\(parts.metric){\(labels)}")
        }
        guard short.allSatisfy({ !$0.isEmpty }), Set(short).count == short.count else { return whole }
        return short
    }

    /// `metric{key="value", …}` split into the metric and its labels (each value quoted and
    /// escaped as printed), read by the language's own parser; a bare name has no labels, and
    /// nil is a name that is not one selector of equal matchers.
    static func seriesKeyParts(_ name: String) -> (metric: String, labels: [(key: String, value: String)])? {
        guard case .success(.query(let selection)) = Result(catching: { () throws(QueryError) in try Parser.parse(name) }),
              selection.window == nil, selection.step == nil, selection.aggregation == nil,
              case .selector(let selector) = selection.expression, selector.range == nil,
              selector.matchers.allSatisfy({ $0.operation == .equal }) else { return nil }
        return (selector.metric ?? "", selector.matchers.map { ($0.label, "\"" + Selector.escaped($0.value) + "\"") })
    }
}
