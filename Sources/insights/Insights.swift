import ArgumentParser
import InsightsNumerics

/// The `insights` command: its subcommands are the product's front door for scripts.
@main
struct Insights: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights",
        abstract: "Analytics engine for production telemetry: trends, anomalies, forecasts.",
        version: InsightsVersion.string,
        subcommands: []
    )
}
