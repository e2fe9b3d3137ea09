/// Parses metric values from UTF-8 bytes.
enum ValueParser {
    /// The value of a cell: nil when it is empty (a missing value), else a finite number.
    ///
    /// Accepts decimal numbers with an optional sign, fraction and exponent, surrounded by
    /// optional spaces. Rejects `nan`, `inf`, hexadecimal and anything else with a message
    /// quoting the text.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(FieldError) -> Double? {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        let b = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard isDecimal(b) else {
            let shown = text(b)
            let lower = shown.lowercased()
            if lower.contains("nan") || lower.contains("inf") {
                throw FieldError(message: "non-finite value '\(shown)' is not allowed")
            }
            throw FieldError(message: "value '\(shown)' is not a number")
        }
        if let value = exactShortDecimal(b) { return value }
        guard let value = Double(String(decoding: b, as: UTF8.self)), value.isFinite else {
            throw FieldError(message: "value '\(text(b))' is out of range")
        }
        return value
    }

    static func parse(_ text: String) throws(FieldError) -> Double? {
        var text = text
        let result = text.withUTF8 { bytes in Result { () throws(FieldError) -> Double? in try parse(bytes) } }
        return try result.get()
    }

    /// Exact powers of ten: every one up to 1e22 is a double.
    private static let powersOfTen: [Double] = (0...22).reduce(into: []) { powers, exponent in
        powers.append(exponent == 0 ? 1 : powers[exponent - 1] * 10)
    }

    /// The value of a plain decimal (`[+-]digits[.digits]`, already checked by `isDecimal`)
    /// when it can be computed exactly the fast way, else nil for the general parser.
    ///
    /// With at most 15 significant digits the digits form an integer m < 2^53 and, with
    /// k fraction digits (k <= 22), m and 10^k are both exact doubles; one IEEE division
    /// then rounds m / 10^k correctly (Clinger's fast path), the same double strtod gives.
    static func exactShortDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0
        var inFraction = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                inFraction = true
            } else if isDigit(c) {
                mantissa = mantissa &* 10 &+ UInt64(c &- UInt8(ascii: "0"))
                if mantissa != 0 { digits += 1 }
                if inFraction { fractionDigits += 1 }
            } else {
                return nil  // an exponent: leave it to the general parser
            }
            i += 1
        }
        guard digits <= 15, fractionDigits <= 22 else { return nil }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }

    /// Whether the bytes are `[+-]digits[.digits][(e|E)[+-]digits]` (at least one digit
    /// before or after the point).
    static func isDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        var mantissaDigits = 0
        while i < b.count, isDigit(b[i]) { i += 1; mantissaDigits += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            var exponentDigits = 0
            while i < b.count, isDigit(b[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return false }
        }
        return i == b.count
    }

    /// Whether the text is a number in JSON's grammar (no leading zeros, no `+`), so it
    /// can be written into a JSON document verbatim.
    static func isJSONNumber(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count, isDigit(b[i]) else { return false }
            if b[i] == UInt8(ascii: "0") {
                i += 1
            } else {
                while i < b.count, isDigit(b[i]) { i += 1 }
            }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < b.count, isDigit(b[i]) { i += 1 }
                guard i > start else { return false }
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
                let start = i
                while i < b.count, isDigit(b[i]) { i += 1 }
                guard i > start else { return false }
            }
            return i == b.count
        }
    }
}
