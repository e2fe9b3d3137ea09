import InsightsNumerics

/// Finding the seasonal periods of a series and measuring how strong a season is.
///
/// Detection (``detect(_:step:threshold:)``) tests the periods the calendar suggests for the
/// sampling step (``candidatePeriods(step:)``) by the autocorrelation at the period lag of the
/// detrended series; see ``periodStrength(_:period:removing:)`` for the rule and
/// `docs/STATISTICS.md` for its thresholds and their reasons. ``seasonalStrength(seasonal:residual:)``
/// is the decomposition-based measure *F_s* of Wang, Smith & Hyndman (2006).
public enum Seasonality {
    /// A period confirmed in a series, with the strength that confirmed it.
    public struct DetectedPeriod: Sendable, Hashable {
        /// Observations per cycle.
        public let period: Int
        /// The adjusted autocorrelation at lag `period` of the detrended series, in [−1, 1]
        /// (see ``Seasonality/periodStrength(_:period:removing:)``).
        public let strength: Double
    }

    /// The smallest strength that confirms a period (adjusted autocorrelation 0.3, before the
    /// sample-size floor of ``confirmationThreshold(detrendedCount:period:threshold:)``).
    public static let defaultThreshold = 0.3

    /// The seasonal periods of a series sampled every `step`, confirmed by strength.
    ///
    /// Candidates come from ``candidatePeriods(step:)`` and are tested in increasing order by
    /// ``detect(_:candidates:threshold:)``.
    ///
    /// - Parameters:
    ///   - y: The series, oldest first, evenly spaced, without NaN.
    ///   - step: The sampling interval.
    ///   - threshold: The smallest confirming strength; ``defaultThreshold`` by default.
    /// - Returns: The confirmed periods, ascending, with their strengths; empty when none.
    /// - Throws: `DecompositionError` of kind `.missingValues` when `y` holds a NaN.
    /// - Complexity: O(*n*) per candidate.
    public static func detect(
        _ y: [Double], step: Duration, threshold: Double = defaultThreshold
    ) throws(DecompositionError) -> [DetectedPeriod] {
        try detect(y, candidates: candidatePeriods(step: step), threshold: threshold)
    }

