/// Text forms the generator writes, built by hand so the bytes never depend on a locale, a
/// Foundation version or a formatter's defaults.
enum GeneratorText {
    /// ISO 8601 in UTC with a `Z` (`TimestampFormat.iso8601`, itself built by hand).
    static func iso8601(_ timestamp: Timestamp) -> String {
        TimestampFormat.iso8601(timestamp)
    }

    /// `value` zero-padded to `width` digits.
    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// A value already rounded to `decimals` places, printed with exactly that many (no exponent).
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let units = Int64((value * Double(scale)).rounded())
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        let whole = String(magnitude / UInt64(scale))
        guard decimals > 0 else { return sign + whole }
        return sign + whole + "." + pad(Int64(magnitude % UInt64(scale)), decimals)
    }

    /// `value` rounded to `decimals` places, as the nearest double to that decimal.
    static func round(_ value: Double, decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// A JSON string literal with `"`, `\` and control characters escaped (the readers' own writer).
    static func jsonString(_ text: String) -> String {
        var out = ""
        JSONText.appendQuoted(text, to: &out)
        return out
    }

    /// A CSV field, quoted (RFC 4180) only when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A version-4-shaped UUID text from 128 random bits.
    static func uuid(_ high: UInt64, _ low: UInt64) -> String {
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = hex16(high) + hex16(low)
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16])
            + "-" + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }

    private static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// A JSON object whose keys are written sorted, the canonical form `BehaviorEvent` asks for.
struct CanonicalJSONObject {
    private var members: [(key: String, text: String)] = []

    mutating func set(_ key: String, string: String) { members.append((key, GeneratorText.jsonString(string))) }
    mutating func set(_ key: String, int: Int) { members.append((key, String(int))) }
    mutating func set(_ key: String, number: Double, decimals: Int) {
        members.append((key, GeneratorText.fixed(number, decimals: decimals)))
    }
    mutating func set(_ key: String, raw: String) { members.append((key, raw)) }

    var text: String {
        let sorted = members.sorted { $0.key < $1.key }
        return "{" + sorted.map { GeneratorText.jsonString($0.key) + ":" + $0.text }.joined(separator: ",") + "}"
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
