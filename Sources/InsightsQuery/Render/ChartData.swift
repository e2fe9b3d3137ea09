/// A time series to draw: its history, an optional forecast with interval bands, anomaly
/// markers, vertical markers at moments (change points) and horizontal threshold lines, with a
/// title and the unit of the values.
///
/// Timestamps are nanoseconds since the Unix epoch (UTC) and ascend within each series. A NaN
/// (or infinite) value is a gap: the line breaks there. The first series is the history that
/// the forecast continues and the anomalies mark; further series are drawn beside it.
public struct ChartData: Sendable, Equatable {
    /// One line on the chart: a named series of observations.
    public struct Series: Sendable, Equatable {
        /// The name shown in a legend; empty for the default ("history").
        public var name: String
        /// Observation times, ascending, in nanoseconds since the Unix epoch.
        public let timestamps: [Int64]
        /// One value per timestamp; NaN marks a gap.
        public let values: [Double]

        /// Creates a series; `timestamps` and `values` must have the same count.
        public init(name: String = "", timestamps: [Int64], values: [Double]) {
            precondition(timestamps.count == values.count, "one value per timestamp")
            self.name = name
            self.timestamps = timestamps
            self.values = values
        }
    }

    /// A prediction interval of the forecast: its nominal level and the bounds per step.
    public struct Band: Sendable, Equatable {
        /// Nominal coverage in (0, 1), e.g. 0.95.
        public let level: Double
        /// The lower bound per forecast step; NaN leaves a step out of the band.
        public let lower: [Double]
        /// The upper bound per forecast step; NaN leaves a step out of the band.
        public let upper: [Double]

        /// Creates a band; `lower` and `upper` must have the same count.
        public init(level: Double, lower: [Double], upper: [Double]) {
            precondition(lower.count == upper.count, "one bound per step on each side")
            self.level = level
            self.lower = lower
            self.upper = upper
        }

        /// The mean of upper − lower over the steps where both are finite; −∞ for none.
        package var meanWidth: Double {
            var sum = 0.0
            var count = 0
            for (lower, upper) in zip(lower, upper) where lower.isFinite && upper.isFinite {
                sum += upper / 2 - lower / 2
                count += 1
            }
            return count > 0 ? 2 * (sum / Double(count)) : -.infinity
        }
    }

    /// The continuation of the history: a mean path and zero or more bands around it.
    public struct Forecast: Sendable, Equatable {
        /// Forecast times, ascending, in nanoseconds since the Unix epoch.
        public let timestamps: [Int64]
        /// The point forecast, one value per timestamp.
        public let mean: [Double]
        /// Prediction intervals, each with one bound per timestamp on each side.
        public let bands: [Band]

        /// Creates a forecast; `mean` and every band must have one value per timestamp.
        public init(timestamps: [Int64], mean: [Double], bands: [Band] = []) {
            precondition(timestamps.count == mean.count, "one mean value per timestamp")
            precondition(bands.allSatisfy { $0.lower.count == timestamps.count },
                         "bands must span the forecast timestamps")
            self.timestamps = timestamps
            self.mean = mean
            self.bands = bands
        }

        /// The band with the largest mean width over the steps where both bounds are finite;
        /// the one listed first on a tie, nil when there are no bands.
        public var widestBand: Band? { bandsWidestFirst.first }

        /// The bands by decreasing mean width, in their listed order on ties.
        package var bandsWidestFirst: [Band] {
            let widths = bands.map(\.meanWidth)
            return bands.indices
                .sorted { widths[$0] > widths[$1] || (widths[$0] == widths[$1] && $0 < $1) }
                .map { bands[$0] }
        }
    }

    /// A point flagged as anomalous.
    public struct Anomaly: Sendable, Equatable {
        /// When, in nanoseconds since the Unix epoch.
        public var timestamp: Int64
        /// The detector's score, if it gave one.
        public var score: Double?
        /// Where to draw the marker; nil places it on the history value nearest in time.
        public var value: Double?

        /// Creates a marker at `timestamp`, on `value` if given, else on the history.
        public init(timestamp: Int64, score: Double? = nil, value: Double? = nil) {
            self.timestamp = timestamp
            self.score = score
            self.value = value
        }
    }

    /// A vertical line at a moment, such as a change point, with a tooltip.
    public struct Marker: Sendable, Equatable {
        /// When, in nanoseconds since the Unix epoch.
        public var timestamp: Int64
        /// What happened there, shown as the line's tooltip; empty for the time alone.
        public var label: String

        /// Creates a marker at `timestamp`.
        public init(timestamp: Int64, label: String = "") {
            self.timestamp = timestamp
            self.label = label
        }
    }

    /// A horizontal line at a value, such as an alerting threshold, with a label.
    public struct Threshold: Sendable, Equatable {
        /// Where the line is drawn; the value axis is widened to include it.
        public var value: Double
        /// The text beside the line; empty for the value alone.
        public var label: String

        /// Creates a threshold line at `value`.
        public init(value: Double, label: String = "") {
            self.value = value
            self.label = label
        }
    }

    /// The heading of the chart; empty for none.
    public var title: String
    /// The unit of the values, appended to the value-axis labels; empty for none.
    public var unit: String
    /// The metric's unit, for value-axis labels scaled as the tables show values (`20%` for a
    /// ratio of 0.2, `100 ms`, `1.5 GiB`); when known it takes the place of `unit`.
    public var valueUnit: MetricUnit = .none
    /// The lines to draw; the first is the history.
    public var series: [Series]
    /// The forecast continuing the history, if any.
    public var forecast: Forecast?
    /// Points to mark as anomalous.
    public var anomalies: [Anomaly]
    /// Moments to mark with a vertical line; the time axis is widened to include them.
    public var markers: [Marker]
    /// Values to mark with a horizontal line.
    public var thresholds: [Threshold]

    /// Creates a chart of several series.
    public init(title: String = "", unit: String = "", series: [Series], forecast: Forecast? = nil,
                anomalies: [Anomaly] = [], markers: [Marker] = [], thresholds: [Threshold] = []) {
        self.title = title
        self.unit = unit
        self.series = series
        self.forecast = forecast
        self.anomalies = anomalies
        self.markers = markers
        self.thresholds = thresholds
    }

    /// Creates a chart of one history series.
    public init(title: String = "", unit: String = "", timestamps: [Int64], values: [Double],
                forecast: Forecast? = nil, anomalies: [Anomaly] = [], markers: [Marker] = [],
                thresholds: [Threshold] = []) {
        self.init(title: title, unit: unit, series: [Series(timestamps: timestamps, values: values)],
                  forecast: forecast, anomalies: anomalies, markers: markers, thresholds: thresholds)
    }

    /// The history: the first series, or nil for a chart without one.
    public var history: Series? { series.first }
}
