import Synchronization

/// A process-wide request to stop the analysis in progress (the shell sets it on Ctrl-C).
/// Long loops (forecasting series after series, backtest windows) check it and throw.
public enum Cancellation {
    private static let flag = Atomic<Bool>(false)

    /// Whether a stop was requested since the last ``reset()``.
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Asks running analyses to stop. Lock-free, so a signal handler may call it once the
    /// flag exists (call ``reset()`` once at start-up).
    public static func request() { flag.store(true, ordering: .relaxed) }

    public static func reset() { flag.store(false, ordering: .relaxed) }

    /// Throws "cancelled" when a stop was requested.
    public static func check() throws(ForecastError) {
        if isRequested { throw ForecastError("cancelled") }
    }
}
