import ArgumentParser
import InsightsAnalysis
import InsightsStorage

/// `insights eval incidents`: detectors against a generated dataset with known incidents.
struct EvalIncidents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "Score the anomaly detectors on generated data with injected incidents.",
        discussion: """
            Generates the demo dataset for each seed (seed, seed+1, ... for --datasets), runs the \
            default anomaly scan on every metric series and reports precision, recall and median \
            detection delay (samples) per incident shape, and the calibration of the anomaly \
            probabilities (reliability table and expected calibration error).
            """)

    @Option(help: "Seed of the first generated dataset.") var seed: UInt64 = 1
    @Option(help: "How many datasets (consecutive seeds).") var datasets: Int = 1
    @Option(help: "Days per dataset.") var days: Int = 14
    @Option(help: "Services per dataset.") var services: Int = 4
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table
    @Option(help: "Flag points whose calibrated probability reaches this (without --fdr).")
    var minProbability: Double = 0.6
    @Option(help: "Flag points by Benjamini–Hochberg at this false discovery rate instead.")
    var fdr: Double?
    @Flag(help: "Fit the probability calibration on these datasets and print the coefficients instead.")
    var fitCalibration = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func validate() throws {
        guard datasets >= 1 else { throw ValidationError("--datasets must be at least 1") }
        guard days >= 3 else { throw ValidationError("--days must be at least 3") }
    }

    func run() throws {
        var labeled: [LabeledSeries] = []
        for offset in 0..<datasets {
            let generator = DatasetGenerator(options: .init(seed: seed &+ UInt64(offset), days: days, services: services,
                                                            users: 10))
            labeled += try Self.labeledSeries(generator)
        }
        if fitCalibration {
            var rows: [[Double]] = [], labels: [Bool] = []
            for series in labeled {
                let scores = AnomalyScan.defaultDetectors.map { $0.score(series.values, period: series.period).score }
                for t in series.values.indices where series.values[t].isFinite {
                    rows.append(scores.map { $0[t] })
                    labels.append(series.windows.contains { t >= $0.range.lowerBound && t < $0.range.lowerBound + $0.labelLength })
                }
            }
            let coefficients = try LogisticCalibration.fit(scores: rows, labels: labels)
            print("coefficients (intercept, " + AnomalyScan.defaultDetectors.map(\.name).joined(separator: ", ") + "): "
                  + coefficients.map { String(format: "%.4f", $0) }.joined(separator: ", "))
            return
        }
        let evaluation = IncidentEvaluation(series: labeled, scan: AnomalyScan(fdr: fdr, minimumProbability: minProbability))
        print(format == .json ? Self.json(evaluation) : Self.table(evaluation))
    }

    /// Every metric series of the generated dataset with the incident windows injected into
    /// it, and its seasonal period detected as `insights anomalies` detects it.
    static func labeledSeries(_ generator: DatasetGenerator) throws -> [LabeledSeries] {
        let day = Int(86_400_000_000_000 / generator.options.step)
        var sink = CollectingSink()
        try generator.generate(into: &sink)
        let step = generator.options.step, start = generator.options.start
        var values: [SeriesKey: [Double]] = [:]
        for sample in sink.metrics {
            let index = Int((sample.timestamp - start) / step)
            values[sample.series, default: [Double](repeating: .nan, count: generator.pointsPerSeries)][index] = sample.value
        }
        let incidents = generator.truths.filter { $0.annotationKind == "incident" }
        return generator.seriesKeys.compactMap { key in
            guard let series = values[key] else { return nil }
            let windows = incidents.filter { $0.series.contains(key) }.map { truth in
                let first = Int((truth.start - start) / step), last = Int((truth.end - start) / step)
                // A level shift lasts to the end of the data; only its first quarter day is
                // "abnormal" (after that the new level is the normal one). Every other shape
                // is abnormal for its whole window.
                let length = truth.kind == .levelShift ? min(last - first + 1, day / 4) : last - first + 1
                return LabeledSeries.Window(range: first...last, shape: truth.kind.rawValue, labelLength: length)
            }
            return LabeledSeries(values: series, windows: windows, period: Anomalies.period(of: series, step: step))
        }
    }

    static func table(_ evaluation: IncidentEvaluation) -> String {
        var rows = [["shape", "incidents", "detected", "recall", "median delay (samples)"]]
        for shape in evaluation.shapes {
            rows.append([shape.shape, String(shape.incidents), String(shape.detected),
                         format(Double(shape.detected) / Double(max(1, shape.incidents))),
                         shape.medianDelay.map { format($0, digits: 1) } ?? "-"])
        }
        var text = TextTable.render(rows)
        text += "\n\nprecision \(format(evaluation.precision)) (\(evaluation.truePositiveAnomalies) of \(evaluation.anomalies) anomalies on an incident), recall \(format(evaluation.recall))\n\n"
        var bins = [["probability", "points", "mean predicted", "observed rate"]]
        for bin in evaluation.reliability where bin.count > 0 {
            bins.append(["\(format(bin.lower, digits: 1))–\(format(bin.upper, digits: 1))", String(bin.count),
                         format(bin.meanProbability, digits: 4), format(bin.observedRate, digits: 4)])
        }
        text += TextTable.render(bins)
        text += "\n\nexpected calibration error \(format(evaluation.expectedCalibrationError, digits: 4))"
        return text
    }

    static func json(_ evaluation: IncidentEvaluation) -> String {
        let shapes: [JSONWriter.Value] = evaluation.shapes.map { shape in
            .object([("shape", .string(shape.shape)), ("incidents", .number(Double(shape.incidents))),
                     ("detected", .number(Double(shape.detected))),
                     ("median_delay", shape.medianDelay.map { .number($0) } ?? .null)])
        }
        let bins: [JSONWriter.Value] = evaluation.reliability.map { bin in
            .object([("lower", .number(bin.lower)), ("upper", .number(bin.upper)), ("count", .number(Double(bin.count))),
                     ("mean_probability", .number(bin.meanProbability)), ("observed_rate", .number(bin.observedRate))])
        }
        return JSONWriter.render(.object([
            ("precision", .number(evaluation.precision)), ("recall", .number(evaluation.recall)),
            ("anomalies", .number(Double(evaluation.anomalies))), ("shapes", .array(shapes)),
            ("reliability", .array(bins)), ("expected_calibration_error", .number(evaluation.expectedCalibrationError)),
        ]))
    }

    static func format(_ value: Double, digits: Int = 3) -> String {
        value.isNaN ? "-" : String(format: "%.\(digits)f", value)
    }
}
