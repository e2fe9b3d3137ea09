import ArgumentParser
import Foundation
import InsightsAnalysis

/// `insights backtest`: how the forecasts `insights forecast` would have made did, on the
/// series' own past.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Rolling-origin backtest of a forecasting model on the selected series or a long CSV.",
        discussion: """
            Takes the forecast command's inputs and options. At --origins origins, --every steps \
            apart and ending a horizon before the last value, it forecasts --horizon steps from \
            the history before the origin exactly as `insights forecast` would (the same model, \
            wrapped in the same conformal calibration) and scores the forecasts against what \
            followed: MAE, RMSE, sMAPE, MASE (seasonal-naive scale), the coverage and interval \
            score of every band, and MSIS. The table gives the mean over origins per series; JSON \
            adds every horizon step.
            """)

    @OptionGroup var forecast: ForecastCommand

    @Option(help: ArgumentHelp("How many forecast origins.", valueName: "n"))
    var origins: Int = 5

    @Option(help: ArgumentHelp("Steps between origins (default: the horizon, so windows do not overlap).", valueName: "steps"))
    var every: Int?

    func validate() throws {
        if forecast.threshold != nil { throw ValidationError("--threshold belongs to insights forecast, not backtest") }
        guard origins >= 1 else { throw ValidationError("--origins must be at least 1, got \(origins)") }
        if let every, every < 1 { throw ValidationError("--every must be at least 1, got \(every)") }
    }

    func run() throws {
        let levels = try forecast.levels()
        let inputs = try forecast.csv.map(forecast.readCSV) ?? forecast.readDatabase()
        var rows = [(id: String, model: String, result: Backtest.Result)?](repeating: nil, count: inputs.count)
        for group in try forecast.batches(inputs) {
            let chosen = ForecastCommand.model(forecast.model, periods: group.periods, logTransform: forecast.transform == .log,
                                               historyLimit: try forecast.historyLimit(step: inputs[group.members[0]].step))
            let options = Backtest.Options(windows: origins, step: every ?? group.steps, horizon: group.steps, levels: levels,
                                           seasonalPeriod: group.periods.min() ?? 1)
            let windows = forecast.windows ?? ForecastBatch.defaultWindows(for: chosen)
            let results = Backtest.run(batch: group.members.map { inputs[$0].values }, name: chosen.name, options: options) {
                ForecastBatch.calibrate($0, model: chosen, horizon: group.steps, levels: levels, windows: windows,
                                        spacing: forecast.spacing, workers: ProcessInfo.processInfo.activeProcessorCount)
                    .map { $0.map(\.forecast) }
            }
            for (i, result) in zip(group.members, results) {
                switch result {
                case .success(let value): rows[i] = (inputs[i].id, chosen.name, value)
                case .failure(let error): throw CommandFailure.data("series '\(inputs[i].id)': \(error.message)")
                }
            }
        }
        switch forecast.format {
        case .json: print(json(rows.map { $0! }))
        case .table, .csv: print(table(rows.map { $0! }, levels: levels, csv: forecast.format == .csv))
        }
    }

    private func number(_ value: Double?) -> String {
        value.map { $0.isNaN ? "-" : String(format: "%.4g", $0) } ?? "-"
    }

    private func table(_ rows: [(id: String, model: String, result: Backtest.Result)], levels: [Double], csv: Bool) -> String {
        let bandHeaders = levels.map { "coverage \(Int(($0 * 100).rounded()))" }
        var lines = [["series", "model", "origins", "mae", "rmse", "smape", "mase"] + bandHeaders + ["msis"]]
        for row in rows {
            let overall = row.result.overall
            let coverages = levels.map { level in
                number(overall.bands.first { abs($0.level - level) < 1e-9 }?.coverage)
            }
            lines.append([row.id, row.model, String(row.result.windows.count), number(overall.mae), number(overall.rmse),
                          number(overall.smape), number(overall.mase)] + coverages + [number(overall.msis)])
        }
        if csv { return lines.map { $0.map(Export.csvField).joined(separator: ",") }.joined(separator: "\n") }
        return TextTable.render(lines)
    }

    private func json(_ rows: [(id: String, model: String, result: Backtest.Result)]) -> String {
        func accuracy(_ a: ForecastAccuracy) -> [(String, JSONWriter.Value)] {
            [("mae", .number(a.mae)), ("rmse", .number(a.rmse)), ("smape", .number(a.smape)), ("mase", .number(a.mase)),
             ("bands", .array(a.bands.map { .object([("level", .number($0.level * 100)), ("coverage", .number($0.coverage)),
                                                     ("interval_score", .number($0.intervalScore))]) })),
             ("msis", a.msis.map { .number($0) } ?? .null)]
        }
        return JSONWriter.render(.array(rows.map { row in
            .object([("series", .string(row.id)), ("model", .string(row.model)),
                     ("origins", .number(Double(row.result.windows.count)))] + accuracy(row.result.overall)
                    + [("per_step", .array(row.result.perStep.map { step in
                        .object([("step", .number(Double(step.step))), ("mae", .number(step.mae)), ("rmse", .number(step.rmse)),
                                 ("smape", .number(step.smape)), ("mase", .number(step.mase)),
                                 ("bands", .array(step.bands.map { .object([("level", .number($0.level * 100)),
                                                                            ("coverage", .number($0.coverage))]) }))])
                    }))])
        }))
    }
}
