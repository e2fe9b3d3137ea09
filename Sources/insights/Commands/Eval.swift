import ArgumentParser

/// `insights eval`: detector evaluations.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate the anomaly detectors against labelled data.",
        subcommands: [EvalIncidents.self])
}
