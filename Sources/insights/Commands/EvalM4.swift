import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsNumerics

/// `insights eval m4`: a forecasting model scored on M4-format data by the M4 competition's rules.
struct EvalM4: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "m4",
        abstract: "Score a forecasting model on M4-format data with M4's metrics.",
        discussion: """
            Forecasts --horizon steps after every series of --train with --model and scores them \
            against the same series in --test: sMAPE and MASE (scale: in-sample seasonal naive \
            MAE at lag --season) as means over series, OWA relative to M4's Naive2 computed in \
            the same run, coverage of the 80 % and 95 % intervals, and MSIS (alpha 0.05). Series \
            are forecast in parallel. Files use M4's wide layout: a header row, then "id", \
            values…, padded with empty fields. Models: \(ForecastModelRegistry.names.joined(separator: ", ")). \
            Definitions: docs/STATISTICS.md.

            Exit codes: 0 success, 64 usage error (including an unreadable file), 65 data the \
            evaluation cannot use (a malformed row, unmatched series, a series a model cannot fit).
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(name: .long, help: ArgumentHelp("Training part, M4 wide CSV.", valueName: "file"))
    var train: String

    @Option(name: .long, help: ArgumentHelp("Test part (the values after each training part), M4 wide CSV.",
                                            valueName: "file"))
    var test: String

    @Option(name: .long, help: "Steps to forecast and score (M4 Hourly: 48).")
    var horizon: Int = 48

    @Option(name: .long, help: "Seasonal period for the models and the MASE scale (M4 Hourly: 24).")
    var season: Int = 24

    @Option(name: .long, help: ArgumentHelp("Forecasting model: \(ForecastModelRegistry.names.joined(separator: ", ")).",
                                            valueName: "name"))
    var model: String = "auto"

    @Option(name: .long, help: ArgumentHelp("Interval levels in percent shown in the table, comma-separated.",
                                            valueName: "list"))
    var level: String = "80,95"

    @Option(name: .long, help: ArgumentHelp("Backtest windows for the conformal bands of pooled models (auto, pooled; default 40).",
                                            valueName: "n"))
    var windows: Int?

    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table

    /// The levels the table shows, as fractions.
    func tableLevels() throws -> [Double] {
        try level.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let text = item.trimmingCharacters(in: .whitespaces)
            guard let percent = Double(text), percent > 0, percent < 100 else {
                throw ValidationError("--level '\(text)' is not a percentage strictly between 0 and 100")
            }
            return percent / 100
        }
    }

    func validate() throws {
        guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1") }
        guard season >= 1 else { throw ValidationError("--season must be at least 1") }
        if let windows, windows < 1 { throw ValidationError("--windows must be at least 1, got \(windows)") }
        guard ForecastModelRegistry.entry(named: model) != nil else {
            let names = ForecastModelRegistry.names
            let hint = nearestName(to: model, among: names).map { "; did you mean '\($0)'?" } ?? ""
            throw ValidationError("unknown model '\(model)'\(hint) (models: \(names.joined(separator: ", ")))")
        }
        _ = try tableLevels()
    }

    func run() throws {
        let started = ContinuousClock.now
        let levels = try tableLevels()
        let pairs = try M4Evaluation.pairs(train: read(train), test: read(test), horizon: horizon)
        let entry = ForecastModelRegistry.entry(named: model)!
        let scoredLevels = [0.8, 0.95] + levels.filter { l in ![0.8, 0.95].contains { abs($0 - l) < 1e-9 } }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let outcome = Result { () throws(ForecastError) in
            let chosen = entry.make(season)
            return try ForecastEvaluation.run(pairs, model: chosen, benchmark: Naive2(period: season), season: season,
                                              levels: scoredLevels, windows: windows ?? ForecastBatch.defaultWindows(for: chosen),
                                              workers: workers)
        }
        let result: ForecastEvaluation.Summary
        switch outcome {
        case .success(let summary): result = summary
        case .failure(let error): throw CommandFailure.data(error.message)
        }
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        switch format {
        case .json:
            func optional(_ value: Double?) -> JSONWriter.Value { value.map { .number($0) } ?? .null }
            print(JSONWriter.render(.object([
                ("smape", .number(result.accuracy.smape)), ("mase", .number(result.accuracy.mase)),
                ("owa", .number(result.owa)),
                ("coverage_80", optional(result.accuracy.band(0.8)?.coverage)),
                ("coverage_95", optional(result.accuracy.band(0.95)?.coverage)),
                ("msis", optional(result.accuracy.msis)),
                ("seconds", .number(seconds)), ("series", .integer(pairs.count)),
            ])))
        case .table:
            var rows = [["metric", "value"],
                        ["sMAPE", String(format: "%.3f", result.accuracy.smape)],
                        ["MASE", String(format: "%.3f", result.accuracy.mase)],
                        ["OWA", String(format: "%.3f", result.owa)]]
            for level in levels {
                let coverage = result.accuracy.band(level).map { String(format: "%.3f", $0.coverage) } ?? "n/a"
                rows.append(["coverage \(String(format: "%g", level * 100))", coverage])
            }
            rows.append(["MSIS", result.accuracy.msis.map { String(format: "%.3f", $0) } ?? "n/a"])
            print("""
                M4 evaluation: \(pairs.count) series, model \(model), horizon \(horizon), season \(season), \
                \(String(format: "%.2f", seconds)) s
                \(TextTable.render(rows))
                """)
        }
    }

    private func read(_ path: String) throws -> M4File {
        let result = Result { () throws(InputError) in try M4File(contentsOf: path) }
        switch result {
        case .success(let file): return file
        case .failure(let error): throw error.isUnreadable ? CommandFailure.usage(error.description)
                                                            : CommandFailure.data(error.description)
        }
    }

}
