import InsightsAnalysis
import InsightsStorage

/// The stored series as the recommendation rules see them: one ``RuleContext`` per sampling step.
enum RecommendationInput {
    /// Every series with at least two points in the history, grouped by its sampling step (the
    /// median spacing `insights metrics` shows) and read onto one grid per step (average per
    /// bucket, gaps missing) whose last bucket holds the analysis time.
    /// - Parameters:
    ///   - now: The analysis time; nil for the newest point of any series.
    ///   - history: How far back the grid reaches, nanoseconds.
    ///   - since: The analysed window at the grid's end, nanoseconds.
    ///   - eventProperties: When an event rule runs, the property columns it reads: then one more
    ///     context without series carries the events of the history (``eventContext``).
    /// - Throws: `CommandFailure.data` when the store holds no points (and, with event rules, no events).
    static func contexts(from database: Store, now: Timestamp?, history: Int64, since: Int64,
                         eventProperties: [String]? = nil) throws -> [RuleContext] {
        let infos = try database.series()
        // Event rules can run on a store of events alone: then the newest event is the analysis time.
        let newestEvent = eventProperties == nil ? nil : try database.latestEventTimestamp()
        guard let end = now ?? infos.compactMap(\.last).max() ?? newestEvent else {
            throw CommandFailure.data("the database holds no \(eventProperties == nil ? "metric points" : "metric points or events") to analyse")
        }
        let extents = try database.extents(of: infos, from: end - history, to: end)
        var byStep: [Int64: [Store.SeriesExtent]] = [:]
        for extent in extents {
            guard let step = extent.step, step > 0, extent.pointCount >= 2 else { continue }
            byStep[step, default: []].append(extent)
        }
        var events: [RuleContext] = []
        if let eventProperties, let context = try eventContext(from: database, now: end, history: history, since: since,
                                                              properties: eventProperties) {
            events.append(context)
        }
        return try byStep.keys.sorted().map { step in
            let grid = RegularGrid(aligning: (end - history)..<(end + 1), step: step)
            let members = byStep[step]!
            var columns: [(timestamps: [Timestamp], values: [Double])] = []
            for member in members {
                columns.append(try database.points(seriesID: member.id, from: grid.start, to: grid.end - 1))
            }
            let matrix = Resampling.resample(series: columns, grid: grid, aggregation: .avg, gapFill: .missing)
            let series = members.enumerated().map { c, member in
                RuleSeries(metric: member.key.metric, labels: member.key.labels.map { (key: $0.key, value: $0.value) },
                           values: matrix.column(c))
            }
            let windowStart = grid.index(of: end - since) ?? 0
            return RuleContext(series: series, start: grid.start, step: step, count: grid.count, now: end,
                               windowStart: min(windowStart + (grid.timestamp(at: windowStart) < end - since ? 1 : 0), grid.count))
        } + events
    }

    /// The events of the history, every name, with `properties`, in a context without series on
    /// an hourly grid from `now − history` to `now` whose window starts at `now − since` (event
    /// rules bucket by UTC day or read times themselves); nil when the history holds no events.
    static func eventContext(from database: Store, now: Timestamp, history: Int64, since: Int64,
                             properties: [String]) throws -> RuleContext? {
        let columns: Store.EventColumns
        do {
            columns = try database.eventColumns(Store.EventQuery(from: now - history, to: now, properties: properties))
        } catch {
            throw CommandFailure.data(error.message)
        }
        guard columns.count > 0 else { return nil }
        let log = EventLog(timestamps: columns.timestamps, actors: columns.actors, names: columns.names,
                           actorIDs: columns.actorIDs, eventNames: columns.eventNames, properties: columns.properties)
        let hour: Int64 = 3_600_000_000_000
        let start = now - history
        let count = Int(history / hour) + 1
        let windowStart = Int((history - since + hour - 1) / hour)
        return RuleContext(series: [], start: start, step: hour, count: count, now: now,
                           windowStart: min(max(windowStart, 0), count), events: log)
    }
}
