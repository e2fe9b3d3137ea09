import Foundation
import InsightsQuery
import InsightsAnalysis
import InsightsStorage

/// The analyses `insights trend` runs on one series, ready to render.
struct TrendRow {
    let series: String
    let estimate: TrendEstimate?
    let error: String?
    let theilSen: Result<TheilSen, TrendError>?
    let mannKendall: Result<MannKendall, TrendError>?
    let changePoints: [(time: Timestamp, point: ChangePoint)]
    /// When the trend line reaches `--threshold`, if one was given and the fit succeeded.
    let crossing: CrossingTime?
    /// The best single split in mean with its sup-F p-value.
    let split: SingleSplit?

    /// - Parameter seasonal: The seasonal terms of the fit; change points are looked for in
    ///   the values minus the fitted seasonal part, so a daily cycle is not a stream of shifts.
    init(series: String, values: [Double], fit: Result<TrendEstimate, TrendError>, grid: RegularGrid,
         options: TrendOptions, robust: Bool, threshold: Double?) {
        let seasonal = options.seasonal, level = options.level
        self.series = series
        switch fit {
        case .success(let estimate): (self.estimate, self.error) = (estimate, nil)
        case .failure(let error): (self.estimate, self.error) = (nil, error.message)
        }
        let times = values.indices.map(Double.init)
        if robust {
            let theilSen = Result { () throws(TrendError) in try TheilSen.estimate(times: times, values: values, level: level) }
            self.theilSen = theilSen
            self.mannKendall = Result { () throws(TrendError) in
                try MannKendall.test(times: times, values: values, senSlope: try? theilSen.get().slope)
            }
        } else {
            (self.theilSen, self.mannKendall) = (nil, nil)
        }
        let adjusted = estimate.map { TrendAnalysis.deseasonalised(values, estimate: $0, seasonal: seasonal) } ?? values
        let segmentation = try? ChangePointDetection.meanShifts(adjusted)
        split = try? SingleSplit.best(adjusted)
        // The batched fit keeps only standard errors; Fieller needs Cov(a, b), so refit this series.
        if let threshold, estimate != nil, let fit = try? TrendAnalysis.fit(values, options: options) {
            crossing = fit.crossingTime(of: threshold)
        } else {
            crossing = nil
        }
        changePoints = (segmentation?.changePoints ?? []).map { (grid.timestamp(at: $0.index), $0) }
    }
}

/// `insights trend` output as a table, JSON or CSV.
struct TrendReport {
    let rows: [TrendRow]
    /// The grid step in nanoseconds.
    let step: Int64
    let grid: RegularGrid

    private var stepSeconds: Double { Double(step) / 1e9 }

    private func perDay(_ slope: Double) -> Double { slope * 86_400 / stepSeconds }
    private func perHour(_ slope: Double) -> Double { slope * 3_600 / stepSeconds }

    private var levelPercent: String {
        let level = rows.compactMap(\.estimate).first?.level ?? 0.95
        return RegressionReport.general(level * 100, digits: 3)
    }

    var table: String {
        var header = ["series", "n", "slope/h", "slope/day", "% change", "\(levelPercent)% CI slope/day", "p"]
        if rows.contains(where: { $0.theilSen != nil }) { header += ["theil-sen/day", "mann-kendall p"] }
        let threshold = rows.compactMap(\.crossing).first?.threshold
        if let threshold { header.append("crosses \(g(threshold))") }
        header.append("change points")
        var table = [header]
        for row in rows {
            guard let estimate = row.estimate else {
                table.append([row.series] + [String](repeating: "-", count: header.count - 1))
                continue
            }
            let interval = estimate.slopeInterval
            let unit = MetricUnit(series: row.series)
            func measure(_ value: Double) -> String { unit.format(value) ?? g(value) }
            var cells = [row.series, String(estimate.observationCount), measure(perHour(estimate.slope)),
                         measure(perDay(estimate.slope)), g(estimate.percentChange, digits: 3),
                         "\(measure(perDay(interval.low))) .. \(measure(perDay(interval.high)))", g(estimate.slopePValue, digits: 3)]
            if row.theilSen != nil {
                cells.append((try? row.theilSen?.get()).map { measure(perDay($0.slope)) } ?? "-")
                cells.append((try? row.mannKendall?.get()).map { g($0.correctedPValue, digits: 3) } ?? "-")
            }
            if threshold != nil { cells.append(row.crossing.map(describe) ?? "-") }
            // The table names the largest change; JSON and CSV list them all.
            if let largest = row.changePoints.max(by: { abs($0.point.size) < abs($1.point.size) }) {
                let count = row.changePoints.count
                cells.append("\(count); largest \(TimestampFormat.iso8601(largest.time)) "
                    + "(\(unit.format(largest.point.size, signed: true) ?? signed(largest.point.size)), p=\(g(largest.point.pValue, digits: 2)))")
            } else {
                cells.append("none")
            }
            table.append(cells)
        }
        var text = TextTable.render(table)
        text += "\nstep \(DurationText.format(step)), \(grid.count) buckets from \(TimestampFormat.iso8601(grid.start)); "
        text += "slopes per hour/day of the metric's unit; % change of the trend line over the window; "
        text += "HAC (Newey–West) intervals"
        for row in rows where row.error != nil { text += "\n\(row.series): \(row.error ?? "")" }
        return text
    }

