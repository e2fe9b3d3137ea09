/// Why ``DecimalSample`` could not read one of its values.
///
/// Every error names the value by its position in the input and carries its text, so a caller
/// (a CSV or JSON reader) can point at the cell. ``kind`` tells the cases apart; new kinds may
/// be added.
public struct DecimalSampleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with the value.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: Sendable, Hashable {
            case notADecimalNumber
            case tooManyDigits
            case exponentOutOfRange
        }

        private let code: Code

        /// The text is not a plain decimal number (`-12.345`, `1e-3`, `.5`, `760.`).
        public static let notADecimalNumber = Kind(code: .notADecimalNumber)
        /// Together with the values before it, the value spans more decimal digits than
        /// ``DecimalSample/maximumDigits``.
        public static let tooManyDigits = Kind(code: .tooManyDigits)
        /// The value's power of ten is beyond ±``DecimalSample/maximumExponent``.
        public static let exponentOutOfRange = Kind(code: .exponentOutOfRange)

        public var description: String {
            switch code {
            case .notADecimalNumber: "not a decimal number"
            case .tooManyDigits: "too many digits"
            case .exponentOutOfRange: "exponent out of range"
            }
        }
    }

    /// What was wrong.
    public let kind: Kind
    /// The position of the value in the input sequence, from 0.
    public let index: Int
    /// The value's text, as given.
    public let text: String
    /// For ``Kind/notADecimalNumber``, the UTF-8 offset in ``text`` where reading failed (equal
    /// to the text's length when the text ended too early); `nil` for the other kinds.
    public let offset: Int?
    /// A lowercase, compiler-style explanation that quotes the value.
    public let message: String

    /// `value INDEX: MESSAGE`.
    public var description: String { "value \(index): \(message)" }

    static func notADecimalNumber(
        index: Int, text: some StringProtocol, offset: Int, problem: String
    ) -> DecimalSampleError {
        DecimalSampleError(
            kind: .notADecimalNumber, index: index, text: String(text), offset: offset,
            message: "\(quoted(text)) is not a plain decimal number: \(problem)"
        )
    }

    static func tooManyDigits(index: Int, text: some StringProtocol, span: Int) -> DecimalSampleError {
        DecimalSampleError(
            kind: .tooManyDigits, index: index, text: String(text), offset: nil,
            message: "\(quoted(text)) needs \(span) decimal digits in common with the values before it; "
                + "at most \(DecimalSample.maximumDigits) are supported"
        )
    }

    static func exponentOutOfRange(index: Int, text: some StringProtocol) -> DecimalSampleError {
        DecimalSampleError(
            kind: .exponentOutOfRange, index: index, text: String(text), offset: nil,
            message: "\(quoted(text)) has a power of ten beyond ±\(DecimalSample.maximumExponent)"
        )
    }

    /// The text in single quotes, shortened in the middle when long so a message never dumps a
    /// whole field.
    private static func quoted(_ text: some StringProtocol) -> String {
        let limit = 40
        guard text.count > limit else { return "'\(text)'" }
        return "'\(text.prefix(limit / 2))…\(text.suffix(limit / 2))'"
    }
}
