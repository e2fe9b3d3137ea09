@preconcurrency import CEditLine
import Foundation
import InsightsAnalysis
import InsightsQuery

/// The REPL's line input on libedit (readline-compatible API): prompts, persistent history,
/// Emacs keys and Ctrl-R (libedit's defaults), and tab completion. Every touch of libedit's C
/// globals happens in this file.
final class LineEditor {
    let historyPath: String

    init(historyPath: String, completion: @escaping (_ before: String, _ word: String) -> [String]) {
        self.historyPath = historyPath
        LineEditor.complete = completion
        rl_attempted_completion_function = { text, start, _ in
            let line = rl_line_buffer.map { String(cString: $0) } ?? ""
            let scalars = Array(line.utf8)
            let before = String(decoding: scalars.prefix(max(0, min(Int(start), scalars.count))), as: UTF8.self)
            let word = text.map { String(cString: $0) } ?? ""
            LineEditor.matches = LineEditor.complete?(before, word) ?? []
            LineEditor.nextMatch = 0
            // Label keys and values are followed by punctuation the user types, not a blank.
            rl_completion_append_character = before.last == "{" || before.last == "," || before.last == "\"" ? 0 : 32
            if LineEditor.matches.isEmpty { return nil }
            return rl_completion_matches(text) { _, state in
                if state == 0 { LineEditor.nextMatch = 0 }
                guard LineEditor.nextMatch < LineEditor.matches.count else { return nil }
                defer { LineEditor.nextMatch += 1 }
                return strdup(LineEditor.matches[LineEditor.nextMatch])
            }
        }
        try? FileManager.default.createDirectory(atPath: (historyPath as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = read_history(historyPath)
        stifle_history(5000)
    }

    // The C callbacks reach Swift through these (one REPL per process).
    nonisolated(unsafe) static var complete: ((String, String) -> [String])?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var nextMatch = 0

    /// One line, or nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds a whole statement (multi-line ones joined into one entry) and saves the file.
    func remember(_ statement: String) {
        let entry = statement.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        guard !entry.isEmpty else { return }
        _ = add_history(entry)
        _ = write_history(historyPath)
    }

    /// The history file: `$INSIGHTS_HISTORY`, else `$XDG_STATE_HOME/insights/history`, else
    /// `~/.local/state/insights/history`.
    static func defaultHistoryPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["INSIGHTS_HISTORY"], !path.isEmpty { return path }
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/state")
        return (state as NSString).appendingPathComponent("insights/history")
    }
}

/// Ctrl-C: a running statement is asked to stop; at the prompt the line is dropped.
enum InterruptHandler {
    nonisolated(unsafe) static var interrupted: sig_atomic_t = 0

    static func install() {
        Cancellation.reset()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            InterruptHandler.interrupted = 1
            Cancellation.request()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked (a blocked mask is inherited through
        // fork and exec); Ctrl-C must reach the REPL whatever started it.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Whether Ctrl-C came since the last call (and clears it).
    static func take() -> Bool {
        defer { interrupted = 0 }
        return interrupted != 0
    }
}
