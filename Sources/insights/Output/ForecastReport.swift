import Foundation
import InsightsQuery
import InsightsAnalysis
import InsightsStorage

/// The `forecast` command's output: per series the point forecast, one band per level, and
/// the coverage each level achieved in the backtests.
struct ForecastReport {
    struct Row {
        let id: String
        let model: String
        let periods: [Int]
        let calibrated: CalibratedForecast
        /// The time of each step, or nil when the input had step numbers (then ds is 1…h).
        let stamps: [Timestamp]?
        /// Crossing probabilities of `--threshold`, when asked for.
        let crossing: ThresholdCrossing?
    }

    let rows: [Row]
    let levels: [Double]

    /// "80" for 0.8, "99.5" for 0.995.
    static func percent(_ level: Double) -> String {
        let value = level * 100
        return value == value.rounded() ? String(Int(value.rounded())) : String(format: "%g", value)
    }

    private static func ds(_ row: Row, _ h: Int) -> String {
        row.stamps.map { TimestampFormat.iso8601($0[h]) } ?? String(h + 1)
    }

    /// statsforecast's long format, `unique_id,ds,model,mean,lo-L,hi-L…`, followed by one
    /// `coverage-L` column per level (the backtest coverage, the same on every row of a series).
    var csv: String {
        var header = ["unique_id", "ds", "model", "mean"]
        for level in levels { header += ["lo-\(Self.percent(level))", "hi-\(Self.percent(level))"] }
        header += levels.map { "coverage-\(Self.percent($0))" }
        let crossing = rows.contains { $0.crossing != nil }
        if crossing { header.append("p-cross") }
        var lines = [header.joined(separator: ",")]
        for row in rows {
            let forecast = row.calibrated.forecast
            for h in forecast.mean.indices {
                var cells = [Export.csvField(row.id), Self.ds(row, h), row.model, "\(forecast.mean[h])"]
                for level in levels {
                    let band = forecast.band(level)
                    cells += [band.map { "\($0.lower[h])" } ?? "", band.map { "\($0.upper[h])" } ?? ""]
                }
                cells += levels.map { row.calibrated.coverage($0).map { String(format: "%.4f", $0) } ?? "" }
                if crossing { cells.append(row.crossing.map { "\($0.cumulative[h])" } ?? "") }
                lines.append(cells.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One block per series: a heading with the model, the levels and their backtest coverage,
    /// then a table of the steps.
    var table: String {
        rows.map { row in
            let forecast = row.calibrated.forecast
            let coverage = levels.map { level in
                "\(Self.percent(level))% band covered \(row.calibrated.coverage(level).flatMap { $0.isNaN ? nil : String(format: "%.1f%%", 100 * $0) } ?? "n/a")"
            }.joined(separator: ", ")
            let seasons = row.periods.isEmpty ? "no season" : "periods " + row.periods.map(String.init).joined(separator: ", ")
            var lines = ["\(row.id): \(row.model), \(seasons); backtest over \(row.calibrated.windows) windows: \(coverage)"]
            if let note = Self.shortWindowsNote(windows: row.calibrated.windows, levels: levels) { lines.append(note) }
            if let crossing = row.crossing { lines.append(Self.describe(crossing, row)) }
            var header = ["ds", "mean"]
            for level in levels { header += ["lo-\(Self.percent(level))", "hi-\(Self.percent(level))"] }
            var cells = [header]
            let unit = MetricUnit(series: row.id)
            func measure(_ value: Double) -> String { unit.format(value) ?? Self.number(value) }
            for h in forecast.mean.indices {
                var line = [Self.ds(row, h), measure(forecast.mean[h])]
                for level in levels {
                    let band = forecast.band(level)
                    line += [band.map { measure($0.lower[h]) } ?? "-", band.map { measure($0.upper[h]) } ?? "-"]
                }
                cells.append(line)
            }
            lines.append(TextTable.render(cells))
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    private static func number(_ value: Double) -> String { String(format: "%.6g", value) }

    /// With N windows a conformal band at level L needs the ⌈(N + 1)·L⌉-th largest error; when
    /// that rank passes N the band is the largest error instead (docs/STATISTICS.md), and
    /// bands at different levels can come out the same. Says so, naming the windows needed.
    static func shortWindowsNote(windows: Int, levels: [Double]) -> String? {
        guard windows > 0 else { return nil }
        let short = levels.filter { Int((Double(windows + 1) * $0 - 1e-9).rounded(.up)) > windows }
        guard !short.isEmpty else { return nil }
        let needed = short.map { level in
            "\(percent(level))% needs \(Int((level / (1 - level) - 1e-9).rounded(.up)))"
        }.joined(separator: ", ")
        let bands = short.map { "\(percent($0))%" }.joined(separator: " and ")
        return "note: with \(windows) windows the \(bands) band\(short.count == 1 ? " is" : "s are") the largest backtest error, "
            + "not a calibrated quantile (\(needed) windows: a longer history, a shorter horizon or a smaller spacing)"
    }

    /// "threshold 90 (above): P(cross within 48 steps) = 0.35 from 40 paths; first crossing
    /// median …, 5–95 % […, beyond the horizon]; the point forecast reaches it at …".
    static func describe(_ crossing: ThresholdCrossing, _ row: Row) -> String {
        let steps = row.calibrated.forecast.mean.count
        func at(_ step: Int?) -> String { step.map { ds(row, $0 - 1) } ?? "beyond the horizon" }
        var text = "threshold \(number(crossing.threshold)) (\(crossing.direction.rawValue)): P(cross within \(steps) steps) = "
            + String(format: "%.3f", crossing.probability) + " from \(crossing.paths) backtest paths"
        if crossing.probability > 0 {
            text += "; first crossing median \(at(crossing.firstCrossing(quantile: 0.5))), 5–95% "
                + "[\(at(crossing.firstCrossing(quantile: 0.05))), \(at(crossing.firstCrossing(quantile: 0.95)))]"
        }
        return text + "; the point forecast reaches it " + (crossing.pointCrossing.map { "at \(ds(row, $0 - 1))" } ?? "within no step")
    }

    var json: String {
        let series: [JSONWriter.Value] = rows.map { row in
            let forecast = row.calibrated.forecast
            let steps: [JSONWriter.Value] = forecast.mean.indices.map { h in
                var fields: [(String, JSONWriter.Value)] = [
                    ("ds", row.stamps == nil ? .integer(h + 1) : .string(Self.ds(row, h))), ("mean", .number(forecast.mean[h])),
                ]
                for level in levels {
                    if let band = forecast.band(level) {
                        fields += [("lo-\(Self.percent(level))", .number(band.lower[h])),
                                   ("hi-\(Self.percent(level))", .number(band.upper[h]))]
                    }
                }
                if let crossing = row.crossing { fields.append(("p_cross", .number(crossing.cumulative[h]))) }
                return .object(fields)
            }
            let coverage: [(String, JSONWriter.Value)] = levels.map { level in
                (Self.percent(level), row.calibrated.coverage(level).map { .number($0) } ?? .null)
            }
            func at(_ step: Int?) -> JSONWriter.Value {
                step.map { row.stamps == nil ? .integer($0) : .string(Self.ds(row, $0 - 1)) } ?? .null
            }
            let threshold: [(String, JSONWriter.Value)] = row.crossing.map { crossing in
                [("threshold", .object([
                    ("value", .number(crossing.threshold)), ("direction", .string(crossing.direction.rawValue)),
                    ("probability", .number(crossing.probability)), ("paths", .integer(crossing.paths)),
                    ("first_crossing", .object([("p05", at(crossing.firstCrossing(quantile: 0.05))),
                                                ("p50", at(crossing.firstCrossing(quantile: 0.5))),
                                                ("p95", at(crossing.firstCrossing(quantile: 0.95)))])),
                    ("point_crossing", at(crossing.pointCrossing)),
                ]))]
            } ?? []
            return .object([
                ("unique_id", .string(row.id)), ("model", .string(row.model)),
                ("periods", .array(row.periods.map { .integer($0) })),
                ("backtest_windows", .integer(row.calibrated.windows)),
                ("backtest_coverage", .object(coverage)),
            ] + threshold + [("forecast", .array(steps))])
        }
        return JSONWriter.render(.object([
            ("levels", .array(levels.map { .number($0) })),
            ("series", .array(series)),
        ]))
    }
}
