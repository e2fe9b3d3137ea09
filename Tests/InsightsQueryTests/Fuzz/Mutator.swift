/// Mutations of valid scripts, and random bytes, for the parser fuzz test.
enum Mutator {
    static let snippets: [String] = [
        "\"", "'", "{", "}", "(", ")", "[", "]", "$", "$w", "$nope", "\\", "\\\n", "\n", "\r\n", "\r", ";", ",", "=", "=~", "!~",
        "!=", "!", "~", "--", "#", ".", "..", " ", "\t", "\u{0}", "\u{7}", "\u{1B}[A", "\u{7F}", "é", "e\u{301}", "😀", "👩‍👩‍👧",
        "\u{FEFF}", "\u{FFFD}", "\u{2028}", "日本", "1e309", "-1", ".5", "1.2.3", "0x1F", "292y", "1y", "9223372036854775807",
        "99999999999999999999d", "1h30", "5mm", "2026-01-05T00:00:00Z", "since", "from", "to", "step", "agg", "by", "without",
        "sum(", "rate(", "histogram_quantile(", "let", "sql", "select", ".open", " by (", "[5m]", "{a=\"b\"}",
    ]

    /// One to four edits of `script`.
    static func mutate(_ script: String, random: inout FuzzRandom) -> String {
        var scalars = Array(script.unicodeScalars)
        for _ in 0...random.below(4) {
            let at = random.below(scalars.count + 1)
            let length = min(random.below(8) + 1, scalars.count - at)
            switch random.below(9) {
            case 0: scalars.removeSubrange(at..<at + length)
            case 1: scalars.insert(contentsOf: scalars[at..<at + length], at: at)
            case 2:
                let other = random.below(scalars.count + 1)
                let otherLength = min(length, scalars.count - other)
                if other >= at + length || other + otherLength <= at {
                    let first = Array(scalars[at..<at + length]), second = Array(scalars[other..<other + otherLength])
                    if at < other {
                        scalars.replaceSubrange(other..<other + otherLength, with: first)
                        scalars.replaceSubrange(at..<at + length, with: second)
                    } else {
                        scalars.replaceSubrange(at..<at + length, with: second)
                        scalars.replaceSubrange(other..<other + otherLength, with: first)
                    }
                }
            case 3, 4: scalars.insert(contentsOf: random.pick(snippets).unicodeScalars, at: at)
            case 5: scalars.insert(randomScalar(random: &random), at: at)
            case 6:
                // Whole words: delete, duplicate or move one.
                var words = String(String.UnicodeScalarView(scalars)).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                let i = random.below(words.count), j = random.below(words.count)
                switch random.below(3) {
                case 0: words.remove(at: i)
                case 1: words.insert(words[i], at: j)
                default: words.swapAt(i, j)
                }
                scalars = Array(words.joined(separator: " ").unicodeScalars)
            case 7:
                let unit = random.pick(["a", "9", "_", "x1", "é", "(", "{", "sum(", "\"", "[", "$"])
                // `sum(` nests: 10,000 levels overflow the stack of the test's thread (the
                // recursive descent's limit; see "Parser fuzzing" in bench/README.md).
                let long = String(repeating: unit, count: random.pick(unit == "sum(" ? [100, 1_000] : [100, 1_000, 10_000]))
                scalars.insert(contentsOf: long.unicodeScalars, at: at)
            default:
                let open = random.pick(["sum(", "rate(", "avg by (a) (", "histogram_quantile(0.5, ", "{", "("])
                let depth = random.below(300) + 1
                scalars.insert(contentsOf: String(repeating: open, count: depth).unicodeScalars, at: at)
                if random.chance(50) { scalars.append(contentsOf: String(repeating: ")", count: depth).unicodeScalars) }
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    static func randomScalar(random: inout FuzzRandom) -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [0...0x1F, 0x20...0x7E, 0x7F...0x9F, 0xA0...0x2FF, 0x300...0x36F, 0x2000...0x206F,
                                             0x4E00...0x9FFF, 0xFE00...0xFFFF, 0x1F300...0x1FAFF, 0xE0000...0xE007F, 0x10FFFF...0x10FFFF]
        let range = random.pick(ranges)
        let value = range.lowerBound + UInt32(random.below(Int(range.upperBound - range.lowerBound) + 1))
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Up to 256 random bytes (half the time drawn from the grammar's ASCII), decoded as UTF-8
    /// with replacement.
    static func randomBytes(random: inout FuzzRandom) -> String {
        let grammar = Array("abcxyz_:019 .,;=!~$'\"{}()[]\\\n\t#-+*/^<>sumbyrate".utf8)
        let ascii = random.chance(50)
        let bytes = (0..<random.below(257)).map { _ in ascii ? random.pick(grammar) : UInt8(truncatingIfNeeded: random.next()) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
