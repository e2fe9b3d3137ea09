/// A conversion funnel: how many actors get from a first step through the later ones within a
/// conversion window, how long each step takes, and who drops off where.
///
/// **Attempts.** An attempt starts at one of an actor's start events and lasts `window`
/// nanoseconds (an event exactly `window` after the start is inside). In `ordered` mode the
/// start events are the step-1 events, and the attempt reaches step k when step k's event
/// follows step k − 1's (later in the actor's history: later time, or the same time and later
/// storage order; other events may come between) inside the window; each step is matched to
/// its earliest possible event, which reaches as far as any other matching does. In `any`
/// mode every event of any step starts an attempt, and the attempt reaches level k when k
/// different steps occur at or after the start inside the window, in any order (row k of the
/// result then counts actors who did k of the steps; an event that matches two steps counts
/// for both, so give `any` funnels distinct steps).
///
/// **Which attempt counts.** With `.furthest` (the default) every start event is evaluated
/// and the actor counts at the furthest step any of them reaches; among attempts reaching it
/// the earliest start is the one used for times and the breakdown. With `.first` only the
/// actor's first start event in the log counts.
///
/// **Time to convert** into step k is the time from the attempt's step k − 1 event to its
/// step k event (in `any` mode, from the (k − 1)-th to the k-th distinct step reached, in time
/// order), over the actors counted at step k.
///
/// **Breakdown.** With a breakdown property each actor belongs to the group of that property's
/// value on the start event of the attempt that counts (nil, shown as "(none)", when that
/// event lacks it), so an actor is in exactly one group.
///
/// **Filters.** A step may require property values (`PropertyFilter`); they are tested per
/// step on the log's property columns, so two steps may name the same event with different
/// filters. The log must hold a column for every filtered or breakdown key.
public struct Funnel: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Steps in the given order, other events allowed between them.
        case ordered
        /// All steps within the window, in any order.
        case any
    }

    public enum Attempt: String, Sendable, CaseIterable {
        /// The furthest step reached from any start event.
        case furthest
        /// Only the actor's first start event.
        case first
    }

    /// A condition on one property of a step's event, tested on the JSON text the log holds
    /// (`"pro"`, `9.5`, `true`): it holds when the text is one of `texts` (or, negated, when it
    /// is not, including when the event lacks the property).
    public struct PropertyFilter: Sendable, Equatable {
        public let key: String
        public let texts: Set<String>
        public let negated: Bool

        public init(key: String, texts: Set<String>, negated: Bool = false) {
            self.key = key
            self.texts = texts
            self.negated = negated
        }
    }

    /// One step: an event name and the property conditions its events must meet (all of them).
    public struct Step: Sendable, Equatable {
        public let event: String
        public let filters: [PropertyFilter]

        public init(_ event: String, filters: [PropertyFilter] = []) {
            self.event = event
            self.filters = filters
        }
    }

    public let steps: [Step]
    /// The conversion window in nanoseconds, measured from the attempt's start event.
    public let window: Int64
    public let mode: Mode
    public let attempt: Attempt
    /// The property whose value on the start event splits the actors into groups.
    public let breakdown: String?

    /// - Precondition: at least one step and a non-negative window.
    public init(steps: [Step], window: Int64, mode: Mode = .ordered, attempt: Attempt = .furthest,
                breakdown: String? = nil) {
        precondition(!steps.isEmpty, "a funnel needs at least one step")
        precondition(window >= 0, "negative conversion window")
        self.steps = steps
        self.window = window
        self.mode = mode
        self.attempt = attempt
        self.breakdown = breakdown
    }

    /// Computes the funnel over every actor of `log`.
    ///
    /// - Parameters:
    ///   - log: The events; it needs only the steps' events (others are skipped) and a property
    ///     column for each filter key and the breakdown key (a missing column reads as absent).
    ///   - workers: Threads for the pass over actor ranges.
    /// - Returns: Per step counts, conversions, intervals and times, per group when broken
    ///   down, and each actor's furthest step.
    /// - Complexity: O(n·s) for n events and s steps: per actor, a table of each step's next
    ///   matching event makes every attempt O(s).
    public func run(_ log: EventLog, workers: Int = 2) -> FunnelResult {
        let matcher = StepMatcher(funnel: self, log: log)
        let parts = log.forEachActorRange(workers: workers) { actors in
            var part = Outcomes(steps: steps.count)
            var scratch = [Int]()
            for actor in actors {
                evaluate(actor: actor, log: log, matcher: matcher, scratch: &scratch, into: &part)
            }
            return part
        }
        var all = Outcomes(steps: steps.count)
        for part in parts { all.append(part) }
        let groups: [String?]? = breakdown.map { key in
            let column = log.properties[key]
            return all.startEvent.map { $0 < 0 ? nil : column?[$0] ?? nil }
        }
        return FunnelResult(steps: steps.map(\.event), outcomes: all, groups: groups, actorIDs: log.actorIDs)
    }

    /// Per actor: the furthest step (0 when the actor never started), the start event of the
    /// attempt that counts, and that attempt's step-to-step times.
    struct Outcomes: Sendable {
        let steps: Int
        var reached: [Int] = []
        var startEvent: [Int] = []
        /// `steps − 1` slots per actor: nanoseconds into step k + 1, −1 when not reached.
        var times: [Int64] = []

        init(steps: Int) { self.steps = steps }

        mutating func append(_ other: Outcomes) {
            reached += other.reached
            startEvent += other.startEvent
            times += other.times
        }
    }

    /// Which events match which steps, resolved to name ids and property columns once.
    struct StepMatcher: Sendable {
        let names: [Int32?]
        let filters: [[(column: [String?]?, filter: PropertyFilter)]]

        init(funnel: Funnel, log: EventLog) {
            names = funnel.steps.map { log.nameID($0.event) }
            filters = funnel.steps.map { step in step.filters.map { (log.properties[$0.key], $0) } }
        }

        func matches(_ step: Int, event i: Int, in log: EventLog) -> Bool {
            guard let name = names[step], log.names[i] == name else { return false }
            for (column, filter) in filters[step] {
                let text = column?[i] ?? nil
                let listed = text.map { filter.texts.contains($0) } ?? false
                if listed == filter.negated { return false }
            }
            return true
        }
    }

    private func evaluate(actor: Int, log: EventLog, matcher: StepMatcher, scratch next: inout [Int],
                          into part: inout Outcomes) {
        let events = log.events(of: actor)
        let m = events.count, s = steps.count
        // next[k * (m + 1) + i]: the first position ≥ i (relative to the actor) matching step k, m if none.
        next.removeAll(keepingCapacity: true)
        next.append(contentsOf: repeatElement(m, count: s * (m + 1)))
        for k in 0..<s {
            let row = k * (m + 1)
            for i in stride(from: m - 1, through: 0, by: -1) {
                next[row + i] = matcher.matches(k, event: events.lowerBound + i, in: log) ? i : next[row + i + 1]
            }
        }
        let t = log.timestamps
        let base = events.lowerBound
        var best = 0, bestStart = -1
        var bestTimes = [Int64](repeating: -1, count: s - 1)
        var times = [Int64](repeating: -1, count: s - 1)
        var reachedAt = [Int64]()
        for i in 0..<m {
            let isStart = mode == .ordered ? next[i] == i : (0..<s).contains { next[$0 * (m + 1) + i] == i }
            guard isStart else { continue }
            let start = t[base + i]
            var level = 1
            switch mode {
            case .ordered:
                var position = i
                while level < s {
                    let j = next[level * (m + 1) + position + 1]
                    guard j < m, t[base + j] - start <= window else { break }
                    times[level - 1] = t[base + j] - t[base + position]
                    position = j
                    level += 1
                }
            case .any:
                reachedAt.removeAll(keepingCapacity: true)
                for k in 0..<s {
                    let j = next[k * (m + 1) + i]
                    if j < m, t[base + j] - start <= window { reachedAt.append(t[base + j]) }
                }
                reachedAt.sort()
                level = reachedAt.count
                for k in 1..<max(1, level) { times[k - 1] = reachedAt[k] - reachedAt[k - 1] }
            }
            if level > best {
                best = level
                bestStart = base + i
                for k in 0..<(s - 1) { bestTimes[k] = k < level - 1 ? times[k] : -1 }
            }
            if attempt == .first || best == s { break }
        }
        part.reached.append(best)
        part.startEvent.append(bestStart)
        part.times += bestTimes
    }
}