    /// The periods among `candidates` that the series confirms.
    ///
    /// Candidates are tested in increasing order. Each is tested on the series with the
    /// already confirmed shorter periods filtered out (a centred moving average over each of
    /// them), so a multiple of a confirmed period (a week of a daily season) counts only when
    /// it adds a pattern of its own. A candidate is confirmed when its strength (see
    /// ``periodStrength(_:period:removing:)``) reaches ``confirmationThreshold(detrendedCount:period:threshold:)``;
    /// a candidate without two full detrended cycles is not tested.
    ///
    /// - Returns: The confirmed periods, ascending, with their strengths.
    /// - Throws: `DecompositionError` of kind `.missingValues` when `y` holds a NaN.
    public static func detect(
        _ y: [Double], candidates: [Int], threshold: Double = defaultThreshold
    ) throws(DecompositionError) -> [DetectedPeriod] {
        if let first = y.firstIndex(where: \.isNaN) {
            throw .missingValues(count: y.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }, firstIndex: first)
        }
        var confirmed: [DetectedPeriod] = []
        for period in Set(candidates).sorted() where period >= 2 {
            let shorter = confirmed.map(\.period)
            guard let (strength, count) = strengthAndCount(y, period: period, removing: shorter) else { continue }
            if strength >= confirmationThreshold(detrendedCount: count, period: period, threshold: threshold) {
                confirmed.append(DetectedPeriod(period: period, strength: strength))
            }
        }
        return confirmed
    }

    /// The strength of period `period` in `y`: the adjusted autocorrelation at lag `period` of
    /// the series detrended by a centred moving average of one period.
    ///
    /// Method: the series is first smoothed by a centred moving average over each period in
    /// `removing` (which annihilates those periodic components), then detrended by
    /// subtracting its centred moving average of length `period` (2×`period` when even, as in
    /// classical decomposition; Brockwell & Davis, *Introduction to Time Series and
    /// Forecasting*, 2nd ed., §1.5.2). On the *m* detrended values, the strength is
    /// *r(P) · m / (m − P)*, with *r* the sample autocorrelation of `Statistics.autocorrelation`:
    /// the correlation of values one cycle apart, without the biased estimator's shrinkage by
    /// the overlap *(m − P)/m* (statsmodels' `acf(adjusted=True)`).
    ///
    /// - Parameters:
    ///   - y: The series, without NaN (a NaN makes the strength NaN).
    ///   - period: The period *P* ≥ 2.
    ///   - removing: Shorter periods to filter out first; none by default.
    /// - Returns: The strength, or nil when fewer than two full cycles (*m* < 2*P*) remain.
    /// - Complexity: O(*n*).
    public static func periodStrength(_ y: [Double], period: Int, removing: [Int] = []) -> Double? {
        strengthAndCount(y, period: period, removing: removing)?.strength
    }

    /// The strength needed to confirm a period: the larger of `threshold` and three standard
    /// errors of the adjusted autocorrelation of white noise, 3·√*m* / (*m* − *P*) for *m*
    /// detrended values (the biased estimator's standard error 1/√*m*, Bartlett 1946, scaled by
    /// *m* / (*m* − *P*)).
    public static func confirmationThreshold(detrendedCount m: Int, period: Int, threshold: Double) -> Double {
        max(threshold, 3 * Double(m).squareRoot() / Double(m - period))
    }

    /// The periods that calendar cycles (day, week, year of 365.25 days) suggest for a
    /// sampling step, ascending.
    ///
    /// A step of 28–31 days (monthly) gives 12, one of 89–92 days (quarterly) 4. Otherwise each
    /// cycle longer than two steps gives the nearest whole number of steps per cycle when that
    /// is within 5 % of the exact ratio: 1 min → 1440, 10080; 5 min → 288, 2016; 15 min → 96,
    /// 672; 30 min → 48, 336; 1 h → 24, 168; 1 day → 7, 365; 1 week → 52 (each with the
    /// yearly period too when it is a whole number within 5 %: 8766 for hourly data).
    public static func candidatePeriods(step: Duration) -> [Int] {
        let (seconds, attoseconds) = step.components
        let stepSeconds = Double(seconds) + Double(attoseconds) * 1e-18
        guard stepSeconds > 0 else { return [] }
        let day = 86_400.0
        let stepDays = stepSeconds / day
        if (28...31).contains(stepDays) { return [12] }
        if (89...92).contains(stepDays) { return [4] }
        var periods: [Int] = []
        for cycle in [day, 7 * day, 365.25 * day] {
            let ratio = cycle / stepSeconds
            let period = ratio.rounded()
            if period >= 2 && abs(ratio - period) <= 0.05 * ratio { periods.append(Int(period)) }
        }
        return periods
    }

    // MARK: Kernels

    /// The strength and the number of detrended values it was computed from.
    static func strengthAndCount(_ y: [Double], period: Int, removing: [Int]) -> (strength: Double, count: Int)? {
        precondition(period >= 2, "period \(period) is below 2")
        var z = y
        for shorter in removing where shorter >= 2 {
            guard z.count > shorter else { return nil }
            z = centredMovingAverage(z, length: shorter)
        }
        guard z.count > period else { return nil }
        let trend = centredMovingAverage(z, length: period)
        let offset = (z.count - trend.count) / 2
        let detrended = trend.indices.map { z[$0 + offset] - trend[$0] }
        let m = detrended.count
        guard m >= 2 * period else { return nil }
        let r = Statistics.autocorrelation(detrended, lag: period)
        return (r * Double(m) / Double(m - period), m)
    }

    /// The centred moving average of `length` values (odd), or the 2×`length` average (even:
    /// half weights at both ends); it has `count − length + 1` or `count − length` values, the
    /// first centred on index ⌊length/2⌋.
    static func centredMovingAverage(_ x: [Double], length: Int) -> [Double] {
        let taps = length % 2 == 1 ? length : length + 1
        guard x.count >= taps else { return [] }
        var result = [Double](repeating: 0, count: x.count - taps + 1)
        var window = CompensatedSum()
        for i in 0..<length { window += x[i] }
        let scale = Double(length)
        for start in result.indices {
            if start > 0 {  // Slide x[start − 1 ..< start − 1 + length] one step right.
                window += x[start + length - 1]
                window += -x[start - 1]
            }
            // Even length: add half of the next value and remove half of the first.
            let sum = length % 2 == 1 ? window.value : window.value + 0.5 * (x[start + length] - x[start])
            result[start] = sum / scale
        }
        return result
    }
}
