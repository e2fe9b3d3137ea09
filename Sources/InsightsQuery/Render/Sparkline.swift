/// One-line charts in the eight Unicode block elements ▁▂▃▄▅▆▇█.
public enum Sparkline {
    /// The block characters from lowest to highest.
    package static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline of `values`, one block per value or per output cell.
    ///
    /// The lowest finite value draws ▁ and the highest █, the others the block nearest their
    /// share of that range. A NaN or infinite value draws a space; a constant series draws a
    /// flat line of ▄, the half block.
    ///
    /// - Parameters:
    ///   - values: The series; non-finite values are gaps.
    ///   - width: Cells to draw. When given, cell i shows the mean of the finite values whose
    ///     index falls in [i·n/width, (i+1)·n/width) (at least the one at i·n/width, so a short
    ///     series is stretched); a bucket without finite values is a space. Zero or less
    ///     draws nothing.
    /// - Returns: The sparkline, `width` characters long (`values.count` without a width);
    ///   empty for no values.
    /// - Complexity: O(n + width).
    public static func render(_ values: [Double], width: Int? = nil) -> String {
        guard !values.isEmpty else { return "" }
        let cells = width.map { resample(values, to: $0) } ?? values
        var low = Double.infinity
        var high = -Double.infinity
        for value in cells where value.isFinite {
            low = min(low, value)
            high = max(high, value)
        }
        var text = ""
        text.reserveCapacity(cells.count * 3)
        for value in cells {
            guard value.isFinite else {
                text.append(" ")
                continue
            }
            text.append(blocks[level(value, low: low, high: high)])
        }
        return text
    }

    /// The block index 0…7 of `value` in `low…high`; 3 (▄) when the range is a single value.
    package static func level(_ value: Double, low: Double, high: Double) -> Int {
        guard high > low else { return 3 }
        // Halving first keeps ranges near ±Double.greatestFiniteMagnitude from overflowing.
        let share = (value / 2 - low / 2) / (high / 2 - low / 2)
        return min(7, max(0, Int((share * 7).rounded(.toNearestOrAwayFromZero))))
    }

    /// Bucket means of the finite values, `width` buckets; NaN for a bucket with none.
    package static func resample(_ values: [Double], to width: Int) -> [Double] {
        guard width > 0, !values.isEmpty else { return [] }
        let count = values.count
        return (0..<width).map { cell in
            let start = cell * count / width
            let end = max(start + 1, (cell + 1) * count / width)
            var sum = 0.0
            var finite = 0
            for value in values[start..<end] where value.isFinite {
                sum += value
                finite += 1
            }
            return finite > 0 ? sum / Double(finite) : .nan
        }
    }
}
