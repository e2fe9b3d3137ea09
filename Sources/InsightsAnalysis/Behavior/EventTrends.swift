/// Event trends: per calendar period, how often an event happened, how many distinct actors
/// did it, or the sum or mean of a numeric property, optionally broken down by a property.
/// Every trend is a series on a regular calendar grid, so the metric analyses (trend,
/// anomalies, forecast) apply to it as they are.
public enum EventTrends {
    /// What each period's value counts.
    public enum Measure: Sendable, Equatable {
        /// Events.
        case count
        /// Distinct actors with at least one event in the period.
        case actors
        /// Sum of a numeric property over the events that carry a number there.
        case sum(String)
        /// Mean of a numeric property over the events that carry a number there (NaN when none).
        case average(String)

        /// The property the measure reads, if any.
        public var property: String? {
            switch self {
            case .count, .actors: nil
            case .sum(let key), .average(let key): key
            }
        }
    }

    /// One series: the values of periods `firstPeriod ..< firstPeriod + values.count`.
    public struct Series: Sendable, Equatable {
        public let event: String
        /// The breakdown property's value (its JSON text, `(none)` when absent), nil without a breakdown.
        public let breakdown: String?
        public let firstPeriod: Int
        public let values: [Double]
    }

    /// The trend of event `name` (every event when nil) in `log` over the periods
    /// `periodRange`, one series per breakdown value (in order of decreasing total, ties by value).
    ///
    /// A numeric property is a JSON number (`9.5`); strings, booleans and null are skipped.
    /// - Complexity: one pass over the log; `actors` counts each actor's distinct periods in a
    ///   pass per actor, in parallel over actor ranges.
    public static func series(of name: String?, in log: EventLog, measure: Measure, periods: CalendarPeriods,
                              periodRange: Range<Int>, breakdown: String? = nil) -> [Series] {
        let nameID: Int32?
        if let name {
            guard let id = log.nameID(name) else {
                return breakdown == nil ? [Series(event: name, breakdown: nil, firstPeriod: periodRange.lowerBound,
                                                  values: Array(repeating: measure.emptyValue, count: periodRange.count))] : []
            }
            nameID = id
        } else {
            nameID = nil
        }
        let groupColumn = breakdown.flatMap { log.properties[$0] }
        let valueColumn = measure.property.flatMap { log.properties[$0] }
        // Per breakdown value: per period, (sum of values, number of values or events).
        typealias Cells = [String: [Int: (sum: Double, count: Int)]]
        let partials: [Cells] = log.forEachActorRange { actors in
            var cells: Cells = [:]
            for actor in actors {
                var seen = Set<Int64>()  // (group, period) pairs already counted for this actor
                var groupIndex: [String: Int64] = [:]
                for i in log.events(of: actor) where nameID == nil || log.names[i] == nameID {
                    let period = periods.index(log.timestamps[i])
                    guard periodRange.contains(period) else { continue }
                    let group = breakdown == nil ? "" : (groupColumn?[i] ?? nil) ?? "(none)"
                    switch measure {
                    case .count:
                        cells[group, default: [:]][period, default: (0, 0)].count += 1
                    case .actors:
                        let g = groupIndex[group] ?? Int64(groupIndex.count)
                        groupIndex[group] = g
                        if seen.insert(g << 32 | Int64(period - periodRange.lowerBound)).inserted {
                            cells[group, default: [:]][period, default: (0, 0)].count += 1
                        }
                    case .sum, .average:
                        guard let text = valueColumn?[i] ?? nil, let value = Double(text), value.isFinite else { continue }
                        cells[group, default: [:]][period, default: (0, 0)].sum += value
                        cells[group, default: [:]][period, default: (0, 0)].count += 1
                    }
                }
            }
            return cells
        }
        var merged: Cells = [:]
        for part in partials {
            for (group, byPeriod) in part {
                for (period, cell) in byPeriod {
                    merged[group, default: [:]][period, default: (0, 0)].sum += cell.sum
                    merged[group, default: [:]][period, default: (0, 0)].count += cell.count
                }
            }
        }
        if breakdown == nil && merged.isEmpty { merged[""] = [:] }
        let label = name ?? "all events"
        let series = merged.map { group, byPeriod in
            Series(event: label, breakdown: breakdown == nil ? nil : group, firstPeriod: periodRange.lowerBound,
                   values: periodRange.map { period in
                       guard let cell = byPeriod[period] else { return measure.emptyValue }
                       switch measure {
                       case .count, .actors: return Double(cell.count)
                       case .sum: return cell.sum
                       case .average: return cell.count > 0 ? cell.sum / Double(cell.count) : .nan
                       }
                   })
        }
        func total(_ s: Series) -> Double { s.values.reduce(0) { $1.isNaN ? $0 : $0 + $1 } }
        return series.sorted { (total($0), $1.breakdown ?? "") > (total($1), $0.breakdown ?? "") }
    }
}

extension EventTrends {
    /// Per period: actors who did `base` (trials) and, of those, actors who also did `target`
    /// in the same period (successes) — a conversion rate series.
    public static func conversion(from base: String, to target: String, in log: EventLog, periods: CalendarPeriods,
                                  periodRange: Range<Int>) -> (successes: [Double], trials: [Double]) {
        guard let baseID = log.nameID(base) else {
            return ([Double](repeating: 0, count: periodRange.count), [Double](repeating: 0, count: periodRange.count))
        }
        let targetID = log.nameID(target) ?? -1
        let partials = log.forEachActorRange { actors in
            var successes = [Double](repeating: 0, count: periodRange.count)
            var trials = [Double](repeating: 0, count: periodRange.count)
            for actor in actors {
                var did: [Int: (base: Bool, target: Bool)] = [:]
                for i in log.events(of: actor) where log.names[i] == baseID || log.names[i] == targetID {
                    let period = periods.index(log.timestamps[i])
                    guard periodRange.contains(period) else { continue }
                    if log.names[i] == baseID { did[period, default: (false, false)].base = true }
                    if log.names[i] == targetID { did[period, default: (false, false)].target = true }
                }
                for (period, flags) in did where flags.base {
                    trials[period - periodRange.lowerBound] += 1
                    if flags.target { successes[period - periodRange.lowerBound] += 1 }
                }
            }
            return (successes, trials)
        }
        let successes = (0..<periodRange.count).map { t in partials.reduce(0) { $0 + $1.0[t] } }
        let trials = (0..<periodRange.count).map { t in partials.reduce(0) { $0 + $1.1[t] } }
        return (successes, trials)
    }
}

extension EventTrends.Measure {
    /// The value of a period without events: 0, or NaN for a mean.
    var emptyValue: Double {
        if case .average = self { return .nan }
        return 0
    }
}
