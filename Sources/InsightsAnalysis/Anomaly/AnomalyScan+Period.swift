extension AnomalyScan {
    /// The seasonal period for the anomaly baseline: the series' shortest confirmed period
    /// (`Seasonality.detect` on the calendar candidates of the step, gaps interpolated), else
    /// the shortest calendar candidate the data covers twice (a day on minute-to-hour data):
    /// on a series without a cycle the per-phase medians are close to zero and cost little,
    /// while the day-long trend window keeps short incidents out of the trend (the incident
    /// evaluation measured both: see docs/STATISTICS.md). Nil for a series with no values.
    /// - Parameter step: The grid step in nanoseconds.
    public static func baselinePeriod(of values: [Double], step: Int64) -> Int? {
        let filled = MissingValues.interpolated(values)
        guard !filled.contains(where: \.isNaN) else { return nil }
        if let detected = try? Seasonality.detect(filled, step: .nanoseconds(step)), let shortest = detected.map(\.period).min() {
            return shortest
        }
        return Seasonality.candidatePeriods(step: .nanoseconds(step)).filter { $0 >= 2 && values.count >= 2 * $0 }.min()
    }
}
