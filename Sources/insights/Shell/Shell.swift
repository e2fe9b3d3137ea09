import ArgumentParser
import Foundation
import InsightsQuery

/// The query language's front doors: the REPL on a terminal, and the same statements scripted
/// (`insights -c '…'`, `insights run FILE`, statements piped on stdin).
enum Shell {
    /// Runs a script and returns the process's exit status: 0, or 1 after an error.
    static func script(_ text: String, name: String?, session: Session, keepGoing: Bool) -> Int32 {
        session.run(script: text, name: name, keepGoing: keepGoing) ? 0 : 1
    }

    /// The interactive loop: a prompt, a continuation prompt until the statement is complete,
    /// history, completion; errors and Ctrl-C return to the prompt, Ctrl-D or `.quit` leave.
    static func repl(session: Session, historyPath: String) {
        InterruptHandler.install()
        session.preloadCatalog()
        let editor = LineEditor(historyPath: historyPath) { before, word in
            Completion.candidates(before: before, word: word, source: SessionCompletion(session: session))
        }
        print("insights \(InsightsVersion.string) — database \(session.path); .help for help, .quit or Ctrl-D to leave")
        var pending = ""
        while !session.quitRequested {
            let prompt = pending.isEmpty ? "insights> " : "     ...> "
            guard let line = editor.readLine(prompt: prompt) else {
                if InterruptHandler.take() {
                    // Ctrl-C at the prompt: drop the statement being typed.
                    print("^C")
                    pending = ""
                    continue
                }
                print("")
                break
            }
            _ = InterruptHandler.take()
            pending += pending.isEmpty ? line : "\n" + line
            guard ScriptSplitter.isComplete(pending) else { continue }
            let statement = pending
            pending = ""
            editor.remember(statement)
            session.run(script: statement, name: nil, keepGoing: true)
            if InterruptHandler.take() { FileHandle.standardError.write(Data("cancelled\n".utf8)) }
        }
    }
}

/// Completion from the session's catalog and the file system.
struct SessionCompletion: CompletionSource {
    let session: Session

    var metricNames: [String] { session.catalog.metrics }
    var eventNames: [String] { session.catalog.events }
    func labelKeys(metric: String?) -> [String] { session.catalog.keys(of: metric) }
    func labelValues(key: String, metric: String?) -> [String] { session.catalog.values(of: key, metric: metric) }
    func propertyNames(event: String?) -> [String] { session.catalog.properties(of: event) }
    var fingerprints: [String] { session.catalog.fingerprints() }

    func paths(prefix: String) -> [String] {
        let expanded = (prefix as NSString).expandingTildeInPath
        let directory = prefix.hasSuffix("/") ? expanded : (expanded as NSString).deletingLastPathComponent
        let stem = prefix.hasSuffix("/") ? "" : (expanded as NSString).lastPathComponent
        let shownDirectory = prefix.hasSuffix("/") ? prefix : (prefix as NSString).deletingLastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return [] }
        return names.filter { $0.hasPrefix(stem) && !$0.hasPrefix(".") || (stem.hasPrefix(".") && $0.hasPrefix(stem)) }.sorted().map { name in
            var isDirectory: ObjCBool = false
            let full = ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(name)
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            let shown = shownDirectory.isEmpty ? name : (shownDirectory.hasSuffix("/") ? shownDirectory + name : shownDirectory + "/" + name)
            return isDirectory.boolValue ? shown + "/" : shown
        }
    }
}

/// `insights run FILE`: the statements of a file, as `insights -c` runs them.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a file of statements (the REPL's language; docs/QUERY.md).",
        discussion: "Exit status: 0 when every statement succeeded, 1 after the first error (every error with --keep-going).")

    @Argument(help: ArgumentHelp("File of statements.", valueName: "file"))
    var file: String

    @OptionGroup var shell: ShellOptions

    func run() throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw CommandFailure.usage("cannot read \(file)")
        }
        let status = Shell.script(text, name: file, session: shell.session(interactive: false), keepGoing: shell.keepGoing)
        if status != 0 { throw ExitCode(status) }
    }
}

/// Options of scripted and interactive runs.
struct ShellOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Database file (default: $INSIGHTS_DB, else ./insights.db).", valueName: "file"))
    var db: String?

    @Option(name: .long, help: "Result format: table, box, csv, json, ndjson or markdown (json: one document per line).")
    var format: String = "table"

    @Flag(name: .long, help: "Run every statement even after an error (the exit status still reports it).")
    var keepGoing = false

    @Flag(name: .long, help: "Let sql statements change the database (as .writable on); read-only otherwise.")
    var writable = false

    func validate() throws {
        guard OutputMode(rawValue: format) != nil else {
            throw ValidationError("--format '\(format)' is not one of \(OutputMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func session(interactive: Bool) -> Session {
        let mode = OutputMode(rawValue: format) ?? .table
        // Scripts print JSON one document per line.
        let session = Session(databasePath: db, mode: mode == .json && !interactive ? .ndjson : mode, interactive: interactive)
        session.writable = writable
        return session
    }
}

/// `insights` with no subcommand (or `insights shell`): the REPL on a terminal, `-c` statements,
/// or statements piped on stdin.
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "The query language: the REPL on a terminal, -c statements, or statements piped on stdin (the default).",
        discussion: "Exit status: 0 when every statement succeeded, 1 after the first error (every error with --keep-going).")

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements (separated by ; or new lines) and exit.",
                                                        valueName: "statements"))
    var statements: String?

    @Option(name: .long, help: ArgumentHelp("History file of the REPL (default: $INSIGHTS_HISTORY, else the XDG state directory).",
                                            valueName: "file"))
    var history: String?

    @OptionGroup var shell: ShellOptions

    /// `-c`, else statements piped on stdin, else the REPL on a terminal: `-c`, else statements piped on stdin, else the REPL on a terminal.
    func run() throws {
        let status: Int32
        if let statements {
            status = Shell.script(statements, name: nil, session: shell.session(interactive: false), keepGoing: shell.keepGoing)
        } else if isatty(STDIN_FILENO) == 0 {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            status = Shell.script(input, name: "<stdin>", session: shell.session(interactive: false), keepGoing: shell.keepGoing)
        } else {
            Shell.repl(session: shell.session(interactive: true), historyPath: history ?? LineEditor.defaultHistoryPath())
            status = 0
        }
        if status != 0 { throw ExitCode(status) }
    }

}
