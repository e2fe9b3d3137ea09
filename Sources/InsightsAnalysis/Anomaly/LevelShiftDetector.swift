#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Level shifts by a two-sided CUSUM on robustly standardised deseasonalised values.
///
/// z_t = (x_t − s_t − m_t) / σ, with s the seasonal part of `SeasonalBaseline` (no trend
/// removed, so a shift stays visible) and σ the normal-consistent MAD of the deseasonalised
/// values around their rolling median.
/// S⁺_t = max(0, S⁺_{t−1} + z_t − m_t − k), S⁻ likewise downwards, where m_t is a slowly
/// adapting reference level (an EWMA with weight `lambda` updated only while no alarm
/// runs), so a shift is scored when it happens and absorbed afterwards. The score is
/// max(S⁺, S⁻) / h: at 1 the CUSUM crosses its decision interval h (Page 1954; Montgomery,
/// *Introduction to Statistical Quality Control*, §9.1). k = 0.5 and h = 8: Siegmund's
/// approximation ARL₀ ≈ (e^{2kb} − 2kb − 1) / (2k²), b = h + 1.166, gives an in-control run
/// length near 19,000 points (h = 5, the textbook choice for one chart, would give about 940:
/// a false alarm every ten days of 15-minute data on every series). The sums restart around
/// the new level once the score reaches `restart` (3), so a lasting shift is scored when it
/// happens, not for ever after.
public struct LevelShiftDetector: AnomalyDetector {
    public let name = "level_shift"
    public var k: Double
    public var h: Double
    public var lambda: Double

    public var restart: Double

    public init(k: Double = 0.5, h: Double = 8, lambda: Double = 0.02, restart: Double = 3) {
        self.k = k
        self.h = h
        self.lambda = lambda
        self.restart = restart
    }

    /// Null model: with standard normal increments the reflected walk max(0, S + z − k)
    /// has the stationary tail P(S ≥ x) ≈ exp(−2k·x) (Siegmund, *Sequential Analysis*, 1985,
    /// ch. 2), so p = exp(−2k·h·score).
    public func pValue(_ score: Double) -> Double {
        score.isFinite ? min(1, exp(-2 * k * h * score)) : 1
    }

    public func score(_ values: [Double], period: Int?) -> AnomalyScores {
        let n = values.count
        let seasonal: [Double]
        if let period, period >= 2, n >= 2 * period {
            let full = SeasonalBaseline.fit(values, period: period)
            let trend = Robust.rollingMedian(values, width: period | 1)
            seasonal = zip(full, trend).map { $0 - $1 }
        } else {
            seasonal = [Double](repeating: 0, count: n)
        }
        let adjusted = (0..<n).map { values[$0] - (seasonal[$0].isFinite ? seasonal[$0] : 0) }
        // σ: the robust scale of what is left after the seasonal part and a rolling-median
        // level are removed (it includes the seasonal estimate's own error, which first
        // differences would miss, and a shift moves the rolling level, not the scale).
        let level = Robust.rollingMedian(adjusted, width: (period ?? 25) | 1)
        let sigma = max(Robust.location(zip(adjusted, level).map { $0 - $1 }).scale, 1e-12)
        // Start from the median of the first cycle (or 25 points), not one noisy value.
        let warmUp = adjusted.prefix(max(period ?? 25, 25)).filter(\.isFinite).sorted()
        var reference = warmUp.isEmpty ? 0 : Robust.median(sorted: warmUp)
        var up = 0.0, down = 0.0
        var score = [Double](repeating: .nan, count: n)
        var expected = [Double](repeating: .nan, count: n)
        for t in 0..<n {
            guard adjusted[t].isFinite else { continue }
            expected[t] = reference + seasonal[t]
            // The first cycle only sets the reference: edge effects of the seasonal and
            // level estimates would otherwise accumulate into a false start-up alarm.
            guard t >= warmUp.count else {
                score[t] = 0
                reference += lambda * (adjusted[t] - reference)
                continue
            }
            let z = (adjusted[t] - reference) / sigma
            up = max(0, up + z - k)
            down = max(0, down - z - k)
            score[t] = max(up, down) / h
            if score[t] >= restart {
                // The shift is signalled; restart around the new level.
                reference = adjusted[t]
                up = 0
                down = 0
            } else if up == 0 && down == 0 {
                reference += lambda * (adjusted[t] - reference)
            }
        }
        return AnomalyScores(score: score, expected: expected, spread: [Double](repeating: sigma, count: n))
    }
}
