import Foundation
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
        var lines = [header.joined(separator: ",")]
        for row in rows {
            let forecast = row.calibrated.forecast
            for h in forecast.mean.indices {
                var cells = [Self.csvField(row.id), Self.ds(row, h), row.model, "\(forecast.mean[h])"]
                for level in levels {
                    let band = forecast.band(level)
                    cells += [band.map { "\($0.lower[h])" } ?? "", band.map { "\($0.upper[h])" } ?? ""]
                }
                cells += levels.map { row.calibrated.coverage($0).map { String(format: "%.4f", $0) } ?? "" }
                lines.append(cells.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One block per series: a heading with the model, the levels and their backtest coverage,
    /// then a table of the steps.
    var table: String {
        rows.map { row in
            let forecast = row.calibrated.forecast
            let coverage = levels.map { level in
                "\(Self.percent(level))% band covered \(row.calibrated.coverage(level).map { String(format: "%.1f%%", 100 * $0) } ?? "n/a")"
            }.joined(separator: ", ")
            let seasons = row.periods.isEmpty ? "no season" : "periods " + row.periods.map(String.init).joined(separator: ", ")
            var lines = ["\(row.id): \(row.model), \(seasons); backtest over \(row.calibrated.windows) windows: \(coverage)"]
            var header = ["ds", "mean"]
            for level in levels { header += ["lo-\(Self.percent(level))", "hi-\(Self.percent(level))"] }
            var cells = [header]
            for h in forecast.mean.indices {
                var line = [Self.ds(row, h), Self.number(forecast.mean[h])]
                for level in levels {
                    let band = forecast.band(level)
                    line += [band.map { Self.number($0.lower[h]) } ?? "-", band.map { Self.number($0.upper[h]) } ?? "-"]
                }
                cells.append(line)
            }
            lines.append(TextTable.render(cells))
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    private static func number(_ value: Double) -> String { String(format: "%.6g", value) }

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
                return .object(fields)
            }
            let coverage: [(String, JSONWriter.Value)] = levels.map { level in
                (Self.percent(level), row.calibrated.coverage(level).map { .number($0) } ?? .null)
            }
            return .object([
                ("unique_id", .string(row.id)), ("model", .string(row.model)),
                ("periods", .array(row.periods.map { .integer($0) })),
                ("backtest_windows", .integer(row.calibrated.windows)),
                ("backtest_coverage", .object(coverage)),
                ("forecast", .array(steps)),
            ])
        }
        return JSONWriter.render(.object([
            ("levels", .array(levels.map { .number($0) })),
            ("series", .array(series)),
        ]))
    }
}
