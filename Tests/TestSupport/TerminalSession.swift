import Foundation

/// A program running in a real pseudo-terminal under tmux (its own server socket), driven by
/// keystrokes and read back from the screen: how the REPL tests see what a user sees.
public final class TerminalSession {
    private let socket: String
    private let name = "t"

    /// Starts `command` (a shell command line) in a `columns`×`rows` terminal.
    public init(_ command: String, environment: [String: String] = [:], columns: Int = 160, rows: Int = 50) throws {
        guard Self.tmux(["-V"]) != nil else {
            throw TerminalError("tmux is not installed (make test installs it: apt-get install -y tmux)")
        }
        socket = "insights-test-\(UUID().uuidString.prefix(8))"
        let exports = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        guard Self.tmux(["-L", socket, "new-session", "-d", "-s", name, "-x", String(columns), "-y", String(rows),
                         "env \(exports) \(command)"]) != nil else {
            throw TerminalError("tmux could not start '\(command)'")
        }
    }

    deinit {
        _ = Self.tmux(["-L", socket, "kill-server"])
    }

    /// Types `text` literally. (tmux reads an argument ending in `;` as a command separator,
    /// so a trailing semicolon is sent escaped on its own.)
    public func type(_ text: String) {
        let body = text.hasSuffix(";") ? String(text.dropLast()) : text
        if !body.isEmpty { _ = Self.tmux(["-L", socket, "send-keys", "-t", name, "-l", body]) }
        if text.hasSuffix(";") { _ = Self.tmux(["-L", socket, "send-keys", "-t", name, "\\;"]) }
    }

    /// Presses keys by tmux name: `Enter`, `Tab`, `Up`, `C-c`, `C-d`, `C-r`.
    public func press(_ keys: String...) {
        _ = Self.tmux(["-L", socket, "send-keys", "-t", name] + keys)
    }

    /// The visible screen.
    public var screen: String {
        Self.tmux(["-L", socket, "capture-pane", "-p", "-t", name]) ?? ""
    }

    /// Waits until the screen satisfies `condition` (polling every 50 ms), returning the screen.
    @discardableResult
    public func wait(timeout: Double = 10, for condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let current = screen
            if condition(current) { return current }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TerminalError("timed out after \(timeout) s; the screen shows:\n\(screen)")
    }

    /// Waits until `text` appears on the screen.
    @discardableResult
    public func wait(for text: String, timeout: Double = 10) throws -> String {
        try wait(timeout: timeout) { $0.contains(text) }
    }

    /// Runs tmux through posix_spawn and waitpid, its output in a temporary file. (Starting a
    /// session forks the tmux server, which inherits the child's descriptors: with pipes, or
    /// with Foundation's Process, the wait would never end.)
    private static func tmux(_ arguments: [String]) -> String? {
        let outputPath = NSTemporaryDirectory() + "tmux-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The tmux server and the program under test inherit the spawning thread's signal mask;
        // test threads block most signals, so start from an empty mask and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else { return nil }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}

public struct TerminalError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
