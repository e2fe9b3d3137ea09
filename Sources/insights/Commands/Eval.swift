import ArgumentParser

/// `insights eval`: measure detectors against labelled benchmarks.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate anomaly detection against labelled data.",
        subcommands: [EvalNAB.self, EvalIncidents.self]
    )
}
