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

    /// `metric{key="value", …}` split into the metric and its labels (each value with its
    /// quotes, as printed); nil for a name not of that form.
    static func seriesKeyParts(_ name: String) -> (metric: String, labels: [(key: String, value: String)])? {
        guard let open = name.firstIndex(of: "{"), name.last == "}" else { return (name, []) }
        let metric = String(name[..<open])
        var labels: [(key: String, value: String)] = []
        var rest = name[name.index(after: open)..<name.index(before: name.endIndex)]
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "="), rest[rest.index(after: equals)...].first == "\"" else { return nil }
            let key = rest[..<equals].trimmingPrefix(" ")
            var index = rest.index(equals, offsetBy: 2)
            var escaped = false
            while index < rest.endIndex, escaped || rest[index] != "\"" {
                escaped = !escaped && rest[index] == "\\"
                index = rest.index(after: index)
            }
            guard index < rest.endIndex else { return nil }
            labels.append((String(key), String(rest[rest.index(after: equals)...index])))
            rest = rest[rest.index(after: index)...]
            if rest.first == "," { rest = rest.dropFirst() }
        }
        return (metric, labels)
    }
}
