/// A robust expected value for each point of an evenly spaced series: a rolling-median
/// trend plus, when there is a period, the median of the detrended values at the same
/// phase of the cycle. Medians make the baseline itself immune to the spikes it is used
/// to find (a least-squares or non-robust STL fit is pulled towards them).
public enum SeasonalBaseline {
    /// The baseline (trend + seasonal) per point; NaN where no value is near.
    ///
    /// - Parameters:
    ///   - values: The series (NaN missing).
    ///   - period: The seasonal period in steps, or nil. A period needs two full cycles.
    ///   - trendWidth: The trend's rolling-median window in steps (made odd); default
    ///     one period, or 25 points without one.
    public static func fit(_ values: [Double], period: Int?, trendWidth: Int? = nil) -> [Double] {
        let n = values.count
        let usable = period.flatMap { $0 >= 2 && n >= 2 * $0 ? $0 : nil }
        var width = trendWidth ?? usable ?? 25
        if width % 2 == 0 { width += 1 }
        let trend = Robust.rollingMedian(values, width: width)
        guard let period = usable else { return trend }
        var byPhase = [[Double]](repeating: [], count: period)
        for i in 0..<n where values[i].isFinite && trend[i].isFinite {
            byPhase[i % period].append(values[i] - trend[i])
        }
        var seasonal = byPhase.map { $0.isEmpty ? 0 : Robust.median(sorted: $0.sorted()) }
        // Centre the seasonal profile so the trend keeps the level.
        let offset = Robust.median(sorted: seasonal.sorted())
        seasonal = seasonal.map { $0 - offset }
        return (0..<n).map { trend[$0] + seasonal[$0 % period] }
    }
}
