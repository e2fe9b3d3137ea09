extension ForecastError {
    /// The horizon is not a positive number of steps.
    public static func invalidHorizon(_ horizon: Int) -> ForecastError {
        ForecastError("horizon \(horizon) is invalid: it must be at least 1")
    }

    /// An interval level is outside (0, 1).
    public static func invalidLevel(_ level: Double) -> ForecastError {
        ForecastError("interval level \(level) is invalid: it must lie strictly between 0 and 1")
    }

    /// Throws when `horizon` or one of `levels` is out of range; models call it first.
    static func checkArguments(horizon: Int, levels: [Double]) throws(ForecastError) {
        guard horizon >= 1 else { throw .invalidHorizon(horizon) }
        if let bad = levels.first(where: { !($0 > 0 && $0 < 1) }) { throw .invalidLevel(bad) }
    }
}
