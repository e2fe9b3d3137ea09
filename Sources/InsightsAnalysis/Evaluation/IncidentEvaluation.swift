/// A series with its known incident windows, for scoring detectors.
public struct LabeledSeries: Sendable {
    public struct Window: Sendable, Equatable {
        /// Grid indexes of the first and last affected point.
        public let range: ClosedRange<Int>
        /// The incident's shape (spike, level_shift, ...).
        public let shape: String
        /// How many points from the start count as abnormal for calibration: all of a
        /// short incident, the first `labelLength` of one that lasts (after a level shift
        /// the new level is the new normal).
        public let labelLength: Int

        public init(range: ClosedRange<Int>, shape: String, labelLength: Int) {
            self.range = range
            self.shape = shape
            self.labelLength = labelLength
        }
    }

    public let values: [Double]
    public let windows: [Window]
    /// The seasonal period the detectors use (nil: none).
    public let period: Int?

    public init(values: [Double], windows: [Window], period: Int?) {
        self.values = values
        self.windows = windows
        self.period = period
    }
}

/// Precision, recall and detection delay per incident shape, and the calibration of the
/// anomaly probabilities, for one scan over labelled series.
///
/// - An incident is detected when an anomaly starts inside its window; its delay is the
///   distance in samples from the window start to the first such anomaly's start.
/// - Precision counts anomalies: those overlapping an incident window of their series over all.
/// - Calibration uses every point: label 1 inside the first `labelLength` points of a
///   window, else 0; probabilities binned in tenths; expected calibration error
///   ECE = Σ_b (n_b / N)·|mean probability_b − observed rate_b|.
public struct IncidentEvaluation: Sendable {
    public struct Shape: Sendable, Equatable {
        public let shape: String
        public let incidents: Int
        public let detected: Int
        /// Median delay in samples over detected incidents (nil when none).
        public let medianDelay: Double?
    }

    public struct Bin: Sendable, Equatable {
        public let lower: Double
        public let upper: Double
        public let count: Int
        public let meanProbability: Double
        public let observedRate: Double
    }

    public let shapes: [Shape]
    public let anomalies: Int
    public let truePositiveAnomalies: Int
    public let reliability: [Bin]
    public let expectedCalibrationError: Double

    public var precision: Double { anomalies == 0 ? .nan : Double(truePositiveAnomalies) / Double(anomalies) }
    public var recall: Double {
        let total = shapes.reduce(0) { $0 + $1.incidents }
        return total == 0 ? .nan : Double(shapes.reduce(0) { $0 + $1.detected }) / Double(total)
    }

    public init(series: [LabeledSeries], scan: AnomalyScan) {
        var byShape: [String: (incidents: Int, delays: [Int])] = [:]
        var anomalyCount = 0, truePositives = 0
        var bins = [(count: Int, probability: Double, positives: Int)](repeating: (0, 0, 0), count: 10)
        for labeled in series {
            let found = scan.run([labeled.values], period: labeled.period)
            anomalyCount += found.count
            truePositives += found.filter { anomaly in
                labeled.windows.contains { $0.range.overlaps(anomaly.start...anomaly.end) }
            }.count
            for window in labeled.windows {
                let first = found.filter { window.range.contains($0.start) }.map(\.start).min()
                byShape[window.shape, default: (0, [])].incidents += 1
                if let first { byShape[window.shape]!.delays.append(first - window.range.lowerBound) }
            }
            let names = scan.detectors.map(\.name)
            let scores = scan.detectors.map { $0.score(labeled.values, period: labeled.period).score }
            for t in labeled.values.indices where labeled.values[t].isFinite {
                let probability = AnomalyProbability.probability(scores: scores.map { $0[t] }, detectors: names)
                let label = labeled.windows.contains {
                    t >= $0.range.lowerBound && t < $0.range.lowerBound + $0.labelLength
                }
                let bin = min(9, Int(probability * 10))
                bins[bin].count += 1
                bins[bin].probability += probability
                bins[bin].positives += label ? 1 : 0
            }
        }
        shapes = byShape.keys.sorted().map { shape in
            let entry = byShape[shape]!
            let delays = entry.delays.sorted()
            let median: Double? = delays.isEmpty ? nil
                : delays.count % 2 == 1 ? Double(delays[delays.count / 2])
                : Double(delays[delays.count / 2 - 1] + delays[delays.count / 2]) / 2
            return Shape(shape: shape, incidents: entry.incidents, detected: entry.delays.count, medianDelay: median)
        }
        anomalies = anomalyCount
        truePositiveAnomalies = truePositives
        let total = Double(bins.reduce(0) { $0 + $1.count })
        reliability = bins.enumerated().map { index, bin in
            Bin(lower: Double(index) / 10, upper: Double(index + 1) / 10, count: bin.count,
                meanProbability: bin.count == 0 ? .nan : bin.probability / Double(bin.count),
                observedRate: bin.count == 0 ? .nan : Double(bin.positives) / Double(bin.count))
        }
        expectedCalibrationError = total == 0 ? .nan : reliability.filter { $0.count > 0 }.reduce(0) {
            $0 + Double($1.count) / total * abs($1.meanProbability - $1.observedRate)
        }
    }
}
