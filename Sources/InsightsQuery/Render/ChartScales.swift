/// The shared geometry of a chart: the time span of the x axis, the nicely ticked value axis,
/// and where each anomaly sits. Both renderers map through it, so a terminal chart and an SVG
/// of the same data agree on ticks and labels.
package struct ChartScales: Sendable {
    /// The time axis: the earliest and latest timestamp of any series, forecast step, anomaly or
    /// marker (or the span shared with other panels); nil when there are no timestamps at all.
    package let timeSpan: (start: Int64, end: Int64)?
    /// The value axis: its first and last tick bound the plot.
    package let valueTicks: ValueTicks
    /// Value-axis labels with the unit.
    package let valueLabels: [String]
    /// Whether there is nothing to draw: no finite value anywhere and no anomaly.
    package let isEmpty: Bool

    /// Scales for `data` with at most `maxValueTicks` value ticks.
    ///
    /// The value axis covers every finite value of the series, the forecast mean, all bands,
    /// the explicit anomaly values and the thresholds; with none it runs 0…1. The time span
    /// covers every timestamp of the chart and its markers, unless `timeSpan` is given (panels
    /// stacked on one time axis pass the span they share).
    package init(_ data: ChartData, maxValueTicks: Int, timeSpan sharedSpan: (start: Int64, end: Int64)? = nil) {
        var low = Double.infinity
        var high = -Double.infinity
        func include(_ values: [Double]) {
            for value in values where value.isFinite {
                low = min(low, value)
                high = max(high, value)
            }
        }
        for series in data.series { include(series.values) }
        if let forecast = data.forecast {
            include(forecast.mean)
            for band in forecast.bands {
                include(band.lower)
                include(band.upper)
            }
        }
        include(data.anomalies.compactMap(\.value))
        include(data.thresholds.map(\.value))
        timeSpan = sharedSpan ?? Self.timeSpan(of: [data])
        isEmpty = low > high && data.anomalies.isEmpty
        let (lower, upper) = low <= high ? (low, high) : (0.0, 1.0)
        if let scale = data.valueUnit.axisScale(magnitude: max(abs(lower), abs(upper))) {
            // In the metric's unit, one prefix for the axis: 20%, 40%; 100 ms, 200 ms.
            valueTicks = ValueTicks(lower: lower, upper: upper, maxTicks: maxValueTicks, divisor: scale.divisor)
            valueLabels = valueTicks.labels.map { $0 + scale.suffix }
        } else {
            valueTicks = ValueTicks(lower: lower, upper: upper, maxTicks: maxValueTicks)
            let suffix = data.unit.isEmpty ? "" : " " + data.unit
            valueLabels = valueTicks.labels.map { $0 + suffix }
        }
    }

    /// The earliest and latest timestamp of any series, forecast step, anomaly or marker of
    /// the charts; nil when they have no timestamps at all.
    package static func timeSpan(of charts: [ChartData]) -> (start: Int64, end: Int64)? {
        var times: [Int64] = []
        for data in charts {
            // Extremes rather than the ends, so that out-of-order input still fits the axis.
            for series in data.series {
                if let first = series.timestamps.min(), let last = series.timestamps.max() { times += [first, last] }
            }
            if let forecast = data.forecast, let first = forecast.timestamps.min(), let last = forecast.timestamps.max() {
                times += [first, last]
            }
            times += data.anomalies.map(\.timestamp)
            times += data.markers.map(\.timestamp)
        }
        guard let start = times.min(), let end = times.max() else { return nil }
        return (start, end)
    }

    /// Where `timestamp` falls across the time span: 0 at the start, 1 at the end, ½ for a
    /// span of one instant.
    package func x(_ timestamp: Int64) -> Double {
        guard let span = timeSpan, span.end > span.start else { return 0.5 }
        // Differences of Doubles, not of Int64, cannot overflow for extreme timestamps.
        return (Double(timestamp) - Double(span.start)) / (Double(span.end) - Double(span.start))
    }

    /// Where `value` falls up the value axis: 0 at the lowest tick, 1 at the highest.
    package func y(_ value: Double) -> Double {
        let lower = valueTicks.lower
        let upper = valueTicks.upper
        guard upper > lower else { return 0.5 }
        return (value / 2 - lower / 2) / (upper / 2 - lower / 2)
    }

    /// Time ticks across the span; none for a chart without timestamps.
    package func timeTicks(maxTicks: (TimeLabelFormat) -> Int) -> TimeTicks? {
        guard let span = timeSpan else { return nil }
        return TimeTicks(from: span.start, to: span.end, maxTicks: maxTicks)
    }
}

extension ChartData {
    /// Where each anomaly marker goes, in the order of `anomalies`: its own value when finite,
    /// else the finite history value nearest in time, else nil (no value to sit on).
    package var anomalyPoints: [(timestamp: Int64, value: Double?)] {
        let history = series.first
        return anomalies.map { anomaly in
            if let value = anomaly.value, value.isFinite { return (anomaly.timestamp, value) }
            guard let history else { return (anomaly.timestamp, nil) }
            return (anomaly.timestamp, Self.nearestFinite(in: history, to: anomaly.timestamp))
        }
    }

    /// The finite value whose timestamp is nearest to `timestamp` (the earlier on a tie).
    private static func nearestFinite(in series: Series, to timestamp: Int64) -> Double? {
        let times = series.timestamps
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] < timestamp { low = middle + 1 } else { high = middle }
        }
        var before = low - 1
        var after = low
        while before >= 0 && !series.values[before].isFinite { before -= 1 }
        while after < times.count && !series.values[after].isFinite { after += 1 }
        switch (before >= 0, after < times.count) {
        case (false, false):
            return nil
        case (true, false):
            return series.values[before]
        case (false, true):
            return series.values[after]
        case (true, true):
            let gapBefore = Double(timestamp) - Double(times[before])
            let gapAfter = Double(times[after]) - Double(timestamp)
            return gapAfter < gapBefore ? series.values[after] : series.values[before]
        }
    }
}

extension ChartData.Band {
    /// The level as a percentage for legends: "95%", "99.9%".
    package var label: String {
        var text = FixedDecimal.format(level * 100, decimals: 3)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }
}
