/// Why an experiment statistic could not be computed, with what the caller can change.
public struct ExperimentError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable { case invalidCounts, tooFewObservations, invalidArgument }
    private let code: Code
    /// A lowercase, self-contained explanation.
    public let message: String

    public var description: String { message }

    /// Whether the counts or values given were impossible (negative, more conversions than
    /// exposures, NaN).
    public var isInvalidCounts: Bool { code == .invalidCounts }
    /// Whether an arm had too few observations for the method.
    public var isTooFewObservations: Bool { code == .tooFewObservations }

    static func invalidCounts(_ message: String) -> Self {
        ExperimentError(code: .invalidCounts, message: message)
    }

    static func tooFewObservations(_ method: String, arm: String, observed: Int, required: Int) -> Self {
        ExperimentError(code: .tooFewObservations,
                        message: "\(method) needs at least \(required) observations in the \(arm) arm, it has \(observed)")
    }

    static func invalidArgument(_ message: String) -> Self {
        ExperimentError(code: .invalidArgument, message: message)
    }

    /// Checks that a confidence (or credible) level lies strictly between 0 and 1.
    static func checkLevel(_ level: Double) throws(ExperimentError) {
        guard level > 0 && level < 1 else {
            throw .invalidArgument("level must lie strictly between 0 and 1, got \(level)")
        }
    }
}
