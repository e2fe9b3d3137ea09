import ArgumentParser

/// `insights eval`: measure detectors against labelled benchmarks.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate anomaly detection against labelled data and forecasts against held-out data.",
        subcommands: [EvalNAB.self, EvalIncidents.self, EvalM4.self]
    )
}
