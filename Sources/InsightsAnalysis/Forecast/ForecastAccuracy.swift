import InsightsNumerics

/// Every measure of ``ForecastMetrics`` for one forecast (or a mean over many).
public struct ForecastAccuracy: Sendable, Equatable {
    /// The accuracy of one interval band.
    public struct BandAccuracy: Sendable, Equatable {
        /// The band's nominal level.
        public var level: Double
        /// The fraction of actual values inside the band.
        public var coverage: Double
        /// The mean interval (Winkler) score.
        public var intervalScore: Double
    }

    public var mae: Double
    public var rmse: Double
    /// sMAPE in percent.
    public var smape: Double
    public var mase: Double
    /// One entry per band of the forecast, in its order; empty for a point forecast.
    public var bands: [BandAccuracy]
    /// M4's MSIS (95 % band's interval score over the MASE scale); nil without a 95 % band.
    public var msis: Double?

    public init(mae: Double, rmse: Double, smape: Double, mase: Double, bands: [BandAccuracy], msis: Double?) {
        self.mae = mae
        self.rmse = rmse
        self.smape = smape
        self.mase = mase
        self.bands = bands
        self.msis = msis
    }

    /// Scores `forecast` against `actual` (same length as the forecast).
    /// - Parameter scale: The MASE scale of the series (``ForecastMetrics/maseScale(history:period:)``).
    public init(_ forecast: Forecast, actual: [Double], scale: Double) {
        let f = forecast.mean
        mae = ForecastMetrics.mae(actual: actual, forecast: f)
        rmse = ForecastMetrics.rmse(actual: actual, forecast: f)
        smape = ForecastMetrics.smape(actual: actual, forecast: f)
        mase = mae / scale
        bands = forecast.bands.map { band in
            BandAccuracy(level: band.level,
                         coverage: ForecastMetrics.coverage(actual: actual, lower: band.lower, upper: band.upper),
                         intervalScore: ForecastMetrics.intervalScore(actual: actual, lower: band.lower,
                                                                      upper: band.upper, level: band.level))
        }
        msis = bands.first { abs($0.level - 0.95) < 1e-9 }.map { $0.intervalScore / scale }
    }

    /// The band accuracy at `level`, if scored.
    public func band(_ level: Double) -> BandAccuracy? {
        bands.first { abs($0.level - level) < 1e-9 }
    }

    /// The plain mean of each measure over `items` (M4's set-level rule); bands are averaged
    /// by position, MSIS only when every item has one.
    /// - Returns: nil for an empty list.
    /// - Precondition: all items have bands at the same levels.
    public static func mean(_ items: [ForecastAccuracy]) -> ForecastAccuracy? {
        guard let first = items.first else { return nil }
        precondition(items.allSatisfy { $0.bands.map(\.level) == first.bands.map(\.level) },
                     "every accuracy must have the same band levels")
        let count = Double(items.count)
        func average(_ value: (ForecastAccuracy) -> Double) -> Double {
            CompensatedSum(items.lazy.map(value)).value / count
        }
        let msisValues = items.compactMap(\.msis)
        return ForecastAccuracy(
            mae: average(\.mae), rmse: average(\.rmse), smape: average(\.smape), mase: average(\.mase),
            bands: first.bands.indices.map { b in
                BandAccuracy(level: first.bands[b].level, coverage: average { $0.bands[b].coverage },
                             intervalScore: average { $0.bands[b].intervalScore })
            },
            msis: msisValues.count == items.count ? CompensatedSum(msisValues).value / count : nil)
    }
}
