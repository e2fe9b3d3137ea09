import InsightsNumerics

/// What `Funnel.run` finds: per step counts and conversions, overall and per breakdown group,
/// and each actor's furthest step (for drop-off lists).
public struct FunnelResult: Sendable {
    /// The distribution of the seconds taken to convert into a step from the step before, over
    /// the actors counted at the step: quantiles by linear interpolation (Hyndman & Fan
    /// definition 7; the median of an even count is the mean of the middle two).
    public struct TimeToConvert: Sendable, Equatable {
        public let count: Int
        public let p25: Double
        public let median: Double
        public let p75: Double
        public let p90: Double
    }

    /// One step's numbers.
    public struct Step: Sendable {
        public let event: String
        /// Unique actors reaching the step.
        public let count: Int
        /// count / previous step's count; 1 for step 1 (NaN when the denominator is 0).
        public let conversionFromPrevious: Double
        /// count / step 1's count (NaN when no actor started).
        public let conversionFromFirst: Double
        /// The 95% Wilson score interval of `conversionFromFirst` (NaN ends when no actor started).
        public let interval: (low: Double, high: Double)
        /// Seconds from the previous step; nil for step 1 and for a step nobody reached.
        public let timeToConvert: TimeToConvert?
    }

    /// The steps for actors whose start event had one breakdown value.
    public struct Group: Sendable {
        /// The property's JSON text, nil for actors whose start event lacks it.
        public let value: String?
        public let steps: [Step]
    }

    public let steps: [Step]
    /// Groups by decreasing step-1 count (ties by value, nil last); empty without a breakdown.
    public let breakdown: [Group]
    /// Per actor of the log: the furthest step reached (1-based), 0 for actors that never started.
    public let furthestStep: [Int]
    public let actorIDs: [String]

    init(steps names: [String], outcomes: Funnel.Outcomes, groups: [String?]?, actorIDs: [String]) {
        furthestStep = outcomes.reached
        self.actorIDs = actorIDs
        let actors = Array(outcomes.reached.indices)
        steps = Self.summarise(names, outcomes, actors)
        guard let groups else {
            breakdown = []
            return
        }
        var members: [String?: [Int]] = [:]
        for actor in actors where outcomes.reached[actor] > 0 { members[groups[actor], default: []].append(actor) }
        breakdown = members.map { Group(value: $0.key, steps: Self.summarise(names, outcomes, $0.value)) }
            .sorted { a, b in
                if a.steps[0].count != b.steps[0].count { return a.steps[0].count > b.steps[0].count }
                switch (a.value, b.value) {
                case let (x?, y?): return x < y
                case (_?, nil): return true
                default: return false
                }
            }
    }

    /// The ids of the actors who reached step `step` (1-based) but not the next one, sorted.
    /// - Precondition: `step` is a step of the funnel.
    public func dropoffs(afterStep step: Int) -> [String] {
        precondition(step >= 1 && step <= steps.count, "no step \(step) in a funnel of \(steps.count)")
        return furthestStep.indices.filter { furthestStep[$0] == step }.map { actorIDs[$0] }.sorted()
    }

    private static func summarise(_ names: [String], _ outcomes: Funnel.Outcomes, _ actors: [Int]) -> [Step] {
        let s = names.count
        var counts = [Int](repeating: 0, count: s)
        var seconds = [[Double]](repeating: [], count: s)
        for actor in actors {
            let reached = outcomes.reached[actor]
            for k in 0..<reached { counts[k] += 1 }
            for k in 1..<max(1, reached) {
                seconds[k].append(Double(outcomes.times[actor * (s - 1) + k - 1]) / 1e9)
            }
        }
        return names.indices.map { k in
            let first = counts[0]
            let previous = k == 0 ? first : counts[k - 1]
            var time: TimeToConvert?
            if k > 0 && !seconds[k].isEmpty {
                let q = Statistics.quantiles(seconds[k], [0.25, 0.75, 0.9])
                time = TimeToConvert(count: seconds[k].count, p25: q[0], median: Statistics.median(seconds[k]),
                                     p75: q[1], p90: q[2])
            }
            return Step(event: names[k], count: counts[k],
                        conversionFromPrevious: previous == 0 ? .nan : Double(counts[k]) / Double(previous),
                        conversionFromFirst: first == 0 ? .nan : Double(counts[k]) / Double(first),
                        interval: Proportion.wilsonInterval(successes: counts[k], trials: first),
                        timeToConvert: time)
        }
    }
}
