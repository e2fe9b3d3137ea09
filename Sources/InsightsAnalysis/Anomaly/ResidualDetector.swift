/// Seasonal-robust residual score: the distance of each point from its robust seasonal
/// baseline (`SeasonalBaseline`), in units of the residuals' normal-consistent MAD.
///
/// score = |r − median(r)| / (1.4826·MAD(r)), r = value − baseline. Catches spikes, drops,
/// and any departure from the usual shape of the cycle; a slow shift is absorbed by the
/// rolling trend after about half a trend window, so level shifts are `LevelShiftDetector`'s.
public struct ResidualDetector: AnomalyDetector {
    public let name = "residual"
    /// The trend window in steps (nil: one period, or 25).
    public var trendWidth: Int?

    public init(trendWidth: Int? = nil) {
        self.trendWidth = trendWidth
    }

    /// Null model: standardised residuals are standard normal, p = P(|Z| ≥ score). Real
    /// residuals have heavier tails, so these p-values are optimistic; the calibrated
    /// probabilities (`AnomalyProbability`) do not rely on them.
    public func pValue(_ score: Double) -> Double { normalTwoSidedTail(score) }

    public func score(_ values: [Double], period: Int?) -> AnomalyScores {
        let baseline = SeasonalBaseline.fit(values, period: period, trendWidth: trendWidth)
        let residuals = zip(values, baseline).map { $0 - $1 }
        let (center, scale) = Robust.location(residuals)
        let score = residuals.map { $0.isFinite ? abs($0 - center) / scale : .nan }
        return AnomalyScores(score: score, expected: baseline.map { $0 + center },
                             spread: [Double](repeating: scale, count: values.count))
    }
}
