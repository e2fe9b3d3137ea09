import Foundation
import InsightsNumerics
import InsightsQuery
import InsightsStorage

/// The charts `.chart on` draws under analysis and behavior results. Each subcommand is run
/// again with `--format json` (the same engine) and its report read into a `Chart`, so nothing
/// is parsed back out of the text the statement printed.
extension Session {
    /// The chart of an analysis of the first selected series: the history read as the
    /// statement read it (from the store, or from `csv` when the series were handed over as a
    /// long CSV), with what the analysis adds: `forecast` the mean, bands and a `threshold` line,
    /// `anomalies` markers, `changepoints` a line per change, `trend` the fitted line (and its
    /// threshold); `decompose` draws panels of its components instead.
    func chartAnalysis(_ analysis: Analysis, arguments: [String], csv: String?) throws {
        let json = try Self.captured { try Self.invoke(arguments + ["--format", "json"]) }
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8))
        if analysis.kind == .decompose {
            if let entry = (object as? [[String: Any]])?.first, let panels = Self.decompositionChart(entry) {
                try draw(.panels(panels))
            }
            return
        }
        let read: (grid: RegularGrid, series: [SeriesKey], values: Matrix)
        if let csv {
            read = try GridOptions.read(csv: csv)
        } else {
            guard let selector = analysis.selection.expression.plainSelector else { return }
            let store = try StoreOptions.parse(["--db", path]).open(readOnly: true)
            read = try GridOptions.read(selector: selector.description, step: analysis.selection.step,
                                        aggregation: analysis.selection.aggregation ?? "avg",
                                        window: try windowOptions(analysis.selection), from: store)
        }
        guard let first = read.series.first else { return }
        let stamps = (0..<read.grid.count).map { read.grid.timestamp(at: $0) }
        var chart = ChartData(title: first.description, timestamps: stamps, values: read.values.column(0))
        chart.valueUnit = MetricUnit(series: first.description)
        let report = object as? [String: Any]
        // The report's entry for the charted series (forecast names it `unique_id`), else its first.
        let entries = report?["series"] as? [[String: Any]] ?? []
        let entry = entries.first { ($0["series"] ?? $0["unique_id"]) as? String == first.description } ?? entries.first
        switch analysis.kind {
        case .forecast:
            if let levels = report?["levels"] as? [Double], let entry, let steps = entry["forecast"] as? [[String: Any]] {
                let stampsAhead = steps.compactMap { Self.time($0["ds"]) }
                let mean = steps.map { $0["mean"] as? Double ?? .nan }
                let bands = levels.map { level in
                    let key = ForecastReport.percent(level)
                    return ChartData.Band(level: level, lower: steps.map { $0["lo-\(key)"] as? Double ?? .nan },
                                          upper: steps.map { $0["hi-\(key)"] as? Double ?? .nan })
                }
                if stampsAhead.count == mean.count { chart.forecast = ChartData.Forecast(timestamps: stampsAhead, mean: mean, bands: bands) }
            }
            if let threshold = entry?["threshold"] as? [String: Any], let value = threshold["value"] as? Double {
                let direction = threshold["direction"] as? String
                chart.thresholds = [ChartData.Threshold(value: value, label: "threshold " + (chart.valueUnit.format(value) ?? Self.number(value))
                                                        + (direction.map { " (\($0))" } ?? ""))]
            }
        case .anomalies:
            if let found = object as? [[String: Any]] {
                chart.anomalies = found.filter { ($0["series"] as? String) == first.description }.compactMap { item in
                    Self.time(item["peak"]).map { ChartData.Anomaly(timestamp: $0, score: item["probability"] as? Double, value: item["observed"] as? Double) }
                }
            }
        case .changepoints:
            for change in entry?["change_points"] as? [[String: Any]] ?? [] {
                guard let time = Self.time(change["time"]) else { continue }
                let label = (change["change"] as? Double).map { "change " + Self.number($0) } ?? ""
                chart.markers.append(ChartData.Marker(timestamp: time, label: label))
            }
        case .trend:
            if let entry, let fitted = Self.trendLine(entry, start: Self.time(report?["start"]), at: stamps) {
                chart.series[0].name = "observed"
                chart.series.append(ChartData.Series(name: "trend line", timestamps: stamps, values: fitted))
            }
            if let crossing = entry?["crossing"] as? [String: Any], let value = crossing["threshold"] as? Double {
                chart.thresholds = [ChartData.Threshold(value: value, label: "threshold " + (chart.valueUnit.format(value) ?? Self.number(value)))]
            }
        case .backtest, .decompose:
            return
        }
        try draw(.series(chart))
    }

    /// The chart of a `funnel` (bars), `retention` (a heatmap) or `trends` (its series) statement.
    func chartBehavior(_ query: BehaviorQuery, arguments: [String]) throws {
        let json = try Self.captured { try Self.invoke(arguments + ["--format", "json"]) }
        guard let report = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return }
        let names = query.events.map(\.name)
        switch query.kind {
        case .funnel:
            if let bars = Self.funnelChart(report, title: "funnel " + names.joined(separator: " → ")) {
                try draw(.bars(bars))
            }
        case .retention:
            let period = query.options.first { $0.name == "period" }?.values.first ?? "period"
            if let heatmap = Self.retentionChart(report, title: "retention \(names[0]) → \(names.last!)", period: period) {
                try draw(.heatmap(heatmap))
            }
        case .trends:
            let formula = query.options.first { $0.name == "formula" }?.values.first
            if let chart = Self.trendsChart(report, title: "trends " + names.joined(separator: ", "), formula: formula) {
                try draw(chart)
            }
        default:
            return
        }
    }

    /// Panels of one series of `insights decompose`'s JSON: observed, trend, each seasonal
    /// component (labelled with its period in steps) and the remainder.
    static func decompositionChart(_ entry: [String: Any]) -> PanelChartData? {
        guard let stamps = (entry["ds"] as? [Any])?.compactMap(time) else { return nil }
        func values(_ key: String) -> [Double]? { numbers(entry[key], count: stamps.count) }
        guard let observed = values("observed"), let trend = values("trend"), let remainder = values("remainder") else {
            return nil
        }
        let periods = entry["periods"] as? [Int] ?? []
        let seasonals = (entry["seasonal"] as? [Any] ?? []).compactMap { numbers($0, count: stamps.count) }
        var panels = [ChartData(title: "observed", timestamps: stamps, values: observed),
                      ChartData(title: "trend", timestamps: stamps, values: trend)]
        for (number, seasonal) in seasonals.enumerated() {
            let label = number < periods.count ? "seasonal (period \(periods[number]))" : "seasonal"
            panels.append(ChartData(title: label, timestamps: stamps, values: seasonal))
        }
        panels.append(ChartData(title: "remainder", timestamps: stamps, values: remainder))
        // Every component is in the series' unit (seasonal and remainder as differences of it).
        let unit = MetricUnit(series: entry["series"] as? String ?? "")
        for index in panels.indices { panels[index].valueUnit = unit }
        return PanelChartData(title: entry["series"] as? String ?? "", panels: panels)
    }

    /// Bars of `insights funnel`'s JSON: one per step with its count and its conversion from
    /// the first step; with a breakdown, one group of bars per breakdown value.
    static func funnelChart(_ report: [String: Any], title: String) -> BarChartData? {
        guard let steps = report["steps"] as? [[String: Any]] else { return nil }
        func counts(_ steps: [[String: Any]]) -> [Double] { steps.map { ($0["count"] as? Int).map(Double.init) ?? .nan } }
        let categories = steps.map { $0["event"] as? String ?? "" }
        var groups = [BarChartData.Group(name: "", values: counts(steps))]
        if let breakdown = report["breakdown"] as? [[String: Any]], !breakdown.isEmpty {
            groups = breakdown.compactMap { group in
                guard let steps = group["steps"] as? [[String: Any]], steps.count == categories.count else { return nil }
                return BarChartData.Group(name: group["value"] as? String ?? "", values: counts(steps))
            }
        }
        return BarChartData(title: title, categories: categories, groups: groups, showsShareOfFirst: true)
    }

    /// A heatmap of `insights retention`'s JSON: a row per cohort with its size, a column per
    /// period; periods a cohort has not reached yet (from `periods_observed` on) are left blank.
    static func retentionChart(_ report: [String: Any], title: String, period: String) -> HeatmapData? {
        guard let cohorts = report["cohorts"] as? [[String: Any]] else { return nil }
        let rows = cohorts.map { cohort in
            let rates = numbers(cohort["rates"], count: nil) ?? []
            let observed = cohort["periods_observed"] as? Int ?? rates.count
            return HeatmapData.Row(label: cohort["start"] as? String ?? "", size: cohort["size"] as? Int,
                                   values: rates.enumerated().map { $0.offset < observed ? $0.element : .nan })
        }
        let columns = rows.map(\.values.count).max() ?? 0
        let padded = rows.map { row in
            HeatmapData.Row(label: row.label, size: row.size,
                            values: row.values + Array(repeating: .nan, count: columns - row.values.count))
        }
        return HeatmapData(title: title, columns: (0..<columns).map(String.init), columnTitle: period, rows: padded)
    }

    /// The series of `insights trends`' JSON over its periods (each period drawn at its start,
    /// read in the report's time zone): one chart of every series, or with a `formula`, a panel
    /// per series on a shared time axis (a ratio reads on its own scale, not against counts).
    static func trendsChart(_ report: [String: Any], title: String, formula: String?) -> Chart? {
        guard let periods = report["periods"] as? [String], let entries = report["series"] as? [[String: Any]] else { return nil }
        let zone = (report["tz"] as? String).flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        // Hourly periods are written without seconds ("2026-01-17T19:00").
        let stamps = periods.compactMap { period in
            (try? TimestampFormat.parse(period, timeZone: zone).get()) ?? (try? TimestampFormat.parse(period + ":00", timeZone: zone).get())
        }
        guard stamps.count == periods.count else { return nil }
        let series = entries.compactMap { entry -> ChartData.Series? in
            guard let name = entry["name"] as? String, let values = numbers(entry["values"], count: stamps.count) else { return nil }
            return ChartData.Series(name: name, timestamps: stamps, values: values)
        }
        guard let formula, series.contains(where: { $0.name == formula }) else {
            return .series(ChartData(title: title, series: series))
        }
        return .panels(PanelChartData(title: title, panels: series.map {
            ChartData(title: $0.name, timestamps: $0.timestamps, values: $0.values)
        }))
    }

    /// The fitted line of one series of `insights trend`'s JSON at `stamps`: its start value
    /// at the grid's start plus the slope per hour times the hours since; nil without a fit.
    static func trendLine(_ entry: [String: Any], start: Int64?, at stamps: [Int64]) -> [Double]? {
        guard let start, let intercept = entry["start_value"] as? Double, let slope = entry["slope_per_hour"] as? Double else {
            return nil
        }
        return stamps.map { intercept + slope * (Double($0) - Double(start)) / 3_600e9 }
    }

    /// A JSON array of numbers, nulls (non-finite numbers) as NaN; nil unless it is an array
    /// of `count` elements when `count` is given.
    private static func numbers(_ value: Any?, count: Int?) -> [Double]? {
        guard let array = value as? [Any], count == nil || array.count == count else { return nil }
        return array.map { ($0 as? Double) ?? ($0 as? Int).map(Double.init) ?? .nan }
    }

    /// A timestamp of a report (ISO 8601, UTC) in nanoseconds.
    static func time(_ value: Any?) -> Int64? {
        guard let text = value as? String, case .success(let stamp) = TimestampFormat.parse(text, timeZone: TimeZone(identifier: "UTC")!) else { return nil }
        return stamp
    }

    /// A number for a chart label: up to four significant digits.
    private static func number(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
