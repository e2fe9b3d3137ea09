/// A point forecast with prediction intervals.
public struct Forecast: Sendable, Equatable {
    /// One interval band: its nominal level and the bounds per horizon step.
    public struct Band: Sendable, Equatable {
        /// Nominal coverage in (0, 1), e.g. 0.95.
        public let level: Double
        public var lower: [Double]
        public var upper: [Double]

        public init(level: Double, lower: [Double], upper: [Double]) {
            precondition(lower.count == upper.count, "one bound per step on each side")
            self.level = level
            self.lower = lower
            self.upper = upper
        }
    }

    /// The point forecast for steps 1…h.
    public var mean: [Double]
    /// Bands in the order the levels were asked for; empty for a point-only model.
    public var bands: [Band]

    public init(mean: [Double], bands: [Band] = []) {
        precondition(bands.allSatisfy { $0.lower.count == mean.count }, "bands must span the horizon")
        self.mean = mean
        self.bands = bands
    }

    /// The band of `level`, if the forecast has one.
    public func band(_ level: Double) -> Band? {
        bands.first { abs($0.level - level) < 1e-9 }
    }
}

/// Why a model cannot forecast a series.
public struct ForecastError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The series is shorter than the model needs.
    public static func tooShort(_ model: String, observed: Int, required: Int) -> ForecastError {
        ForecastError("\(model) needs at least \(required) observations, got \(observed)")
    }
}

/// A forecasting model: fits the history of one evenly spaced series and forecasts `horizon`
/// steps ahead, with prediction intervals at `levels` when the model has them. One model per
/// file, all behind this protocol. Seasonal periods are the model's own parameters (set when
/// it is created), so the same call serves every model.
public protocol ForecastModel: Sendable {
    /// A short name for output (`naive`, `snaive`, `ets`, …).
    var name: String { get }
    /// Forecasts steps 1…`horizon` after the last value of `history` (oldest first, no NaN).
    /// - Parameter levels: Interval levels in (0, 1); a point-only model returns no bands.
    func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast
}
