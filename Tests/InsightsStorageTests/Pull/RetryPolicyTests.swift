import InsightsNumerics
import InsightsStorage
import Testing

/// Which answers are retried, and how long the waits are.
struct RetryPolicyTests {
    @Test(arguments: [(429, true), (500, true), (502, true), (503, true), (599, true),
                      (200, false), (301, false), (400, false), (404, false), (422, false), (600, false)])
    func retriesOnlyTooManyRequestsAndServerErrors(status: Int, retried: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == retried)
    }

    @Test func boundsDoubleFromTheInitialDelayUpToTheCap() {
        let policy = RetryPolicy(attempts: 8, initialDelay: 500_000_000, maxDelay: 4_000_000_000)
        #expect((1...7).map { policy.delayBound(beforeRetry: $0) }
                == [500_000_000, 1_000_000_000, 2_000_000_000, 4_000_000_000, 4_000_000_000, 4_000_000_000, 4_000_000_000])
        // No overflow however many retries.
        #expect(policy.delayBound(beforeRetry: 200) == 4_000_000_000)
        #expect(RetryPolicy().attempts == 5 && RetryPolicy().initialDelay == 500_000_000)
        #expect(RetryPolicy(attempts: 0).attempts == 1)
    }

    /// Equal jitter: every wait lies in [bound/2, bound], and the draws spread over that range.
    @Test func jitteredDelaysStayWithinHalfToAllOfTheBound() {
        let policy = RetryPolicy()
        var random = SplitMix64(seed: 42)
        for retry in 1...4 {
            let bound = policy.delayBound(beforeRetry: retry)
            let draws = (0..<2_000).map { _ in policy.delay(beforeRetry: retry, using: &random) }
            #expect(draws.allSatisfy { $0 >= bound / 2 && $0 <= bound })
            // Uniform on [b/2, b]: the mean is 3b/4; with 2,000 draws its standard error is
            // b/(2·√12·√2000) ≈ 0.0032 b, so 0.02 b is over six standard errors.
            let mean = Double(draws.reduce(0, +)) / Double(draws.count)
            #expect(abs(mean - 0.75 * Double(bound)) < 0.02 * Double(bound))
            #expect(Set(draws).count > 1_900)
        }
    }
}
