/// Why a seasonal decomposition could not be computed: a parameter out of range, missing
/// values, or a series too short for its period. Each can be fixed by the caller (choose other
/// parameters, fill gaps with `MissingValues.interpolated`, supply more data).
public struct DecompositionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: Sendable, Hashable { case invalidParameter, missingValues, tooShort }
        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// A parameter is outside its documented range.
        public static let invalidParameter = Kind(.invalidParameter)
        /// The series holds NaN values.
        public static let missingValues = Kind(.missingValues)
        /// The series has fewer than two full periods.
        public static let tooShort = Kind(.tooShort)

        public var description: String {
            switch code {
            case .invalidParameter: "invalid parameter"
            case .missingValues: "missing values"
            case .tooShort: "series too short"
            }
        }
    }

    /// The kind of failure.
    public let kind: Kind
    /// A lowercase, one-line explanation naming the offending parameter or value.
    public let message: String

    public var description: String { message }

    /// A parameter (named as statsmodels names it) is out of range.
    static func invalidParameter(_ name: String, _ value: Int, requirement: String) -> Self {
        Self(kind: .invalidParameter, message: "\(name) \(value) is invalid: \(requirement)")
    }

    /// The series has `count` NaN values, the first at `firstIndex`.
    static func missingValues(count: Int, firstIndex: Int) -> Self {
        Self(kind: .missingValues,
             message: "the series has \(count) missing value\(count == 1 ? "" : "s") (first at index "
                 + "\(firstIndex)); fill them first, e.g. with MissingValues.interpolated")
    }

    /// `count` values are fewer than two periods of `period`.
    static func tooShort(count: Int, period: Int) -> Self {
        Self(kind: .tooShort,
             message: "the series has \(count) values; period \(period) needs at least \(2 * period)")
    }
}
