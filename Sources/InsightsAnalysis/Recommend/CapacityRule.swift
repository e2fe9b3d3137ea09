/// Capacity: a usage series that the forecast says will reach its limit within the horizon.
///
/// For every series with a limit (``CapacityThresholds``), the history up to the analysis time
/// (leading and trailing gaps cut, inner gaps interpolated) is forecast `horizon` ahead by the
/// forecast command's default model (`auto`) with conformal calibration (``ForecastBatch``), and
/// ``ThresholdCrossing`` turns the point forecast plus each backtest error path into sample
/// paths: P(cross within the horizon) and the 5 %, 50 % and 95 % quantiles of the first-crossing
/// time. It fires when P ≥ `minimumProbability`.
///
/// - Confidence: P(the series reaches the limit within the horizon), the fraction of sample
///   paths that do (a multiple of 1/paths).
/// - Severity: critical when the median first crossing is within `criticalWithin` (or the
///   series is already at the limit), warning otherwise.
/// - Impact: 1 − ½·(median crossing / horizon), from 1 (now) to ½ (at the horizon's end).
public struct CapacityRule: RecommendationRule {
    public var name: String { "capacity" }
    /// How far ahead, nanoseconds (default 3 days).
    public var horizon: Int64
    /// The smallest P(cross) that fires (default 0.5).
    public var minimumProbability: Double
    /// A median crossing sooner than this is critical (default 1 day), nanoseconds.
    public var criticalWithin: Int64
    /// Backtest windows for the sample paths (default 20).
    public var windows: Int
    /// Threads for the forecasts.
    public var workers: Int
    /// Configured limits by metric-name glob, replacing the name-based defaults where they match.
    public var limits: [CapacityThresholds.Override]

    public init(horizon: Int64 = 3 * 86_400_000_000_000, minimumProbability: Double = 0.5,
                criticalWithin: Int64 = 86_400_000_000_000, windows: Int = 20, workers: Int = 1,
                limits: [CapacityThresholds.Override] = []) {
        self.limits = limits
        self.horizon = horizon
        self.minimumProbability = minimumProbability
        self.criticalWithin = criticalWithin
        self.windows = windows
        self.workers = workers
    }

