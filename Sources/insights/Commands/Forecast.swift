import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsStorage

/// `insights forecast SELECTOR --horizon 48h` or `insights forecast --csv FILE --horizon 48`:
/// point forecasts with conformal intervals and the coverage they achieved in backtests.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast each selected series with intervals calibrated on backtests.",
        discussion: """
            Reads the selected series onto one grid (as trend and anomalies do; gaps \
            interpolated), or, with --csv, a long CSV unique_id,ds,y (ds timestamps or \
            integer step numbers). Seasonal periods come from --season, else from \
            Seasonality.detect on the calendar periods of the step, else the shortest \
            calendar period the data covers twice; a CSV with step numbers and no --season is \
            forecast without seasonality. Series with the same periods and horizon are \
            forecast as one batch. Models: pooled (one autoregression on standardised windows \
            of all series of the batch, 2, 3 and 4 longest seasons of lags, averaged), theta \
            (standard Theta on the M4-adjusted series), otm (optimised Theta), mstl (MSTL, \
            last cycle per season, Theta on the rest), dhr (trend plus Fourier terms per \
            period, harmonics by AICc, AR(1) errors), ensemble (median of the three best of \
            theta, otm, mstl and snaive by validation MAE), ets (AutoETS), naive, snaive, \
            naive2, drift; auto is pooled when the batch gives it 20 windows per coefficient, \
            else the ensemble per series (docs/STATISTICS.md). Every interval is \
            split-conformal: the model is refitted at --windows origins --spacing steps apart \
            at the end of the history, and the band at level L for step h is the point \
            forecast ± the ⌈(N+1)L⌉-th smallest absolute backtest error at step h. The output \
            states each level and the coverage the bands achieved in those backtests (each \
            window judged by the bands the older windows gave). Methods: docs/STATISTICS.md.

            Exit codes: 0 success, 64 usage error, 65 unknown metric, no data or a series too \
            short to forecast.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum Model: String, ExpressibleByArgument, CaseIterable { case auto, ets, theta, otm, mstl, dhr, ensemble, pooled, naive, snaive, naive2, drift }
    enum Transform: String, ExpressibleByArgument, CaseIterable { case log, none }

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp(#"A PromQL series selector, e.g. 'cpu{service="checkout"}' (not with --csv)."#,
                                 valueName: "selector"))
    var selector: String?

    @Option(help: ArgumentHelp("Read series from a long CSV unique_id,ds,y instead of the database.", valueName: "file"))
    var csv: String?

    @Option(help: ArgumentHelp("How far ahead: a duration (48h, 7d) or a number of steps (48).", valueName: "horizon"))
    var horizon: String

    @Option(help: ArgumentHelp("Interval levels in percent, comma separated.", valueName: "percents"))
    var level: String = "80,95"

    @Option(help: "Model: auto, ets, theta, otm, mstl, dhr, ensemble, pooled, naive, snaive, naive2, drift.")
    var model: Model = .auto

    @Option(help: ArgumentHelp("Seasonal periods, comma separated: steps (24,168) or durations (1d,7d).", valueName: "periods"))
    var season: String?

    @Option(help: "MSTL and DHR on positive series in logarithms (log, the default) or as they are (none).")
    var transform: Transform = .log

    @Option(help: ArgumentHelp("Backtest windows for the intervals (default: 40 for auto and pooled, 20 for the rest).",
                               valueName: "n"))
    var windows: Int?

    @Option(help: ArgumentHelp("Steps between backtest origins (default: a quarter of the horizon).", valueName: "steps"))
    var spacing: Int?

    @Option(help: ArgumentHelp("""
        Most recent history each ensemble member fits (auto's per-series fallback, --model ensemble): \
        steps, a duration (7d) or all (default: 4 longest periods, at least 4032 steps).
        """, valueName: "span"))
    var history: String?

    @Option(help: ArgumentHelp("Grid step, e.g. 5m, 1h (default: the data's sampling step).", valueName: "duration"))
    var step: String?

    @Option(help: "Aggregation into grid buckets: avg, sum, min, max, last, first, count.")
    var aggregation: String = "avg"

    @OptionGroup var window: TimeWindowOptions

    @Option(help: ArgumentHelp("Capacity: the probability of reaching this value within the horizon and when it is first reached.",
                               valueName: "value"))
    var threshold: Double?

    @Flag(help: "With --threshold: crossing means falling to the value or below (default: rising to it or above).")
    var below = false

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    func validate() throws {
        if (selector == nil) == (csv == nil) { throw ValidationError("give a selector or --csv FILE, not both or neither") }
        if Int(horizon) == nil && (DurationText.nanoseconds(horizon) ?? 0) <= 0 {
            throw ValidationError("--horizon '\(horizon)' is neither a number of steps nor a duration (use e.g. 48 or 48h)")
        }
        if let steps = Int(horizon), steps < 1 { throw ValidationError("--horizon must be at least 1 step, got \(steps)") }
        try GridOptions.validate(step: step, aggregation: aggregation)
        _ = try levels()
        if below && threshold == nil { throw ValidationError("--below needs --threshold") }
        if let threshold, !threshold.isFinite { throw ValidationError("--threshold must be a finite number") }
        if let windows, windows < 1 { throw ValidationError("--windows must be at least 1, got \(windows)") }
        if let spacing, spacing < 1 { throw ValidationError("--spacing must be at least 1, got \(spacing)") }
        if let history, history != "all", (Int(history).map { $0 < 1 } ?? ((DurationText.nanoseconds(history) ?? 0) <= 0)) {
            throw ValidationError("--history '\(history)' is neither a number of steps ≥ 1, a duration nor 'all'")
        }
    }

    /// `--history` in steps of the grid: nil for the default, `Int.max` for all.
    func historyLimit(step: Int64?) throws -> Int? {
        guard let history else { return nil }
        if history == "all" { return .max }
        if let steps = Int(history) { return steps }
        guard let step else {
            throw CommandFailure.usage("--history '\(history)' is a duration but the CSV's ds are step numbers; give a number of steps")
        }
        return max(1, Int(DurationText.nanoseconds(history)! / step))
    }

    /// The levels as fractions, in the order given.
    func levels() throws -> [Double] {
        try level.split(separator: ",").map { text in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value > 0, value < 100 else {
                throw ValidationError("--level '\(text)' is not a percentage between 0 and 100")
            }
            return value / 100
        }
    }

    func run() throws {
        // Under `.chart on` the shell runs this twice (table, then JSON): the second takes the first's report.
        let report = try ReportMemo.report(computeReport)
        switch format {
        case .table: print(report.table)
        case .json: print(report.json)
        case .csv: print(report.csv, terminator: "")
        }
    }

    /// Forecasts every selected series (in batches that share periods and horizon) and calibrates their bands.
    private func computeReport() throws -> ForecastReport {
        let levels = try levels()
        let inputs = try csv.map(readCSV) ?? readDatabase()
        var rows = [ForecastReport.Row?](repeating: nil, count: inputs.count)
        for group in try batches(inputs) {
            let chosen = Self.model(model, periods: group.periods, logTransform: transform == .log,
                                    historyLimit: try historyLimit(step: inputs[group.members[0]].step))
            let results = ForecastBatch.calibrate(group.members.map { inputs[$0].values }, model: chosen, horizon: group.steps,
                                                  levels: levels, windows: windows ?? ForecastBatch.defaultWindows(for: chosen),
                                                  spacing: spacing, workers: ProcessInfo.processInfo.activeProcessorCount)
            for (i, result) in zip(group.members, results) {
                let input = inputs[i]
                switch result {
                case .success(let calibrated):
                    rows[i] = ForecastReport.Row(id: input.id, model: chosen.name, periods: group.periods, calibrated: calibrated,
                                                 stamps: input.step.map { step in
                                                     (1...group.steps).map { input.start! + Int64(input.values.count - 1 + $0) * step }
                                                 },
                                                 crossing: threshold.map {
                                                     ThresholdCrossing(calibrated, threshold: $0, direction: below ? .below : .above)
                                                 })
                case .failure(let error): throw CommandFailure.data("series '\(input.id)': \(error.message)")
                }
            }
        }
        return ForecastReport(rows: rows.map { $0! }, levels: levels)
    }

    /// Series that share their seasonal periods and horizon, forecast together (a pooled model
    /// is fitted to each such batch), in order of first appearance.
    struct Batch {
        let periods: [Int]
        let steps: Int
        var members: [Int]
    }

    func batches(_ inputs: [Input]) throws -> [Batch] {
        var batches: [Batch] = []
        for (i, input) in inputs.enumerated() {
            let steps = try horizonSteps(step: input.step)
            let periods = try seasonalPeriods(input)
            if let b = batches.firstIndex(where: { $0.periods == periods && $0.steps == steps }) {
                batches[b].members.append(i)
            } else {
                batches.append(Batch(periods: periods, steps: steps, members: [i]))
            }
        }
        return batches
    }

    /// One series to forecast: its values on an even grid and, when known, the grid's times.
    struct Input {
        let id: String
        let values: [Double]
        let start: Timestamp?
        let step: Int64?
    }

    func readCSV(_ path: String) throws -> [Input] {
        try LongSeriesCSV(path: path).series.map { Input(id: $0.id, values: $0.values, start: $0.start, step: $0.step) }
    }

    func readDatabase() throws -> [Input] {
        let read = try GridOptions.read(selector: selector ?? "", step: step, aggregation: aggregation, window: window,
                                        from: try store.open(readOnly: true))
        return read.series.indices.map { c in
            var values = read.values.column(c)
            // Leading and trailing gaps (a series that starts late) are cut; inner gaps interpolated.
            let first = values.firstIndex { !$0.isNaN } ?? 0
            let last = values.lastIndex { !$0.isNaN } ?? -1
            let start = read.grid.timestamp(at: first)
            values = last >= first ? MissingValues.interpolated(Array(values[first...last])) : []
            return Input(id: read.series[c].description, values: values, start: start, step: read.grid.step)
        }
    }

    /// `--horizon` in steps of the grid.
    func horizonSteps(step: Int64?) throws -> Int {
        if let steps = Int(horizon) { return steps }
        guard let step else {
            throw CommandFailure.usage("--horizon '\(horizon)' is a duration but the CSV's ds are step numbers; give a number of steps")
        }
        let steps = Int(DurationText.nanoseconds(horizon)! / step)
        guard steps >= 1 else { throw CommandFailure.usage("--horizon '\(horizon)' is shorter than one step") }
        return steps
    }

    /// Periods from --season, else detected (calendar candidates of the step), else the shortest
    /// calendar candidate covered twice; none for step-numbered data without --season.
    func seasonalPeriods(_ input: Input) throws -> [Int] {
        try Self.seasonalPeriods(season: season, values: input.values, step: input.step)
    }

    /// `--season` (steps or durations), else the periods `Seasonality.detect` confirms, else the
    /// shortest calendar period `values` covers twice; none without a step or `--season`.
    static func seasonalPeriods(season: String?, values: [Double], step: Int64?) throws -> [Int] {
        if let season {
            return try season.split(separator: ",").map { part in
                let text = part.trimmingCharacters(in: .whitespaces)
                if let steps = Int(text), steps >= 1 { return steps }
                guard let span = DurationText.nanoseconds(text), span > 0 else {
                    throw CommandFailure.usage("--season '\(text)' is neither a number of steps nor a duration")
                }
                guard let step else {
                    throw CommandFailure.usage("--season '\(text)' is a duration but the CSV's ds are step numbers")
                }
                return Int((span + step / 2) / step)
            }.filter { $0 >= 2 }
        }
        guard let step else { return [] }
        if let detected = try? Seasonality.detect(values, step: .nanoseconds(step)), !detected.isEmpty {
            return detected.map(\.period)
        }
        let candidates = Seasonality.candidatePeriods(step: .nanoseconds(step)).filter { $0 >= 2 && values.count >= 2 * $0 }
        return candidates.min().map { [$0] } ?? []
    }

    /// The model for series with these seasonal periods, from the registry `eval m4` uses too.
    static func model(_ choice: Model, periods: [Int], logTransform: Bool = true, historyLimit: Int? = nil) -> any ForecastModel {
        guard let entry = ForecastModelRegistry.entry(named: choice.rawValue) else {
            preconditionFailure("--model \(choice.rawValue) has no registry entry")
        }
        return entry.build(.init(periods: periods, logTransform: logTransform, historyLimit: historyLimit))
    }
}
