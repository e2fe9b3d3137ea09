/// Capacity questions of a calibrated forecast: how likely the series crosses a threshold within
/// the horizon, and when it first does.
///
/// Method: the N backtest error paths eₖ (actual − forecast at each step, one per backtest window)
/// are added to the point forecast, giving N sample paths ŷ + eₖ of the future (the empirical
/// error paths keep the dependence between steps that step-wise bands lose). A path crosses at
/// the first step where it reaches the threshold (≥ T upwards, ≤ T downwards). The probability
/// of crossing by step h is the fraction of paths that crossed by then; the first-crossing time
/// has the distribution those fractions define, with paths that never cross censored beyond the
/// horizon, so its q-quantile is the first step whose fraction reaches q, and is undefined
/// ("beyond the horizon") when fewer than q of the paths cross. With N paths every probability
/// is a multiple of 1/N; the estimate inherits the backtests' assumption that past errors are
/// exchangeable with future ones.
public struct ThresholdCrossing: Sendable, Equatable {
    public enum Direction: String, Sendable, Equatable {
        case above, below
    }

    public let threshold: Double
    public let direction: Direction
    /// P(first crossing ≤ step h), h = 1…H.
    public let cumulative: [Double]
    /// The number of sample paths, N.
    public let paths: Int
    /// The first step at which the point forecast itself reaches the threshold (1-based), if any.
    public let pointCrossing: Int?

    /// The probability of crossing within the horizon.
    public var probability: Double { cumulative.last ?? 0 }

    /// The q-quantile of the first-crossing step (1-based), nil when fewer than a fraction q of
    /// the paths cross within the horizon.
    public func firstCrossing(quantile q: Double) -> Int? {
        cumulative.firstIndex { $0 >= q - 1e-12 }.map { $0 + 1 }
    }

    /// Sample paths from `calibrated`'s point forecast and backtest error paths.
    /// - Precondition: `calibrated` has at least one error path.
    public init(_ calibrated: CalibratedForecast, threshold: Double, direction: Direction) {
        let point = calibrated.forecast.mean
        precondition(!calibrated.errorPaths.isEmpty, "crossing probabilities need backtest error paths")
        func reaches(_ value: Double) -> Bool { direction == .above ? value >= threshold : value <= threshold }
        var firstCrossings = [Int](repeating: 0, count: point.count)
        for path in calibrated.errorPaths {
            if let h = point.indices.first(where: { reaches(point[$0] + path[$0]) }) { firstCrossings[h] += 1 }
        }
        var crossed = 0
        let n = Double(calibrated.errorPaths.count)
        self.cumulative = firstCrossings.map { count in
            crossed += count
            return Double(crossed) / n
        }
        self.threshold = threshold
        self.direction = direction
        self.paths = calibrated.errorPaths.count
        self.pointCrossing = point.indices.first { reaches(point[$0]) }.map { $0 + 1 }
    }
}
