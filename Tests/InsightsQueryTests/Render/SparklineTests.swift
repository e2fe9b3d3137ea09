import InsightsQuery
import Testing

/// Sparklines on inputs whose blocks follow by hand: block index = round(7 · (v − min) /
/// (max − min)), ▁ for 0 up to █ for 7.
struct SparklineTests {
    static let unscaled: [([Double], String)] = [
        ([1.0, 2, 3, 4, 5, 6, 7, 8], "▁▂▃▄▅▆▇█"),
        ([8.0, 7, 6, 5, 4, 3, 2, 1], "█▇▆▅▄▃▂▁"),
        // 0.5 of the range is 3.5 blocks, rounded away from zero to ▅.
        ([0.0, 0.5, 1], "▁▅█"),
        ([0.0, .nan, 1], "▁ █"),
        ([0.0, .infinity, 1, -.infinity], "▁ █ "),
        ([5.0, 5, 5], "▄▄▄"),
        ([.nan, 3.0, .nan], " ▄ "),
        ([.nan, .nan], "  "),
        ([Double](), ""),
        ([-Double.greatestFiniteMagnitude, 0, .greatestFiniteMagnitude], "▁▅█"),
    ]

    static let resampled: [([Double], Int, String)] = [
        // Bucket means 1.5, 3.5, 5.5, 7.5: shares 0, 1/3, 2/3, 1 → 0, 2.33, 4.67, 7 blocks.
        ([1.0, 2, 3, 4, 5, 6, 7, 8], 4, "▁▃▆█"),
        ([0.0, 0, 10, 10], 2, "▁█"),
        // Buckets of indices [0, 1) and [1, 3): NaN is skipped, so the means are 1 and 3.
        ([1.0, .nan, 3], 2, "▁█"),
        // A bucket of only NaN is a gap; the lone finite mean is a constant: ▄.
        ([.nan, .nan, 1, 2], 2, " ▄"),
        // Stretching: cell i shows the value at index ⌊i·2/4⌋.
        ([0.0, 1], 4, "▁▁██"),
        ([1.0, 2, 3], 3, "▁▅█"),
        ([1.0, 2, 3], 0, ""),
        ([1.0, 2, 3], -2, ""),
    ]

    @Test(arguments: unscaled)
    func blocksOfEachValue(_ values: [Double], _ expected: String) {
        #expect(Sparkline.render(values) == expected)
    }

    @Test(arguments: resampled)
    func resampledToAWidth(_ values: [Double], _ width: Int, _ expected: String) {
        #expect(Sparkline.render(values, width: width) == expected)
    }

    @Test func everyWidthGivesThatManyCells() {
        let values = (0..<37).map { Double($0 % 7) - 3 }
        for width in 1...120 {
            #expect(Sparkline.render(values, width: width).count == width)
        }
    }
}
