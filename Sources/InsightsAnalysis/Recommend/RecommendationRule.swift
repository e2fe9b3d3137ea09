/// A check that turns series into recommendations. One rule per file; each documents what it
/// flags, its confidence and its severity in docs/RECOMMEND.md.
///
/// Rules are pure: they get arrays on a grid (``RuleContext``) and return values. They never
/// read storage, print or fail a whole run: a series a rule cannot analyse is skipped.
public protocol RecommendationRule: Sendable {
    /// The rule's name, e.g. `capacity`; part of every fingerprint it makes.
    var name: String { get }
    /// Recommendations for the series of `context` (any order; the caller ranks them).
    func evaluate(_ context: RuleContext) -> [Recommendation]
}

/// One series handed to the rules: its identity and its values on the context's grid.
public struct RuleSeries: Sendable {
    public let metric: String
    /// Label pairs sorted by key.
    public let labels: [(key: String, value: String)]
    /// One value per grid step, NaN where the series has no point.
    public let values: [Double]

    public init(metric: String, labels: [(key: String, value: String)], values: [Double]) {
        self.metric = metric
        self.labels = labels.sorted { $0.key < $1.key }
        self.values = values
    }

    /// The value of label `key`, if present.
    public func label(_ key: String) -> String? { labels.first { $0.key == key }?.value }

    /// PromQL text of the series: `metric{k="v", ...}`, labels sorted (its identity in fingerprints).
    public var selector: String {
        guard !labels.isEmpty else { return metric }
        let pairs = labels.map { "\($0.key)=\"\(Self.escaped($0.value))\"" }
        return "\(metric){\(pairs.joined(separator: ", "))}"
    }

    /// The most specific of the usual "where" labels (`instance`, `host`, `node`, `pod`,
    /// `service`, `job`), for titles; else the selector.
    public var place: String {
        for key in ["instance", "host", "node", "pod", "service", "job"] {
            if let value = label(key) { return value }
        }
        return selector
    }

    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}

/// What every rule sees: series on one regular grid that ends at the analysis time, and the part
/// of it that is the window being analysed.
///
/// The grid covers the history the rules may learn from (`insights recommend --history`); the
/// analysed window (`--since`) is its tail from ``windowStart``. Conditions are judged in the
/// window; baselines, seasonality and forecasts use the whole history.
public struct RuleContext: Sendable {
    public let series: [RuleSeries]
    /// Time of grid index 0 and the step, nanoseconds (UTC).
    public let start: Int64
    public let step: Int64
    /// The analysis time: the end of the grid's last step.
    public let now: Int64
    /// The first grid index inside the analysed window.
    public let windowStart: Int
    /// Grid points per series.
    public let count: Int
    /// Behavior events from the grid's start to ``now`` (every name, with the property columns the
    /// selected event rules asked for), or nil: the runner hands them in one extra context without
    /// series, only when an event rule (`error_spike`, `funnel_drop`, `experiment`) is selected.
    /// Series rules find no series there; event rules find nil in every series context.
    public let events: EventLog?

    /// - Precondition: every series has `count` values, `step > 0`, `0 ≤ windowStart ≤ count`.
    public init(series: [RuleSeries], start: Int64, step: Int64, count: Int, now: Int64, windowStart: Int,
                events: EventLog? = nil) {
        precondition(step > 0, "the grid step must be positive")
        precondition(series.allSatisfy { $0.values.count == count }, "every series lies on the context's grid")
        precondition(windowStart >= 0 && windowStart <= count, "the window starts on the grid")
        self.series = series
        self.start = start
        self.step = step
        self.count = count
        self.now = now
        self.windowStart = windowStart
        self.events = events
    }

    /// The time of grid index `i`, nanoseconds.
    public func timestamp(at i: Int) -> Int64 { start + Int64(i) * step }

    /// The analysed window as nanoseconds (its first and last grid times).
    public var window: ClosedRange<Int64> {
        timestamp(at: min(windowStart, max(count - 1, 0)))...timestamp(at: max(count - 1, 0))
    }

    /// The start of the analysed window, nanoseconds (the time of ``windowStart``).
    public var windowStartTime: Int64 { timestamp(at: windowStart) }

    /// The step in hours.
    public var stepHours: Double { Double(step) / 3.6e12 }
}
