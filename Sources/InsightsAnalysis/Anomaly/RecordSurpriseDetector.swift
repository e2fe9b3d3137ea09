/// The default streaming detector: how far the current forecast error exceeds the largest
/// surprise of the recent past, with errors of naive causal forecasts scaled robustly.
///
/// Two signals are computed per observation, each turned into a robust z-score against its
/// own last `errorWindow` values (distance from their median in units of the interquartile
/// range divided by 1.349, a robust standard deviation; where the interquartile range is 0,
/// a tenth of the 1–99% range):
/// - **forecast error**: the difference from the value one day earlier and from the value
///   one week earlier (seasonal naive forecasts), keeping the smaller z-score, since an
///   observation that either season explains is not news. The day is counted in rows from
///   the median spacing of the first 32 time steps. Until a day has been seen (or when a
///   day is not 4 to `maxSeasonRows` rows), the difference from the previous value is used;
/// - **level**: the mean of the last `levelRows` values, which catches a sustained shift
///   that single differences spread thin.
///
/// The row's surprise `z` is the larger of the two. Its score compares `z` with the largest
/// surprise `m` of the previous `historyRows` rows: with `r = z / m`, the score is
/// `r / (1 + r)`, so matching the recent record scores 0.5 and beating it approaches 1.
/// A surprise that recurs at its usual size never stands out, and one long event does not
/// fire again and again: it raises the bar it is compared with (NAB credits only the first
/// detection in a window and charges every other one outside).
///
/// This is a record-breaking rule on forecast residuals, in the spirit of Numenta's anomaly
/// likelihood (Ahmad et al. 2017, §4.2, which compares recent prediction errors with their
/// own long-run distribution) but with robust scales and naive seasonal forecasts in place of
/// HTM predictions. Assumptions: rows arrive in time order at a roughly regular step; the
/// series has at most daily and weekly seasons; anomalies are large relative to the last few
/// days (`historyRows`).
///
/// Memory is bounded by the windows (about 20,000 doubles with the defaults); there is no
/// look-ahead. Scores are 0 for the first `warmUp` observations.
public struct RecordSurpriseDetector: StreamingDetector, Sendable {
    /// Rows of past signal values a new value is scaled against.
    public let errorWindow: Int
    /// Rows of past surprises whose maximum is the bar a new surprise is compared with.
    public let historyRows: Int
    /// Rows averaged by the level signal.
    public let levelRows: Int
    /// Observations before the first non-zero score.
    public let warmUp: Int
    /// The longest season, in rows, the seasonal signal keeps.
    public let maxSeasonRows: Int

    private static let stepSamples = 32

    private var steps: [Int64] = []
    private var lastTimestamp: Int64?
    private var day: Int?
    private var history: [Double] = []
    private var historyNext = 0
    private var seen = 0
    private var change: RobustScale
    private var daily: RobustScale
    private var weekly: RobustScale
    private var level: RobustScale
    private var surprises: RollingQuantiles

    /// A detector with the given windows, in rows. The defaults are the configuration
    /// evaluated on NAB (docs/STATISTICS.md); `historyRows` is the one that matters most.
    public init(errorWindow: Int = 2016, historyRows: Int = 500, levelRows: Int = 6, warmUp: Int = 100,
                maxSeasonRows: Int = 10_080) {
        precondition(errorWindow > 10 && historyRows > 1 && levelRows > 0, "windows must be positive")
        self.errorWindow = errorWindow
        self.historyRows = historyRows
        self.levelRows = levelRows
        self.warmUp = warmUp
        self.maxSeasonRows = maxSeasonRows
        change = RobustScale(capacity: errorWindow)
        daily = RobustScale(capacity: errorWindow)
        weekly = RobustScale(capacity: errorWindow)
        level = RobustScale(capacity: errorWindow)
        surprises = RollingQuantiles(capacity: historyRows)
    }

    /// Scores `value`; a NaN or infinite value is treated as missing (scores 0, state unchanged).
    public mutating func update(timestamp: Int64, value: Double) -> Double {
        guard value.isFinite else { return 0 }
        learnSeason(timestamp)
        seen += 1
        let changeZ = past(1).map { change.score(value - $0) } ?? 0
        var seasonalZ = Double.infinity
        if let day {
            if let yesterday = past(day) { seasonalZ = min(seasonalZ, daily.score(value - yesterday)) }
            if let lastWeek = past(7 * day) { seasonalZ = min(seasonalZ, weekly.score(value - lastWeek)) }
        }
        remember(value)
        var sum = 0.0
        let recent = min(levelRows, history.count)
        for back in 1...recent { sum += past(back)! }
        let levelZ = level.score(sum / Double(recent))
        // The seasonal forecast replaces the last-value one once a day of history exists.
        let surprise = max(seasonalZ.isFinite ? seasonalZ : changeZ, levelZ)
        let record = surprises.count > 0 ? surprises.quantile(1) : 0
        surprises.append(surprise)
        guard seen > warmUp, surprise > 0 else { return 0 }
        let ratio = surprise / max(record, 1e-9)
        return ratio / (1 + ratio)
    }

    /// The value `back` rows before the current one (1 is the previous value), if kept.
    private func past(_ back: Int) -> Double? {
        guard back >= 1, back <= history.count else { return nil }
        let newestEnd = history.count < historyCapacity ? history.count : historyNext
        return history[(newestEnd - back + historyCapacity) % historyCapacity]
    }

    private var historyCapacity: Int { maxSeasonRows + levelRows }

    private mutating func remember(_ value: Double) {
        if history.count < historyCapacity {
            history.append(value)
        } else {
            history[historyNext] = value
            historyNext = (historyNext + 1) % historyCapacity
        }
    }

    /// Fixes the day, in rows, from the median of the first time steps.
    private mutating func learnSeason(_ timestamp: Int64) {
        defer { lastTimestamp = timestamp }
        guard steps.count < Self.stepSamples, let lastTimestamp else { return }
        let step = timestamp - lastTimestamp
        if step > 0 { steps.append(step) }
        guard steps.count == Self.stepSamples else { return }
        let median = steps.sorted()[Self.stepSamples / 2]
        let rows = Int((86_400e9 / Double(median)).rounded())
        day = (4...maxSeasonRows).contains(rows) ? rows : nil
    }
}

/// A robust z-score of each new value against the recent values of the same signal.
struct RobustScale: Sendable {
    private var window: RollingQuantiles

    init(capacity: Int) { window = RollingQuantiles(capacity: capacity) }

    /// `|x - median| / (IQR / 1.349)` over the values so far (0 until there are 10), then
    /// adds `x`. When the spread is zero (exactly repeating data), a tenth of the 1–99%
    /// range stands in for it, and any change scores 0 when that is zero too.
    mutating func score(_ x: Double) -> Double {
        defer { window.append(x) }
        guard window.count >= 10 else { return 0 }
        let median = window.quantile(0.5)
        var scale = (window.quantile(0.75) - window.quantile(0.25)) / 1.349
        if !(scale > 0) { scale = (window.quantile(0.99) - window.quantile(0.01)) / 10 }
        guard scale > 0 else { return 0 }
        return abs(x - median) / scale
    }
}
