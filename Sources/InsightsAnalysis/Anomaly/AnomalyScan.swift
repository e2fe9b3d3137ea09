/// One anomaly: a run of flagged points of one series.
public struct Anomaly: Sendable, Equatable {
    public enum Direction: String, Sendable { case up, down }

    /// Index of the series in the scan's input.
    public let series: Int
    /// First, last and most anomalous point (indexes into the grid).
    public let start: Int
    public let end: Int
    public let peak: Int
    public let direction: Direction
    /// The value at the peak and the expected range there (expected ± z·spread, z the
    /// normal quantile of the flagging level).
    public let observed: Double
    public let expected: Double
    public let lower: Double
    public let upper: Double
    /// The smallest combined tail p-value in the run and its calibrated probability.
    public let pValue: Double
    public let probability: Double
    /// Detectors whose own p-value at the peak was the smallest or within 10× of it.
    public let detectors: [String]
}

/// Runs detectors over series on one grid, turns scores into p-values, flags points and
/// groups them into anomalies.
///
/// p-values: each detector turns its score into a p-value under its stated null model
/// (`AnomalyDetector.pValue`). Detectors are combined by the minimum p times the number of
/// detectors (Bonferroni). (An empirical tail of the window's own scores would be uniform by
/// construction and could never pass Benjamini–Hochberg over many points.) A point is flagged when its
/// combined p passes Benjamini–Hochberg at `fdr` over every point of every series, or,
/// without `fdr`, when its calibrated probability reaches `minimumProbability`.
public struct AnomalyScan: Sendable {
    public var detectors: [any AnomalyDetector]
    public var fdr: Double?
    public var minimumProbability: Double

    public init(detectors: [any AnomalyDetector] = AnomalyScan.defaultDetectors, fdr: Double? = nil,
                minimumProbability: Double = 0.6) {
        self.detectors = detectors
        self.fdr = fdr
        self.minimumProbability = minimumProbability
    }

    /// The default ensemble (see docs/STATISTICS.md for the evaluation that chose it).
    public static let defaultDetectors: [any AnomalyDetector] = [ResidualDetector(), LevelShiftDetector()]

    /// Per series: the combined p-value per point and each detector's scores.
    public func pValues(_ series: [[Double]], periods: [Int?]) -> [(combined: [Double], perDetector: [AnomalyScores], detectorP: [[Double]])] {
        precondition(series.count == periods.count, "one period (or nil) per series")
        return zip(series, periods).map { values, period in
            let scores = detectors.map { $0.score(values, period: period) }
            let detectorP = zip(detectors, scores).map { detector, result in result.score.map(detector.pValue) }
            let m = Double(detectors.count)
            let combined = values.indices.map { t -> Double in
                let ps = detectorP.map { $0[t] }.filter { !$0.isNaN }
                guard let smallest = ps.min() else { return .nan }
                return min(1, smallest * m)
            }
            return (combined, scores, detectorP)
        }
    }

    /// Anomalies in `series` (each evenly spaced on the same grid; NaN missing), all with
    /// the same seasonal period.
    public func run(_ series: [[Double]], period: Int?) -> [Anomaly] {
        run(series, periods: [Int?](repeating: period, count: series.count))
    }

    /// Anomalies in `series`, each with its own seasonal period (nil: none).
    public func run(_ series: [[Double]], periods: [Int?]) -> [Anomaly] {
        let results = pValues(series, periods: periods)
        let flagged: [[Bool]]
        if let fdr {
            let all = results.flatMap(\.combined)
            let discoveries = FalseDiscoveryRate.discoveries(all, q: fdr)
            var offset = 0
            flagged = results.map { result in
                defer { offset += result.combined.count }
                return Array(discoveries[offset..<(offset + result.combined.count)])
            }
        } else {
            flagged = results.indices.map { s in
                results[s].combined.indices.map { t in
                    AnomalyProbability.probability(scores: results[s].perDetector.map { $0.score[t] },
                                                   detectors: detectors.map(\.name)) >= minimumProbability
                }
            }
        }
        var anomalies: [Anomaly] = []
        for (s, result) in results.enumerated() {
            var t = 0
            while t < flagged[s].count {
                guard flagged[s][t] else { t += 1; continue }
                var end = t
                // Runs separated by one unflagged point are one anomaly.
                while end + 1 < flagged[s].count, flagged[s][end + 1] || (end + 2 < flagged[s].count && flagged[s][end + 2]) {
                    end += 1
                }
                let range = t...end
                let peak = range.min { (result.combined[$0].isNaN ? 2 : result.combined[$0]) < (result.combined[$1].isNaN ? 2 : result.combined[$1]) } ?? t
                anomalies.append(anomaly(series: s, range: range, peak: peak, values: series[s], result: result))
                t = end + 1
            }
        }
        return anomalies
    }

    private func anomaly(series s: Int, range: ClosedRange<Int>, peak: Int, values: [Double],
                         result: (combined: [Double], perDetector: [AnomalyScores], detectorP: [[Double]])) -> Anomaly {
        // The detector that explains the peak best provides the expectation.
        let best = result.detectorP.indices.min { result.detectorP[$0][peak] < result.detectorP[$1][peak] } ?? 0
        let scores = result.perDetector[best]
        let expected = scores.expected[peak], spread = scores.spread[peak]
        let z = 3.0
        let smallest = result.detectorP.map { $0[peak] }.min() ?? 1
        let names = result.detectorP.indices.filter { result.detectorP[$0][peak] <= 10 * smallest }.map { detectors[$0].name }
        let probability = range.map { t in
            AnomalyProbability.probability(scores: result.perDetector.map { $0.score[t] }, detectors: detectors.map(\.name))
        }.max() ?? 0
        return Anomaly(series: s, start: range.lowerBound, end: range.upperBound, peak: peak,
                       direction: values[peak] >= expected ? .up : .down, observed: values[peak], expected: expected,
                       lower: expected - z * spread, upper: expected + z * spread,
                       pValue: range.map { result.combined[$0] }.filter { !$0.isNaN }.min() ?? .nan,
                       probability: probability, detectors: names)
    }
}
