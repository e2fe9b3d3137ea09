/// How engaged actors are: stickiness (how many days of each week or month they are active)
/// and lifecycle (who is new, returning, resurrecting or dormant in each period).
public enum Engagement {
    /// One period's stickiness.
    public struct Stickiness: Sendable, Equatable {
        public let period: Int
        /// `actorsByDays[k - 1]`: actors active on exactly k distinct days of the period
        /// (k = 1 … the longest period: 7 for weeks, 31 for months).
        public let actorsByDays: [Int]
        /// Actors active at least once in the period.
        public var actors: Int { actorsByDays.reduce(0, +) }
        /// Mean active days of those actors (NaN without any).
        public var meanDays: Double {
            let days = actorsByDays.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
            return actors == 0 ? .nan : Double(days) / Double(actors)
        }
    }

    /// Stickiness of event `name` (any event when nil) per period of `periods` (week or month)
    /// in `periodRange`: days are calendar days in the same time zone.
    public static func stickiness(of name: String?, in log: EventLog, periods: CalendarPeriods,
                                  periodRange: Range<Int>) -> [Stickiness] {
        precondition(periods.unit == .week || periods.unit == .month, "stickiness counts days per week or month")
        let width = periods.unit == .week ? 7 : 31
        let days = CalendarPeriods(.day, timeZone: periods.timeZone)
        let nameID = name.map { log.nameID($0) ?? -1 }
        let partials = log.forEachActorRange { actors in
            var counts = [[Int]](repeating: [Int](repeating: 0, count: width), count: periodRange.count)
            for actor in actors {
                // The actor's events are in time order, so days and periods come in order.
                var currentPeriod = Int.min, currentDay = Int.min, activeDays = 0
                func close() {
                    if activeDays > 0 { counts[currentPeriod - periodRange.lowerBound][activeDays - 1] += 1 }
                }
                for i in log.events(of: actor) where nameID == nil || log.names[i] == nameID {
                    let t = log.timestamps[i]
                    let period = periods.index(t)
                    guard periodRange.contains(period) else { continue }
                    if period != currentPeriod {
                        close()
                        (currentPeriod, currentDay, activeDays) = (period, Int.min, 0)
                    }
                    let day = days.index(t)
                    if day != currentDay {
                        currentDay = day
                        activeDays += 1
                    }
                }
                close()
            }
            return counts
        }
        return periodRange.map { period in
            let row = period - periodRange.lowerBound
            return Stickiness(period: period, actorsByDays: (0..<width).map { k in partials.reduce(0) { $0 + $1[row][k] } })
        }
    }

    /// One period's lifecycle counts.
    public struct Lifecycle: Sendable, Equatable {
        public let period: Int
        /// Active now, and this is the period of their first event ever (in the log).
        public let new: Int
        /// Active now and in the previous period.
        public let returning: Int
        /// Active now, not in the previous period, but in some earlier one.
        public let resurrecting: Int
        /// Active in the previous period, not now.
        public let dormant: Int
    }

    /// Lifecycle of actors doing event `name` (any event when nil) per period of `periods` in
    /// `periodRange`. "First ever" is the actor's first such event in `log`, so give the log
    /// the history before the range (the commands read from the start of the data).
    public static func lifecycle(of name: String?, in log: EventLog, periods: CalendarPeriods,
                                 periodRange: Range<Int>) -> [Lifecycle] {
        let nameID = name.map { log.nameID($0) ?? -1 }
        let partials = log.forEachActorRange { actors in
            // Per period offset: new, returning, resurrecting, dormant.
            var counts = [[Int]](repeating: [0, 0, 0, 0], count: periodRange.count)
            for actor in actors {
                var active: [Int] = []  // distinct periods, ascending
                for i in log.events(of: actor) where nameID == nil || log.names[i] == nameID {
                    let period = periods.index(log.timestamps[i])
                    if active.last != period { active.append(period) }
                }
                guard let first = active.first else { continue }
                for (k, period) in active.enumerated() {
                    if periodRange.contains(period) {
                        let status = period == first ? 0 : (active[k - 1] == period - 1 ? 1 : 2)
                        counts[period - periodRange.lowerBound][status] += 1
                    }
                    // Dormant in the period after, when that period has no activity.
                    let next = period + 1
                    if periodRange.contains(next) && (k + 1 == active.count || active[k + 1] != next) {
                        counts[next - periodRange.lowerBound][3] += 1
                    }
                }
            }
            return counts
        }
        return periodRange.map { period in
            let row = period - periodRange.lowerBound
            let total = (0..<4).map { s in partials.reduce(0) { $0 + $1[row][s] } }
            return Lifecycle(period: period, new: total[0], returning: total[1], resurrecting: total[2], dormant: total[3])
        }
    }
}
