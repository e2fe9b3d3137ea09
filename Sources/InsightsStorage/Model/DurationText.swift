/// Durations written the Prometheus way: `90d`, `1h30m`, `500ms`, `2w`.
///
/// Units: `ns`, `us`/`µs`, `ms`, `s`, `m`, `h`, `d` (24 h), `w` (7 d), `y` (365 d);
/// several number–unit pairs add up, largest unit first by convention (not enforced).
public enum DurationText {
    /// Nanoseconds per unit.
    static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000),
        ("w", 604_800_000_000_000), ("y", 31_536_000_000_000_000),
    ]

    /// The duration `text` spells, in nanoseconds, or nil when it is not one
    /// (empty, a bare number, an unknown unit, a negative value, overflow).
    public static func nanoseconds(_ text: String) -> Int64? {
        var rest = Substring(text.trimmingCharacters(in: [" "]))
        guard !rest.isEmpty else { return nil }
        var total: Int64 = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            // Longest suffix first, so "ms" is not read as "m" followed by "s".
            guard let unit = units.sorted(by: { $0.suffix.count > $1.suffix.count })
                    .first(where: { rest.hasPrefix($0.suffix) }) else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            let (product, overflow) = number.multipliedReportingOverflow(by: unit.nanoseconds)
            let (sum, overflowSum) = total.addingReportingOverflow(product)
            guard !overflow, !overflowSum else { return nil }
            total = sum
        }
        return total
    }

    /// `nanoseconds` written back as compound units, largest first (`1h30m`, `15m`, `250ms`);
    /// `w` and `y` are not used, so a week reads `7d`. `0s` for zero, a `-` for negatives.
    public static func format(_ nanoseconds: Int64) -> String {
        guard nanoseconds != 0 else { return "0s" }
        var rest = nanoseconds.magnitude
        var text = nanoseconds < 0 ? "-" : ""
        for (suffix, size) in [("d", 86_400_000_000_000), ("h", 3_600_000_000_000), ("m", 60_000_000_000),
                               ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000), ("ns", 1)] as [(String, UInt64)]
        where rest >= size {
            text += "\(rest / size)\(suffix)"
            rest %= size
        }
        return text
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return String(result)
    }
}
