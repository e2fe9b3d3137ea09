import ArgumentParser
import Foundation
import InsightsQuery
import InsightsAnalysis
import InsightsNumerics
import InsightsStorage

/// `insights changepoints SELECTOR`: every change in mean (or in slope) of each selected
/// series, with the segment levels on both sides.
struct ChangePointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changepoints",
        abstract: "Changes in mean or slope of each selected series (PELT), with the levels around them.",
        discussion: """
            The series are read onto one grid as trend does (empty buckets missing and skipped). \
            --kind mean (default) segments each series into constant levels, --kind slope into \
            lines, minimising the Gaussian cost plus a penalty p·log n per change with PELT (exact); \
            the noise scale is a robust one from first differences, so the changes do not \
            inflate it. --season removes a fitted Fourier cycle first (as trend does), so a daily \
            cycle is not reported as a stream of shifts. Each change is listed with its time, the \
            level (or slope per hour) of the segments before and after, the change, its z \
            statistic and a nominal two-sided p-value (it treats the location as known, so it \
            overstates significance). Methods: docs/STATISTICS.md (change points).

            Exit codes: 0 success, 64 usage error, 65 unknown metric or no data in the window.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum Kind: String, ExpressibleByArgument, CaseIterable { case mean, slope }

    @OptionGroup var store: StoreOptions
    @OptionGroup var grid: GridOptions

    @Option(help: "What changes: mean (piecewise-constant levels) or slope (piecewise lines).")
    var kind: Kind = .mean

    @OptionGroup var seasonalTerms: SeasonalTermsOptions

    @Option(help: ArgumentHelp("Penalty factor p in p·log n per change (default 2 for mean, 3 for slope); larger finds fewer.",
                               valueName: "p"))
    var penalty: Double?

    @Option(name: .customLong("min-segment"), help: ArgumentHelp(
        "Shortest segment in steps (default 2 for mean, 3 for slope).", valueName: "steps"))
    var minimumSegment: Int?

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    func validate() throws {
        if let penalty, !(penalty > 0) { throw ValidationError("--penalty must be positive, got \(penalty)") }
        if let minimumSegment, minimumSegment < (kind == .mean ? 1 : 3) {
            throw ValidationError("--min-segment must be at least \(kind == .mean ? 1 : 3) for --kind \(kind.rawValue)")
        }
    }

    func run() throws {
        let read = try grid.read(from: store)
        let seasonal = seasonalTerms.terms(step: read.grid.step)
        let fits = seasonal == .none ? [] : TrendAnalysis.fitBatched(read.values, options: TrendOptions(seasonal: seasonal))
        var results: [SeriesChanges] = []
        for (c, key) in read.series.enumerated() {
            var values = read.values.column(c)
            if let estimate = try? fits.isEmpty ? nil : fits[c].get() {
                values = TrendAnalysis.deseasonalised(values, estimate: estimate, seasonal: seasonal)
            }
            let segmentation = Result { () throws(TrendError) in
                switch kind {
                case .mean: try ChangePointDetection.meanShifts(values, penaltyFactor: penalty ?? 2,
                                                                minimumSegment: minimumSegment ?? 2)
                case .slope: try ChangePointDetection.slopeChanges(values, penaltyFactor: penalty ?? 3,
                                                                   minimumSegment: minimumSegment ?? 3)
                }
            }
            results.append(SeriesChanges(series: key.description, values: values, segmentation: segmentation))
        }
        let report = ChangePointReport(kind: kind, grid: read.grid, series: results)
        switch format {
        case .table: print(report.table)
        case .json: print(report.json)
        case .csv: print(report.csv)
        }
    }
}

/// One series' segmentation and the values it was found in.
struct SeriesChanges {
    let series: String
    let values: [Double]
    let segmentation: Result<ChangePointDetection.Segmentation, TrendError>

    /// The segment boundaries `[0, c₁, …, n]` in grid positions.
    var boundaries: [Int] {
        [0] + ((try? segmentation.get().changePoints.map(\.index)) ?? []) + [values.count]
    }
}

/// `insights changepoints` output.
struct ChangePointReport {
    let kind: ChangePointsCommand.Kind
    let grid: RegularGrid
    let series: [SeriesChanges]

    /// Per change: time, segment summary before and after (mean, or slope per hour).
    private func rows(of changes: SeriesChanges) -> [(time: Timestamp, before: Double, after: Double, point: ChangePoint)] {
        guard let points = try? changes.segmentation.get().changePoints else { return [] }
        let bounds = changes.boundaries
        return points.enumerated().map { offset, point in
            let before = summary(changes.values, bounds[offset]..<bounds[offset + 1])
            let after = summary(changes.values, bounds[offset + 1]..<bounds[offset + 2])
            return (grid.timestamp(at: point.index), before, after, point)
        }
    }

    /// The segment's mean, or its least-squares slope per hour (NaN values skipped).
    private func summary(_ values: [Double], _ range: Range<Int>) -> Double {
        let observed = range.filter { !values[$0].isNaN }
        let y = observed.map { values[$0] }
        switch kind {
        case .mean: return Statistics.mean(y)
        case .slope:
            let t = observed.map(Double.init)
            let (tBar, yBar) = (Statistics.mean(t), Statistics.mean(y))
            let sty = zip(t, y).reduce(0) { $0 + ($1.0 - tBar) * ($1.1 - yBar) }
            let stt = t.reduce(0) { $0 + ($1 - tBar) * ($1 - tBar) }
            return sty / stt * perHour
        }
    }

    private var perHour: Double { 3600e9 / Double(grid.step) }

    /// The change in the reported unit: the mean shift, or the slope change per hour.
    private func change(_ point: ChangePoint) -> Double { kind == .mean ? point.size : point.size * perHour }

    private var columns: (before: String, after: String, change: String) {
        kind == .mean ? ("mean before", "mean after", "shift") : ("slope/h before", "slope/h after", "slope/h change")
    }

    private func g(_ value: Double, digits: Int = 4) -> String { RegressionReport.general(value, digits: digits) }

    var table: String {
        var table = [["series", "time", columns.before, columns.after, columns.change, "z", "p"]]
        var notes: [String] = []
        for changes in series {
            switch changes.segmentation {
            case .failure(let error): notes.append("\(changes.series): \(error.message)")
            case .success(let segmentation) where segmentation.changePoints.isEmpty:
                table.append([changes.series, "none", "-", "-", "-", "-", "-"])
            case .success:
                let unit = MetricUnit(series: changes.series)
                for row in rows(of: changes) {
                    let shift = change(row.point)
                    table.append([changes.series, TimestampFormat.iso8601(row.time),
                                  unit.format(row.before) ?? g(row.before), unit.format(row.after) ?? g(row.after),
                                  unit.format(shift, signed: true) ?? (shift >= 0 ? "+" : "") + g(shift),
                                  g(row.point.statistic, digits: 3), g(row.point.pValue, digits: 2)])
                }
            }
        }
        var text = TextTable.render(table)
        text += "\n\(kind == .mean ? "changes in mean" : "changes in slope") by PELT, step \(DurationText.format(grid.step)); "
        text += "p-values nominal (location taken as known)"
        for note in notes { text += "\n\(note)" }
        return text
    }

    var json: String {
        let items: [JSONWriter.Value] = series.map { changes in
            var members: [(String, JSONWriter.Value)] = [("series", .string(changes.series))]
            switch changes.segmentation {
            case .failure(let error): members.append(("error", .string(error.message)))
            case .success(let segmentation):
                members += [("noise_scale", .number(segmentation.noiseScale)), ("penalty", .number(segmentation.penalty))]
                members.append(("change_points", .array(rows(of: changes).map { row in
                    .object([("time", .string(TimestampFormat.iso8601(row.time))), ("index", .integer(row.point.index)),
                             ("before", .number(row.before)), ("after", .number(row.after)),
                             ("change", .number(change(row.point))), ("z", .number(row.point.statistic)),
                             ("p_value", .number(row.point.pValue))])
                })))
            }
            return .object(members)
        }
        return JSONWriter.render(.object([
            ("kind", .string(kind.rawValue)), ("step", .string(DurationText.format(grid.step))),
            ("start", .string(TimestampFormat.iso8601(grid.start))), ("series", .array(items)),
        ]))
    }

    var csv: String {
        var lines = ["series,time,index,before,after,change,z,p_value"]
        for changes in series {
            for row in rows(of: changes) {
                lines.append([Export.csvField(changes.series), TimestampFormat.iso8601(row.time), String(row.point.index),
                              JSONText.number(row.before), JSONText.number(row.after), JSONText.number(change(row.point)),
                              JSONText.number(row.point.statistic), JSONText.number(row.point.pValue)].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n")
    }
}
