import InsightsNumerics

/// A metric drifting the bad way: the trend of `insights trend` (OLS of value on time with
/// Newey–West HAC standard errors, ``TrendAnalysis/fitBatched(_:options:)``) over the whole
/// history, for metrics whose bad direction the name tells (``direction(of:)``).
///
/// - Fires when the slope's two-sided p-value is below `maximumPValue` (default 0.01), the slope
///   points the bad way, and the trend line changes by at least `minimumChange` (default 10 %) of
///   its value at the start of the history.
/// - Confidence: 1 − p, p the slope's HAC p-value (the chance of a slope this far from 0 if the
///   series had no trend, under the HAC normal approximation).
/// - Severity: critical when the trend line doubles over the history (+100 %) for a rising-is-bad
///   metric, or halves (−50 %) for a falling-is-bad one; warning otherwise.
/// - Impact: |% change| / 100, at most 1.
public struct DegradingTrendRule: RecommendationRule {
    /// Which way a metric gets worse.
    public enum Direction: String, Sendable {
        /// Rising is worse (latency, errors, saturation).
        case up
        /// Falling is worse (availability, cache hits).
        case down
    }

    public var name: String { "degrading_trend" }
    /// The slope's p-value must be below this (default 0.01).
    public var maximumPValue: Double
    /// The smallest change of the trend line over the history that counts, in percent (default 10).
    public var minimumChange: Double
    /// The fewest observed points a series needs (default 24).
    public var minimumPoints: Int

    public init(maximumPValue: Double = 0.01, minimumChange: Double = 10, minimumPoints: Int = 24) {
        self.maximumPValue = maximumPValue
        self.minimumChange = minimumChange
        self.minimumPoints = minimumPoints
    }

    /// The bad direction of a metric from its name, or nil when the name does not tell:
    /// up for latencies (`_seconds`, `latency`), errors (`error`) and disk, memory or cpu
    /// `_ratio`s; down for `availability` and `cache_hit`.
    public static func direction(of metric: String) -> Direction? {
        let name = metric.lowercased()
        if name.contains("availability") || name.contains("cache_hit") { return .down }
        if name.contains("_seconds") || name.contains("latency") || name.contains("error") { return .up }
        if name.hasSuffix("_ratio"), ["disk", "memory", "mem_", "cpu"].contains(where: { name.contains($0) }) { return .up }
        return nil
    }

    public func evaluate(_ context: RuleContext) -> [Recommendation] {
        // Each series over its observed span (leading and trailing gaps cut), so the % change is
        // over the data the series has; series sharing a span are fitted as one batch.
        var bySpan: [ClosedRange<Int>: [(index: Int, direction: Direction)]] = [:]
        for (i, series) in context.series.enumerated() {
            guard let direction = Self.direction(of: series.metric),
                  let first = series.values.firstIndex(where: \.isFinite),
                  let last = series.values.lastIndex(where: \.isFinite),
                  series.values[first...last].reduce(0, { $1.isFinite ? $0 + 1 : $0 }) >= minimumPoints else { continue }
            bySpan[first...last, default: []].append((i, direction))
        }
        return bySpan.keys.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }.flatMap { span in
            let members = bySpan[span]!
            let matrix = Matrix(columns: members.map { Array(context.series[$0.index].values[span]) })
            let fits = TrendAnalysis.fitBatched(matrix, options: TrendOptions())
            return zip(members, fits).compactMap { member, fit -> Recommendation? in
                guard case .success(let estimate) = fit else { return nil }
                return recommendation(context.series[member.index], direction: member.direction, estimate: estimate,
                                      span: span, context: context)
            }
        }
    }

    private func recommendation(_ series: RuleSeries, direction: Direction, estimate: TrendEstimate,
                                span: ClosedRange<Int>, context: RuleContext) -> Recommendation? {
        let p = estimate.slopePValue, change = estimate.percentChange
        guard p.isFinite, p < maximumPValue, estimate.intercept > 0, change.isFinite,
              direction == .up ? change >= minimumChange : change <= -minimumChange else { return nil }
        let stepSeconds = Double(context.step) / 1e9
        let perDay = estimate.slope(perSeconds: 86_400, stepSeconds: stepSeconds)
        let interval = estimate.slopeInterval
        let low = interval.low * 86_400 / stepSeconds, high = interval.high * 86_400 / stepSeconds
        let first = estimate.intercept, last = estimate.intercept + estimate.slope * Double(estimate.length - 1)
        let days = Double(context.step) * Double(max(span.count - 1, 1)) / 8.64e13
        let from = context.timestamp(at: span.lowerBound), to = context.timestamp(at: span.upperBound)
        let critical = direction == .up ? change >= 100 : change <= -50
        let verb = direction == .up ? "rising" : "falling"
        let pText = RuleText.significance("p", p)
        let signed = (perDay >= 0 ? "+" : "") + RuleText.number(perDay)
        let unit = series.metric.contains("_seconds") ? " s" : ""
        let title = "\(series.metric) on \(series.place) \(verb) \(signed)\(unit)/day (\(change >= 0 ? "+" : "")"
            + "\(RuleText.decimal(change)) % over \(RuleText.decimal(days)) days, \(pText))"
        let description = "The trend line of \(series.selector) (OLS on time, Newey–West HAC with \(estimate.hacLags) lags, "
            + "\(estimate.observationCount) points) goes from \(RuleText.number(first)) to \(RuleText.number(last)) "
            + "between \(RuleText.iso8601(from)) and \(RuleText.iso8601(to)): "
            + "\(signed) per day (\(Int((estimate.level * 100).rounded())) % interval \(RuleText.number(low)) .. "
            + "\(RuleText.number(high))), \(RuleText.decimal(change)) % of the start value; "
            + "\(direction == .up ? "higher" : "lower") is worse for this metric."
        return Recommendation(
            rule: name, alertName: "InsightsDegradingTrend", kind: "trend", identity: series.selector,
            severity: critical ? .critical : .warning,
            subject: .init(selector: series.selector, labels: series.labels + [(key: "metric", value: series.metric)],
                           series: [series.selector]),
            title: title, description: description,
            evidence: [
                .init("slope_per_day", perDay, unit: "value"),
                .init("slope_per_day_low", low, unit: "value"),
                .init("slope_per_day_high", high, unit: "value"),
                .init("percent_change", change, unit: "percent"),
                .init("p_value", p, unit: "probability"),
                .init("trend_start", first, unit: "value"),
                .init("trend_end", last, unit: "value"),
                .init("points", Double(estimate.observationCount), unit: "count"),
            ],
            confidence: 1 - p, impact: min(1, abs(change) / 100),
            action: "find what changed on \(series.place) since the trend began (releases, traffic, data growth) "
                + "before \(series.metric) reaches a limit",
            window: from...to,
            statement: "trend \(series.selector) from \(RuleText.iso8601(from)) to \(RuleText.iso8601(to)) step \(context.stepText)")
    }
}
