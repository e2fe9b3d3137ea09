import ArgumentParser
import Foundation
import InsightsQuery
import InsightsAnalysis
import InsightsNumerics
import InsightsStorage

/// `insights anomalies SELECTOR`: anomalies in the selected series over a window.
struct Anomalies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find anomalies in the series a selector picks.",
        discussion: """
            Reads the series onto one grid (the data's step unless --step), scores every point with \
            the chosen detectors and reports each anomaly: series, start, end, peak, direction, the \
            observed value against the expected range, the calibrated probability and the detectors \
            that flagged it. By default a point is flagged when its calibrated probability reaches \
            --min-probability; with --fdr Q, when its p-value passes Benjamini-Hochberg at Q over \
            every point of every series. --method pca scores the series together and names the ones \
            that broke their usual correlation.
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable { case auto, residual, levelShift = "level_shift", esd, pca }
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var store: StoreOptions
    @OptionGroup var grid: GridOptions

    @Option(help: "Detectors: auto (the evaluated default ensemble), residual, level_shift, esd, pca.")
    var method: Method = .auto
    @Option(help: ArgumentHelp("Flag by Benjamini-Hochberg at this false discovery rate.", valueName: "q"))
    var fdr: Double?
    @Option(help: "Flag points whose calibrated probability reaches this (without --fdr).")
    var minProbability: Double = 0.6
    @Option(help: "Output format: table, json or csv.") var format: Format = .table

    func validate() throws {
        if let fdr, !(fdr > 0 && fdr < 1) { throw ValidationError("--fdr must be between 0 and 1, e.g. 0.05") }
        guard minProbability > 0 && minProbability <= 1 else { throw ValidationError("--min-probability must be in (0, 1]") }
    }

    func run() throws {
        let (regular, keys, matrix) = try grid.read(from: store)
        let columns = (0..<matrix.columns).map { matrix.column($0) }
        let periods = columns.map { Self.period(of: $0, step: regular.step) }
        if method == .pca {
            try reportPCA(regular: regular, keys: keys, columns: columns)
            return
        }
        let detectors: [any AnomalyDetector] = switch method {
        case .auto, .pca: AnomalyScan.defaultDetectors
        case .residual: [ResidualDetector()]
        case .levelShift: [LevelShiftDetector()]
        case .esd: [GeneralizedESDDetector()]
        }
        if method != .auto && fdr == nil {
            throw CommandFailure.usage("--method \(method.rawValue) has no calibrated probability; give --fdr Q to flag by false discovery rate")
        }
        // Under `.chart on` the shell runs this twice (table, then JSON): the second takes the first's scan.
        let anomalies = ReportMemo.report {
            AnomalyScan(detectors: detectors, fdr: fdr, minimumProbability: minProbability).run(columns, periods: periods)
        }
        print(render(anomalies, keys: keys, grid: regular))
    }

    /// The seasonal period for the anomaly baseline (`AnomalyScan.baselinePeriod`, shared with
    /// the recommendation rules).
    static func period(of values: [Double], step: Int64) -> Int? {
        AnomalyScan.baselinePeriod(of: values, step: step)
    }

    private func render(_ anomalies: [Anomaly], keys: [SeriesKey], grid: RegularGrid) -> String {
        func time(_ index: Int) -> String { TimestampFormat.iso8601(grid.timestamp(at: index)) }
        func number(_ value: Double) -> String { String(format: "%.6g", value) }
        switch format {
        case .table:
            guard !anomalies.isEmpty else { return "no anomalies" }
            var rows = [["series", "start", "end", "peak", "dir", "observed", "expected range", "probability", "detectors"]]
            for a in anomalies {
                let unit = MetricUnit(series: keys[a.series].metric)
                func measure(_ value: Double) -> String { unit.format(value) ?? number(value) }
                rows.append([keys[a.series].description, time(a.start), time(a.end), time(a.peak), a.direction.rawValue,
                             measure(a.observed), "\(measure(a.lower)) .. \(measure(a.upper))",
                             String(format: "%.3f", a.probability), a.detectors.joined(separator: ",")])
            }
            return TextTable.render(rows)
        case .csv:
            var lines = ["series,start,end,peak,direction,observed,expected,lower,upper,p_value,probability,detectors"]
            for a in anomalies {
                lines.append([Export.csvField(keys[a.series].description), time(a.start), time(a.end), time(a.peak),
                              a.direction.rawValue, number(a.observed), number(a.expected), number(a.lower), number(a.upper),
                              number(a.pValue), String(format: "%.4f", a.probability),
                              Export.csvField(a.detectors.joined(separator: ","))].joined(separator: ","))
            }
            return lines.joined(separator: "\n")
        case .json:
            return JSONWriter.render(.array(anomalies.map { a in
                .object([("series", .string(keys[a.series].description)), ("start", .string(time(a.start))),
                         ("end", .string(time(a.end))), ("peak", .string(time(a.peak))),
                         ("direction", .string(a.direction.rawValue)), ("observed", .number(a.observed)),
                         ("expected", .number(a.expected)), ("lower", .number(a.lower)), ("upper", .number(a.upper)),
                         ("p_value", .number(a.pValue)), ("probability", .number(a.probability)),
                         ("detectors", .array(a.detectors.map { .string($0) }))])
            }))
        }
    }

    /// PCA across the selected series: times whose SPE passes the flagging rule, with the
    /// series that drove each.
    private func reportPCA(regular: RegularGrid, keys: [SeriesKey], columns: [[Double]]) throws {
        guard columns.count >= 2 else { throw CommandFailure.usage("--method pca needs at least two series") }
        let filled = columns.map(MissingValues.interpolated)
        guard filled.allSatisfy({ !$0.contains { $0.isNaN } }) else { throw CommandFailure.data("a selected series has no values in the window") }
        let result = try PCAResidualDetector().score(Matrix(columns: filled))
        // p-values: SPE / median SPE against a scaled chi-square with the residual dimension
        // as degrees of freedom (Box 1954's approximation), then BH at --fdr (default 0.01).
        let freedom = Double(max(1, columns.count - result.components))
        let chi = ChiSquared(degreesOfFreedom: freedom)
        let medianChi = chi.quantile(0.5)
        let pValues = result.score.map { chi.survival($0 * medianChi) }
        let flagged = FalseDiscoveryRate.discoveries(pValues, q: fdr ?? 0.01)
        var rows = [["time", "score", "p-value", "driven by"]]
        for t in flagged.indices where flagged[t] {
            let shares = (0..<columns.count).map { result.contributions[t, $0] }
            let order = shares.indices.sorted { shares[$0] > shares[$1] }.prefix(3)
            rows.append([TimestampFormat.iso8601(regular.timestamp(at: t)), String(format: "%.2f", result.score[t]),
                         String(format: "%.2g", pValues[t]),
                         order.map { "\(keys[$0].description) (\(Int((shares[$0] * 100).rounded()))%)" }.joined(separator: ", ")])
        }
        print(rows.count == 1 ? "no anomalies" : TextTable.render(rows))
    }
}