    var json: String {
        let items: [JSONWriter.Value] = rows.map { row in
            var members: [(String, JSONWriter.Value)] = [("series", .string(row.series))]
            if let estimate = row.estimate {
                let interval = estimate.slopeInterval
                let percent = estimate.percentChangeInterval
                members += [
                    ("points", .integer(estimate.observationCount)),
                    ("slope_per_hour", .number(perHour(estimate.slope))),
                    ("slope_per_day", .number(perDay(estimate.slope))),
                    ("slope_per_day_interval", .array([.number(perDay(interval.low)), .number(perDay(interval.high))])),
                    ("standard_error_per_day", .number(perDay(estimate.slopeStandardError))),
                    ("p_value", .number(estimate.slopePValue)),
                    ("percent_change", .number(estimate.percentChange)),
                    ("percent_change_interval", .array([.number(percent.low), .number(percent.high)])),
                    ("start_value", .number(estimate.intercept)),
                    ("hac_lags", .integer(estimate.hacLags)),
                    ("level", .number(estimate.level)),
                ]
            } else {
                members.append(("error", .string(row.error ?? "")))
            }
            if let theilSen = row.theilSen {
                switch theilSen {
                case .success(let sen):
                    members.append(("theil_sen", .object([
                        ("slope_per_day", .number(perDay(sen.slope))),
                        ("slope_per_day_interval", .array([.number(perDay(sen.lowSlope)), .number(perDay(sen.highSlope))])),
                    ])))
                case .failure(let error): members.append(("theil_sen", .object([("error", .string(error.message))])))
                }
            }
            if let mannKendall = row.mannKendall {
                switch mannKendall {
                case .success(let test):
                    members.append(("mann_kendall", .object([
                        ("s", .integer(test.s)), ("z", .number(test.z)), ("p_value", .number(test.pValue)),
                        ("hamed_rao_factor", .number(test.correctionFactor)),
                        ("hamed_rao_p_value", .number(test.correctedPValue)),
                    ])))
                case .failure(let error): members.append(("mann_kendall", .object([("error", .string(error.message))])))
                }
            }
            if let crossing = row.crossing {
                var fields: [(String, JSONWriter.Value)] = [("threshold", .number(crossing.threshold)),
                                                            ("time", time(crossing.estimate))]
                switch crossing.interval {
                case .bounded(let low, let high): fields.append(("interval", .array([time(low), time(high)])))
                case .unbounded: fields.append(("interval", .null))
                }
                members.append(("crossing", .object(fields)))
            }
            if let split = row.split {
                members.append(("best_split", .object([
                    ("time", .string(TimestampFormat.iso8601(grid.timestamp(at: split.index)))),
                    ("index", .integer(split.index)), ("size", .number(split.size)),
                    ("sup_f", .number(split.statistic)), ("p_value", .number(split.pValue)),
                ])))
            }
            members.append(("change_points", .array(row.changePoints.map { change in
                .object([("time", .string(TimestampFormat.iso8601(change.time))), ("index", .integer(change.point.index)),
                         ("size", .number(change.point.size)), ("p_value", .number(change.point.pValue))])
            })))
            return .object(members)
        }
        return JSONWriter.render(.object([
            ("step", .string(DurationText.format(step))), ("start", .string(TimestampFormat.iso8601(grid.start))),
            ("buckets", .integer(grid.count)), ("series", .array(items)),
        ]))
    }

    var csv: String {
        var lines = ["series,points,slope_per_hour,slope_per_day,slope_per_day_low,slope_per_day_high,p_value,"
            + "percent_change,theil_sen_per_day,mann_kendall_p_value,change_points,error"]
        for row in rows {
            let estimate = row.estimate
            let interval = estimate?.slopeInterval
            func number(_ value: Double?) -> String { value.map { JSONText.number($0) } ?? "" }
            let cells = [
                Export.csvField(row.series), estimate.map { String($0.observationCount) } ?? "",
                number(estimate.map { perHour($0.slope) }), number(estimate.map { perDay($0.slope) }),
                number(interval.map { perDay($0.low) }), number(interval.map { perDay($0.high) }),
                number(estimate?.slopePValue), number(estimate?.percentChange),
                number((try? row.theilSen?.get()).map { perDay($0.slope) }),
                number((try? row.mannKendall?.get())?.correctedPValue),
                row.changePoints.map { TimestampFormat.iso8601($0.time) }.joined(separator: ";"),
                Export.csvField(row.error ?? ""),
            ]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    /// Grid position `steps` (fractional) as a timestamp, or null when it does not fit.
    private func time(_ steps: Double) -> JSONWriter.Value {
        instant(steps).map { .string(TimestampFormat.iso8601($0)) } ?? .null
    }

    /// Grid position `steps` as a timestamp rounded to the second, nil when out of range.
    private func instant(_ steps: Double) -> Timestamp? {
        let offset = (steps * Double(step) / 1e9).rounded() * 1e9
        guard offset.isFinite, abs(offset) < 4e18 else { return nil }
        let (sum, overflow) = grid.start.addingReportingOverflow(Int64(offset))
        return overflow ? nil : sum
    }

    /// `time (low .. high)` or `time (unbounded)`; "never" when the line is flat.
    private func describe(_ crossing: CrossingTime) -> String {
        let estimate = instant(crossing.estimate).map(TimestampFormat.iso8601) ?? "never"
        switch crossing.interval {
        case .bounded(let low, let high):
            let ends = [low, high].map { instant($0).map(TimestampFormat.iso8601) ?? "-" }
            return "\(estimate) (\(ends[0]) .. \(ends[1]))"
        case .unbounded: return "\(estimate) (interval unbounded)"
        }
    }

    private func g(_ value: Double, digits: Int = 4) -> String { RegressionReport.general(value, digits: digits) }

    private func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + g(value, digits: 3) }
}
