/// When and how long to wait before repeating a failed request.
///
/// A request that fails to connect, or that the server answers with HTTP 429 (too many
/// requests) or any 5xx, is tried again up to `attempts` times in all. Before retry `n`
/// (1 for the second attempt) the bound is `min(maxDelay, initialDelay · 2^(n−1))` and the
/// wait is drawn uniformly from `[bound/2, bound]` ("equal jitter": at least half the
/// exponential delay, so clients that failed together do not return together). Other
/// statuses are answers, not accidents, and are never retried.
public struct RetryPolicy: Sendable, Equatable {
    /// Requests made in all before giving up (at least 1).
    public var attempts: Int
    /// The delay bound before the first retry, nanoseconds.
    public var initialDelay: Int64
    /// The largest delay bound, nanoseconds.
    public var maxDelay: Int64

    /// The defaults: 5 attempts, 0.5 s doubling, at most 30 s.
    public init(attempts: Int = 5, initialDelay: Int64 = 500_000_000, maxDelay: Int64 = 30_000_000_000) {
        self.attempts = max(1, attempts)
        self.initialDelay = max(0, initialDelay)
        self.maxDelay = max(0, maxDelay)
    }

    /// Whether an HTTP status is worth another attempt: 429 and 5xx.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// The delay bound before retry `retry` (1 before the second attempt).
    public func delayBound(beforeRetry retry: Int) -> Int64 {
        precondition(retry >= 1, "retries count from 1")
        var bound = initialDelay
        for _ in 1..<retry {
            guard bound < maxDelay / 2 else { return maxDelay }
            bound *= 2
        }
        return min(bound, maxDelay)
    }

    /// The wait before retry `retry`: uniform in `[bound/2, bound]`.
    public func delay(beforeRetry retry: Int, using random: inout some RandomNumberGenerator) -> Int64 {
        let bound = delayBound(beforeRetry: retry)
        let half = bound / 2
        return half + Int64.random(in: 0...(bound - half), using: &random)
    }
}
