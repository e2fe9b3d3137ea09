import InsightsNumerics

/// Why a trend or change-point analysis could not be computed, with what the caller can change.
public struct TrendError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable { case tooFewPoints, fitFailed, invalidArgument }
    private let code: Code
    /// A lowercase, self-contained explanation.
    public let message: String
    /// The least-squares failure behind a `fitFailed` error, if any.
    public let cause: LeastSquaresError?

    public var description: String { message }

    /// Whether the series had too few observed (non-NaN) values for the method.
    public var isTooFewPoints: Bool { code == .tooFewPoints }

    static func tooFewPoints(_ method: String, observed: Int, required: Int) -> Self {
        TrendError(code: .tooFewPoints,
                   message: "\(method) needs at least \(required) observed values, the series has \(observed)",
                   cause: nil)
    }

    static func fitFailed(_ error: LeastSquaresError) -> Self {
        TrendError(code: .fitFailed, message: "trend fit failed: \(error.message)", cause: error)
    }

    static func invalidArgument(_ message: String) -> Self {
        TrendError(code: .invalidArgument, message: message, cause: nil)
    }
}
