import ArgumentParser
import InsightsNumerics

import Foundation

/// The `insights` command: its subcommands are the product's front door for scripts.
@main
struct Insights: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights",
        abstract: "Analytics engine for production telemetry: trends, anomalies, forecasts.",
        version: InsightsVersion.string,
        subcommands: [Regress.self, Ingest.self, Datasets.self, Metrics.self, Events.self, Drop.self, Compact.self, Export.self,
                      Trend.self, Anomalies.self, ForecastCommand.self, BacktestCommand.self, Eval.self, RunCommand.self]
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements (separated by ; or new lines) and exit.",
                                                        valueName: "statements"))
    var statements: String?

    @Option(name: .long, help: ArgumentHelp("History file of the REPL (default: $INSIGHTS_HISTORY, else the XDG state directory).",
                                            valueName: "file"))
    var history: String?

    @OptionGroup var shell: ShellOptions

    /// Without a subcommand: `-c`, else statements piped on stdin, else the REPL on a terminal.
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

    /// Runs the command line, rendering a `CommandFailure` as `insights: error: …`
    /// with its exit code; everything else goes to swift-argument-parser (64 for usage errors).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("insights: error: \(failure.description)\n".utf8))
            Self.exit(withError: ExitCode(failure.exitCode))
        } catch {
            Self.exit(withError: error)
        }
    }
}
