import Foundation
import InsightsAnalysis
import Synchronization

/// A request to stop a repeating command, made by SIGTERM or SIGINT, that its waits wake up on.
///
/// The handler does only async-signal-safe work: it records the signal in an atomic, raises
/// ``Cancellation``, and writes one byte to a pipe that ``pause(_:)`` polls (the self-pipe
/// pattern). So whichever thread the kernel hands the signal to, the process is not ended half-way
/// and the loop stops at its next safe point. A `sigwait` thread or a dispatch signal source would
/// need the signals blocked in every thread, and threads the runtime started before the command
/// runs do not block them.
///
/// Process-wide like the signals themselves; the state is atomics, written once by ``install(for:)``.
enum StopRequest {
    /// The first signal that asked to stop, 0 until one did.
    private static let received = Atomic<Int32>(0)
    /// The pipe's read and write ends, -1 before ``install(for:)``.
    private static let readEnd = Atomic<Int32>(-1)
    private static let writeEnd = Atomic<Int32>(-1)

    /// Catches `signals` from now on. Interrupted system calls elsewhere are restarted
    /// (`SA_RESTART`), so a signal never fails a store write or a request.
    /// - Throws: `CommandFailure` when the pipe cannot be made.
    static func install(for signals: [Int32]) throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw CommandFailure.usage("cannot create the pipe signals wake the loop with (errno \(errno))") }
        // The handler must never block on a full pipe; one byte is enough to wake every wait.
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        readEnd.store(ends[0], ordering: .releasing)
        writeEnd.store(ends[1], ordering: .releasing)
        Cancellation.reset()
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in StopRequest.handle(number) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
            sigaddset(&mask, signal)
        }
        // A parent may have started us with the signals blocked (the mask is inherited).
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }

    /// The signal handler: lock-free stores and one `write`, errno preserved.
    private static func handle(_ number: Int32) {
        let savedErrno = errno
        _ = received.compareExchange(expected: 0, desired: number, ordering: .relaxed)
        Cancellation.request()
        var byte: UInt8 = 1
        _ = write(writeEnd.load(ordering: .relaxed), &byte, 1)
        errno = savedErrno
    }

    /// The signal that asked to stop, if one did.
    static var signal: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    static var isRequested: Bool { signal != nil }

    /// Waits `seconds`, or less when a stop is requested (at once if one was already).
    /// - Returns: Whether to go on: false once a stop was requested.
    static func pause(_ seconds: TimeInterval) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64((max(0, seconds) * 1000).rounded(.up)))
        while !isRequested {
            let left = clock.now.duration(to: deadline)
            if left <= .zero { return true }
            let (whole, fraction) = left.components
            let milliseconds = min(Int64(86_400_000), whole * 1000 + fraction / 1_000_000_000_000_000 + 1)
            // The pipe is never drained: once a byte is in it, every later poll returns at once.
            var descriptor = pollfd(fd: readEnd.load(ordering: .acquiring), events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, Int32(milliseconds))  // EINTR or readable: the loop re-checks
        }
        return false
    }

    /// `SIGTERM`, `SIGINT` or the number, for log lines.
    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        default: "signal \(signal)"
        }
    }
}