    public func evaluate(_ context: RuleContext) -> [Recommendation] {
        let steps = Int(horizon / context.step)
        guard steps >= 1 else { return [] }
        // Candidates: series with a limit and a value inside the analysed window.
        var candidates: [(series: RuleSeries, limit: CapacityThresholds.Limit, history: [Double], periods: [Int], last: Int)] = []
        for series in context.series {
            guard let limit = CapacityThresholds.limit(for: series.metric, overrides: limits),
                  let first = series.values.firstIndex(where: { !$0.isNaN }),
                  let last = series.values.lastIndex(where: { !$0.isNaN }), last >= context.windowStart else { continue }
            let history = MissingValues.interpolated(Array(series.values[first...last]))
            // Too short for a backtested forecast of this horizon: at least two horizons.
            guard history.count >= 2 * steps + 8 else { continue }
            candidates.append((series, limit, history, context.forecastPeriods(history), last))
        }
        // One batch per set of periods, as the forecast command batches.
        var recommendations: [Recommendation] = []
        var groups: [[Int]: [Int]] = [:]
        for (i, candidate) in candidates.enumerated() { groups[candidate.periods, default: []].append(i) }
        for periods in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let members = groups[periods]!
            guard let entry = ForecastModelRegistry.entry(named: "auto") else { continue }
            let model = entry.build(.init(periods: periods))
            let results = ForecastBatch.calibrate(members.map { candidates[$0].history }, model: model, horizon: steps,
                                                  levels: [0.8, 0.95], windows: windows, spacing: max(1, steps / 8),
                                                  workers: workers)
            for (i, result) in zip(members, results) {
                guard case .success(let calibrated) = result, !calibrated.errorPaths.isEmpty else { continue }
                let candidate = candidates[i]
                let crossing = ThresholdCrossing(calibrated, threshold: candidate.limit.value, direction: .above)
                if let recommendation = recommend(candidate.series, limit: candidate.limit, crossing: crossing,
                                                  current: candidate.history.last ?? .nan, from: context.timestamp(at: candidate.last), model: model.name,
                                                  steps: steps, context: context) {
                    recommendations.append(recommendation)
                }
            }
        }
        return recommendations
    }

    func recommend(_ series: RuleSeries, limit: CapacityThresholds.Limit, crossing: ThresholdCrossing, current: Double,
                   from origin: Int64, model: String, steps: Int, context: RuleContext) -> Recommendation? {
        let probability = crossing.probability
        guard probability >= minimumProbability, let median = crossing.firstCrossing(quantile: 0.5) else { return nil }
        let hours = { (step: Int) in Double(step) * context.stepHours }
        let horizonHours = hours(steps)
        let p05 = crossing.firstCrossing(quantile: 0.05), p95 = crossing.firstCrossing(quantile: 0.95)
        let medianHours = hours(median)
        let low = p05.map { RuleText.duration(hours: hours($0), like: medianHours) } ?? "0"
        let high = p95.map { RuleText.duration(hours: hours($0), like: medianHours) } ?? ">\(RuleText.duration(hours: horizonHours, like: medianHours))"
        let severity: Severity = current >= limit.value || Int64(medianHours * 3.6e12) <= criticalWithin ? .critical : .warning
        let limitText = RuleText.number(limit.value)
        let title = "\(limit.resource) on \(series.place) reaches \(limitText) in \(RuleText.duration(hours: medianHours)) "
            + "[\(low), \(high)] (P = \(RuleText.probability(probability)))"
        let description = "\(series.selector) is at \(RuleText.number(current)); forecast \(RuleText.duration(hours: horizonHours)) "
            + "ahead (\(model), \(crossing.paths) backtest paths), \(Int((probability * 100).rounded()))% of the sample paths "
            + "reach \(limitText): the first crossing's median is \(RuleText.iso8601(origin + Int64(median) * context.step)) "
            + "(in \(RuleText.duration(hours: medianHours))), its 5–95% range \(low) to \(high) \(RuleText.durationUnit(like: medianHours)) "
            + "after the last point, \(RuleText.iso8601(origin))."
        var evidence: [Recommendation.Evidence] = [
            .init("current", current, unit: "value"),
            .init("threshold", limit.value, unit: "value"),
            .init("probability", probability, unit: "probability"),
            .init("paths", Double(crossing.paths), unit: "count"),
            .init("crossing_p50", medianHours, unit: "hours"),
        ]
        if let p05 { evidence.append(.init("crossing_p05", hours(p05), unit: "hours")) }
        if let p95 { evidence.append(.init("crossing_p95", hours(p95), unit: "hours")) }
        if let point = crossing.pointCrossing { evidence.append(.init("point_forecast_crossing", hours(point), unit: "hours")) }
        evidence.append(.init("horizon", horizonHours, unit: "hours"))
        let statement = "forecast \(series.selector) \(context.historyClauses) horizon \(Int(horizonHours.rounded()))h "
            + "threshold \(limitText)"
        return Recommendation(
            rule: name, alertName: "InsightsCapacityBreach", kind: "capacity", identity: series.selector, severity: severity,
            subject: .init(selector: series.selector, labels: series.labels + [(key: "metric", value: series.metric)],
                           series: [series.selector]),
            title: title, description: description, evidence: evidence, confidence: probability,
            impact: 1 - 0.5 * min(1, medianHours / horizonHours),
            action: "free or add \(limit.resource) capacity on \(series.place) before it reaches \(limitText)",
            window: context.timestamp(at: 0)...context.timestamp(at: max(context.count - 1, 0)), statement: statement)
    }
}
