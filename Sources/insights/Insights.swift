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
                      Trend.self, ChangePointsCommand.self, Anomalies.self, ForecastCommand.self, Recommend.self, Watch.self, BacktestCommand.self, Eval.self, Decompose.self,
                      EventTrendsCommand.self, FunnelCommand.self, RetentionCommand.self, StickinessCommand.self, LifecycleCommand.self, BehaviorAnomaliesCommand.self, ExperimentCommand.self, RunCommand.self, NotebookCommand.self,
                      Health.self, Explain.self,
                      ShellCommand.self],
        defaultSubcommand: ShellCommand.self
    )


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
            // `recommend --exit-code` promises the Nagios convention: every failure, a usage
            // error included, is 3 (UNKNOWN).
            let arguments = CommandLine.arguments.dropFirst()
            if arguments.first == "recommend", arguments.contains("--exit-code"), !(error is ExitCode),
               Self.exitCode(for: error).rawValue != 0 {
                let message = Self.fullMessage(for: error)
                if !message.isEmpty { FileHandle.standardError.write(Data("\(message)\n".utf8)) }
                Self.exit(withError: ExitCode(3))
            }
            Self.exit(withError: error)
        }
    }
}
