#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import InsightsNumerics

/// The default streaming detector: the anomaly likelihood of robustly scaled forecast errors.
///
/// Each observation is compared with two naive causal forecasts: the previous value, and
/// the value one day earlier (the seasonal naive forecast; the day is counted in rows from
/// the median spacing of the first timestamps, and this forecast is skipped when a day is
/// not between 4 and 4096 rows). Each forecast error is scaled robustly against the errors
/// of the recent past (distance from their median in units of the interquartile range
/// divided by 1.349) and squashed into [0, 1] as `z / (z + c)`; the larger of the two is
/// the row's *surprise*.
///
/// Surprise alone fires on every regular but abrupt move (a square wave's edges). The
/// score is therefore Numenta's anomaly likelihood (Ahmad et al. 2017, §4.2): the mean of
/// the last few surprises is compared with the mean and standard deviation of such
/// short-term means over a long window, and the Gaussian upper tail probability `Q` of that
/// comparison becomes the score `-log10(Q + 1e-10) / 10` (1 when `Q ≤ 1e-10`). A burst of
/// unusual surprise scores high; a surprise that recurs at its usual rate does not.
///
/// After a score reaches `suppressionLevel`, the following `suppressionRows` scores are
/// halved: NAB credits only the first detection in a window, while every further detection
/// outside one costs.
///
/// Memory is bounded by the window lengths (a few thousand doubles); there is no look-ahead.
public struct ForecastLikelihoodDetector: StreamingDetector, Sendable {
    /// Rows of past forecast errors used to scale a new error.
    public let errorWindow: Int
    /// Rows of short-term surprise means that form the long-term distribution.
    public let likelihoodWindow: Int
    /// Rows in the short-term mean of surprises.
    public let shortWindow: Int
    /// Rows seen before the detector scores anything above 0.
    public let warmUp: Int
    /// Score at which suppression starts.
    public let suppressionLevel: Double
    /// Rows whose score is halved after a score reaches `suppressionLevel`.
    public let suppressionRows: Int

    private static let squash = 4.0
    private static let stepSamples = 32

    private var steps: [Int64] = []
    private var lastTimestamp: Int64?
    private var period: Int?
    private var history: [Double] = []
    private var historyNext = 0
    private var previous: Double?
    private var seen = 0
    private var levelErrors: RollingQuantiles
    private var seasonalErrors: RollingQuantiles
    private var values: RollingQuantiles
    private var recentSurprises: [Double] = []
    private var recentNext = 0
    private var recentSum = 0.0
    private var means: [Double] = []
    private var meansNext = 0
    private var meansSum = 0.0
    private var meansSquares = 0.0
    private var quietUntil = 0

    /// A detector with the given windows (the defaults are the evaluated configuration).
    public init(errorWindow: Int = 2016, likelihoodWindow: Int = 2016, shortWindow: Int = 10,
                warmUp: Int = 100, suppressionLevel: Double = 0.5, suppressionRows: Int = 100) {
        precondition(errorWindow > 1 && likelihoodWindow > 1 && shortWindow > 0, "windows must be positive")
        self.errorWindow = errorWindow
        self.likelihoodWindow = likelihoodWindow
        self.shortWindow = shortWindow
        self.warmUp = warmUp
        self.suppressionLevel = suppressionLevel
        self.suppressionRows = suppressionRows
        levelErrors = RollingQuantiles(capacity: errorWindow)
        seasonalErrors = RollingQuantiles(capacity: errorWindow)
        values = RollingQuantiles(capacity: errorWindow)
    }

    public mutating func update(timestamp: Int64, value: Double) -> Double {
        guard !value.isNaN else { return 0 }
        learnPeriod(timestamp)
        seen += 1
        var surprise = 0.0
        if let previous {
            surprise = Self.surprise(value - previous, against: &levelErrors, spread: values)
        }
        if let period, history.count == period {
            let seasonal = Self.surprise(value - history[historyNext], against: &seasonalErrors, spread: values)
            surprise = max(surprise, seasonal)
        }
        remember(value)
        let score = likelihood(of: surprise)
        guard seen > warmUp else { return 0 }
        if seen < quietUntil { return score / 2 }
        if score >= suppressionLevel { quietUntil = seen + suppressionRows + 1 }
        return score
    }

    /// The squashed robust z-score of `error` against the recent errors, which it then joins.
    private static func surprise(_ error: Double, against errors: inout RollingQuantiles,
                                 spread values: RollingQuantiles) -> Double {
        defer { errors.append(error) }
        guard errors.count >= 10 else { return 0 }
        let median = errors.quantile(0.5)
        let iqr = (errors.quantile(0.75) - errors.quantile(0.25)) / 1.349
        // A floor so that exactly repeating data (zero spread) does not turn rounding into alarms.
        let range = values.quantile(0.95) - values.quantile(0.05)
        let scale = max(iqr, 1e-3 * range, 1e-12)
        let z = abs(error - median) / scale
        return z / (z + squash)
    }

    private mutating func remember(_ value: Double) {
        previous = value
        values.append(value)
        guard let period else { return }
        if history.count < period {
            history.append(value)
        } else {
            history[historyNext] = value
            historyNext = (historyNext + 1) % period
        }
    }

    /// Numenta's anomaly likelihood of the short-term mean surprise, on a log scale.
    private mutating func likelihood(of surprise: Double) -> Double {
        if recentSurprises.count < shortWindow {
            recentSurprises.append(surprise)
        } else {
            recentSum -= recentSurprises[recentNext]
            recentSurprises[recentNext] = surprise
            recentNext = (recentNext + 1) % shortWindow
        }
        recentSum += surprise
        let mean = recentSum / Double(recentSurprises.count)
        var score = 0.0
        if means.count >= 10 {
            let n = Double(means.count)
            let centre = meansSum / n
            let variance = max(meansSquares / n - centre * centre, 0)
            let deviation = max(variance.squareRoot(), 1e-3)
            let tail = Normal(mean: centre, standardDeviation: deviation).survival(mean)
            score = min(1, -log10(tail + 1e-10) / 10)
        }
        if means.count < likelihoodWindow {
            means.append(mean)
        } else {
            let leaving = means[meansNext]
            meansSum -= leaving
            meansSquares -= leaving * leaving
            means[meansNext] = mean
            meansNext = (meansNext + 1) % likelihoodWindow
            // Refresh the running sums once per pass so rounding cannot accumulate.
            if meansNext == 0 {
                meansSum = 0
                meansSquares = 0
                for m in means { meansSum += m; meansSquares += m * m }
                meansSum -= mean
                meansSquares -= mean * mean
            }
        }
        meansSum += mean
        meansSquares += mean * mean
        return score
    }

    /// Fixes the period (rows per day) from the median of the first time steps.
    private mutating func learnPeriod(_ timestamp: Int64) {
        defer { lastTimestamp = timestamp }
        guard steps.count < Self.stepSamples, let lastTimestamp else { return }
        let step = timestamp - lastTimestamp
        if step > 0 { steps.append(step) }
        guard steps.count == Self.stepSamples else { return }
        let median = steps.sorted()[Self.stepSamples / 2]
        let day: Int64 = 86_400_000_000_000
        let rows = Int((Double(day) / Double(median)).rounded())
        period = (4...4096).contains(rows) ? rows : nil
    }
}
