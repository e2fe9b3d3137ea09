/// The evaluation times of one pull of a Prometheus range query, and the requests that
/// cover them.
///
/// Times sit on the grid of multiples of `step` since the Unix epoch: the start rounds up
/// onto it and the end down, so every pull of a query at one step asks for the same
/// instants, and a re-run that overlaps an earlier one writes the same timestamps (which
/// the store's duplicate policy then resolves) instead of points a fraction of a step apart.
///
/// Prometheus refuses a range query with more than 11,000 steps per series, so the range is
/// split into requests of at most `maxStepsPerRequest` evaluation times each (default
/// 10,000, leaving a margin); consecutive requests continue the same grid without overlap.
public struct PullPlan: Sendable, Equatable {
    /// One request: evaluation times `start`, `start + step`, …, `end` (inclusive).
    public struct Chunk: Sendable, Equatable {
        public let start: Timestamp
        public let end: Timestamp
        /// Evaluation times in the request.
        public let points: Int
    }

    /// The default and the largest sensible number of evaluation times per request.
    public static let defaultMaxStepsPerRequest = 10_000

    /// The first evaluation time.
    public let start: Timestamp
    /// The last evaluation time (stored as the watermark once the pull is committed).
    public let end: Timestamp
    /// The resolution, nanoseconds.
    public let step: Int64
    /// True when `start` came from the watermark of an earlier pull rather than the window.
    public let resumed: Bool
    /// The requests, in time order.
    public let chunks: [Chunk]

    /// Evaluation times in the whole plan.
    public var points: Int { Int((end - start) / step) + 1 }

    /// The plan for the window `[from, to]` at `step`, starting after `watermark` (the last
    /// evaluation time an earlier pull of the same query stored) when that is later.
    ///
    /// - Parameters:
    ///   - from: The earliest instant wanted.
    ///   - to: The latest instant wanted (inclusive).
    ///   - step: Resolution in nanoseconds; must be positive.
    ///   - watermark: The end of the previous pull, or nil for a first pull.
    ///   - maxStepsPerRequest: The most evaluation times in one request; must be positive.
    /// - Returns: nil when no grid time is left to pull (the window is empty, or everything in
    ///   it was pulled already).
    /// - Complexity: O(number of requests).
    public init?(from: Timestamp, to: Timestamp, step: Int64, watermark: Timestamp?,
                 maxStepsPerRequest: Int = PullPlan.defaultMaxStepsPerRequest) {
        precondition(step > 0, "step must be positive")
        precondition(maxStepsPerRequest > 0, "a request needs at least one step")
        let first = Self.ceiling(from, step)
        let last = Self.floor(to, step)
        var start = first
        var resumed = false
        if let watermark {
            let next = Self.floor(watermark, step) + step
            if next > start {
                start = next
                resumed = true
            }
        }
        guard start <= last else { return nil }
        self.start = start
        self.end = last
        self.step = step
        self.resumed = resumed
        var chunks: [Chunk] = []
        let span = step * Int64(maxStepsPerRequest)
        var chunkStart = start
        while chunkStart <= last {
            let chunkEnd = min(last, chunkStart + span - step)
            chunks.append(Chunk(start: chunkStart, end: chunkEnd, points: Int((chunkEnd - chunkStart) / step) + 1))
            chunkStart = chunkEnd + step
        }
        self.chunks = chunks
    }

    /// The largest multiple of `step` not above `value`.
    static func floor(_ value: Int64, _ step: Int64) -> Int64 {
        let remainder = value % step
        return remainder < 0 ? value - remainder - step : value - remainder
    }

    /// The smallest multiple of `step` not below `value`.
    static func ceiling(_ value: Int64, _ step: Int64) -> Int64 {
        let below = floor(value, step)
        return below == value ? value : below + step
    }
}
