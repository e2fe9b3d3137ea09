/// A chart of any kind the renderers draw: a time series, panels of time series on one time
/// axis, bars, or a heatmap.
///
/// `SVGChart.render(_:width:height:)` and `TerminalChart.render(_:width:height:color:)` draw
/// every kind, so the shell's `.chart on`, `.plot` and a notebook's SVG outputs share one chart.
public enum Chart: Sendable, Equatable {
    /// One time series with its forecast, bands, anomalies, markers and thresholds.
    case series(ChartData)
    /// Time series stacked one above another on a shared time axis (a decomposition).
    case panels(PanelChartData)
    /// Bars with their counts and shares of the first (a funnel).
    case bars(BarChartData)
    /// Rows × columns of rates (a retention table).
    case heatmap(HeatmapData)

    /// The heading of the chart; empty for none.
    public var title: String {
        switch self {
        case .series(let data): data.title
        case .panels(let data): data.title
        case .bars(let data): data.title
        case .heatmap(let data): data.title
        }
    }
}

/// Time-series charts stacked one above another on one time axis, each with its own value
/// axis and its label (its `title`): the observed series of a decomposition, its trend, each
/// seasonal component and the remainder.
public struct PanelChartData: Sendable, Equatable {
    /// The heading above all panels; empty for none.
    public var title: String
    /// The panels, top to bottom; each one's `title` labels it.
    public var panels: [ChartData]

    /// Creates a stack of `panels` under `title`.
    public init(title: String = "", panels: [ChartData]) {
        self.title = title
        self.panels = panels
    }
}
