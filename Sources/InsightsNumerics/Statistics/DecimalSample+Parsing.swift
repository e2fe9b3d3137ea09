extension DecimalSample {
    /// A decimal number read exactly: `significand × 10^exponent`.
    ///
    /// The significand has no trailing zeros (they move into the exponent), so `digits` is its
    /// number of significant digits. Zero is `0 × 10^0` with no digits.
    struct ExactDecimal: Sendable, Hashable {
        var significand: Int128
        var exponent: Int
        var digits: Int

        /// The power of ten of the leading digit; meaningless for zero.
        var leadingExponent: Int { exponent + digits - 1 }

        init(significand: Int128, exponent: Int, digits: Int) {
            self.significand = significand
            self.exponent = exponent
            self.digits = digits
        }

        /// Where the reader is in the text.
        private enum Part { case start, signed, integer, fraction, exponentMark, exponentSign, exponent }

        /// Reads `text` as a plain decimal number: an optional sign, digits with at most one
        /// decimal point (digits may be missing on one side of it, not both), and an optional
        /// exponent `e` or `E` with an optional sign and at least one digit. Nothing else is
        /// accepted, not even surrounding blanks.
        ///
        /// - Parameters:
        ///   - text: The number's text.
        ///   - index: The value's position in the sample, for errors.
        /// - Throws: ``DecimalSampleError`` naming `index` and `text` when the text is not of
        ///   that form, has more than ``DecimalSample/maximumDigits`` significant digits or a
        ///   power of ten beyond ±``DecimalSample/maximumExponent``.
        init(parsing text: some StringProtocol, index: Int) throws(DecimalSampleError) {
            var part = Part.start
            var negative = false
            var significand: Int128 = 0
            var digits = 0
            // Zeros after the last nonzero digit: kept out of the significand until a nonzero
            // digit follows, and otherwise moved into the exponent.
            var pendingZeros = 0
            var mantissaDigits = 0
            var fractionDigits = 0
            var writtenExponent = 0
            var exponentNegative = false
            var offset = 0

            func failure(_ problem: String) -> DecimalSampleError {
                .notADecimalNumber(index: index, text: text, offset: offset, problem: problem)
            }

            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let digit = Int128(byte - UInt8(ascii: "0"))
                    switch part {
                    case .start, .signed, .integer, .fraction:
                        if part == .fraction { fractionDigits += 1 } else { part = .integer }
                        mantissaDigits += 1
                        if digit == 0 {
                            if digits > 0 { pendingZeros += 1 }
                        } else {
                            guard digits + pendingZeros < DecimalSample.maximumDigits else {
                                throw .tooManyDigits(
                                    index: index, text: text, span: digits + pendingZeros + 1)
                            }
                            significand = significand * DecimalSample.powerOfTen(pendingZeros + 1) + digit
                            digits += pendingZeros + 1
                            pendingZeros = 0
                        }
                    case .exponentMark, .exponentSign, .exponent:
                        part = .exponent
                        // Saturate: anything this large is rejected below anyway.
                        writtenExponent = min(writtenExponent * 10 + Int(digit), 1_000_000_000)
                    }
                case UInt8(ascii: "+"), UInt8(ascii: "-"):
                    switch part {
                    case .start:
                        negative = byte == UInt8(ascii: "-")
                        part = .signed
                    case .exponentMark:
                        exponentNegative = byte == UInt8(ascii: "-")
                        part = .exponentSign
                    default:
                        throw failure("unexpected sign at offset \(offset)")
                    }
                case UInt8(ascii: "."):
                    guard part == .start || part == .signed || part == .integer else {
                        throw failure("unexpected '.' at offset \(offset)")
                    }
                    part = .fraction
                case UInt8(ascii: "e"), UInt8(ascii: "E"):
                    guard mantissaDigits > 0, part == .integer || part == .fraction else {
                        throw failure("unexpected exponent mark at offset \(offset)")
                    }
                    part = .exponentMark
                default:
                    let character = byte < 0x80 ? "'\(Character(Unicode.Scalar(byte)))'" : "non-ASCII character"
                    throw failure("unexpected \(character) at offset \(offset)")
                }
                offset += 1
            }

            guard mantissaDigits > 0 else {
                throw failure(offset == 0 ? "empty text" : "no digits")
            }
            guard part != .exponentMark, part != .exponentSign else {
                throw failure("no digits in the exponent")
            }
            guard digits > 0 else {
                self.init(significand: 0, exponent: 0, digits: 0)
                return
            }
            let exponent = (exponentNegative ? -writtenExponent : writtenExponent) - fractionDigits + pendingZeros
            guard abs(exponent) <= DecimalSample.maximumExponent else {
                throw .exponentOutOfRange(index: index, text: text)
            }
            self.init(significand: negative ? -significand : significand, exponent: exponent, digits: digits)
        }
    }

    /// The range of powers of ten that the nonzero values read so far occupy, so that the value
    /// that makes the common digit span too wide can be named while its text is at hand.
    struct DigitSpan {
        private(set) var lowestExponent = Int.max
        private(set) var highestExponent = Int.min

        /// Widens the span by `value`.
        ///
        /// - Throws: ``DecimalSampleError/Kind/tooManyDigits`` when the values so far would then
        ///   need more than ``DecimalSample/maximumDigits`` digits at a common exponent.
        mutating func include(_ value: ExactDecimal, index: Int, text: some StringProtocol) throws(DecimalSampleError) {
            guard value.digits > 0 else { return }
            let lowest = min(lowestExponent, value.exponent)
            let highest = max(highestExponent, value.leadingExponent)
            let span = highest - lowest + 1
            guard span <= DecimalSample.maximumDigits else {
                throw .tooManyDigits(index: index, text: text, span: span)
            }
            lowestExponent = lowest
            highestExponent = highest
        }
    }

    /// 10^`exponent` for `exponent` in `0...maximumDigits`.
    static func powerOfTen(_ exponent: Int) -> Int128 {
        precondition((0...maximumDigits).contains(exponent), "10^\(exponent) is outside the exact table")
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
