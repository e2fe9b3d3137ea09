import Foundation
@testable import InsightsQuery
import Testing

/// Value-axis ticks on ranges worked out by hand: of the steps 1, 2, 5 × 10^k, the finest
/// whose loose labelling (first tick ≤ min, last tick ≥ max) needs at most `maxTicks` ticks.
struct ChartValueTicksTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let lower: Double
        let upper: Double
        let maxTicks: Int
        let values: [Double]
        let labels: [String]
        var testDescription: String { "\(lower)…\(upper) in \(maxTicks)" }
    }

    static let cases: [Case] = [
        // Step 10 needs 0…100 = 11 ticks, step 20 needs 0…100 = 6.
        Case(lower: 0, upper: 97, maxTicks: 6, values: [0, 20, 40, 60, 80, 100],
             labels: ["0", "20", "40", "60", "80", "100"]),
        // Five allowed: step 20 needs 6, step 50 needs 0, 50, 100.
        Case(lower: 0, upper: 97, maxTicks: 5, values: [0, 50, 100], labels: ["0", "50", "100"]),
        Case(lower: -97, upper: 0, maxTicks: 6, values: [-100, -80, -60, -40, -20, 0],
             labels: ["-100", "-80", "-60", "-40", "-20", "0"]),
        // Step 2 spans -4…8 (7 ticks); step 5 spans -5…10 (4 ticks).
        Case(lower: -3.2, upper: 7.9, maxTicks: 5, values: [-5, 0, 5, 10], labels: ["-5", "0", "5", "10"]),
        // Step 0.05 spans 0.10…0.40 (7 ticks); step 0.1 gives four, each the nearest Double to
        // its decimal (0.3, not 3 × 0.1 = 0.30000000000000004).
        Case(lower: 0.12, upper: 0.38, maxTicks: 5, values: [0.1, 0.2, 0.3, 0.4],
             labels: ["0.1", "0.2", "0.3", "0.4"]),
        // Step 20 000 spans 0…100 000 in 6; step 50 000 in 3, labelled with the k suffix.
        Case(lower: 1200, upper: 98_000, maxTicks: 5, values: [0, 50_000, 100_000],
             labels: ["0", "50k", "100k"]),
        Case(lower: 0, upper: 2.5e9, maxTicks: 5, values: [0, 1e9, 2e9, 3e9], labels: ["0", "1G", "2G", "3G"]),
        // A constant 5 is widened to 4…6 (one power of ten below 5 on each side): step 0.5.
        Case(lower: 5, upper: 5, maxTicks: 5, values: [4, 4.5, 5, 5.5, 6],
             labels: ["4.0", "4.5", "5.0", "5.5", "6.0"]),
        // A constant 0 is widened to -1…1.
        Case(lower: 0, upper: 0, maxTicks: 3, values: [-1, 0, 1], labels: ["-1", "0", "1"]),
        // 0.001…0.0042: step 0.001 spans 0.001…0.005 in 5.
        Case(lower: 0.001, upper: 0.0042, maxTicks: 5, values: [0.001, 0.002, 0.003, 0.004, 0.005],
             labels: ["0.001", "0.002", "0.003", "0.004", "0.005"]),
    ]

    @Test(arguments: cases)
    func handCheckedRanges(_ c: Case) {
        let ticks = ValueTicks(lower: c.lower, upper: c.upper, maxTicks: c.maxTicks)
        #expect(ticks.values.count == c.values.count)
        for (computed, expected) in zip(ticks.values, c.values) {
            #expect(abs(computed - expected) <= 1e-12 * max(1, abs(expected)), "\(ticks.values)")
        }
        #expect(ticks.labels == c.labels)
    }

    /// Seeded random ranges: the ticks always bound the data, stay within the limit, and are
    /// evenly spaced by 1, 2 or 5 × 10^k.
    @Test func randomRangesAreBoundedNiceAndWithinTheLimit() {
        var random = ChartOutput.SeededRandom(seed: 20_261_127)
        for _ in 0..<2000 {
            let magnitude = Double.random(in: -6...9, using: &random)
            let a = Double.random(in: -1...1, using: &random) * pow10(magnitude)
            let b = a + Double.random(in: 0...1, using: &random) * pow10(magnitude)
            let maxTicks = Int.random(in: 2...8, using: &random)
            let ticks = ValueTicks(lower: a, upper: b, maxTicks: maxTicks)
            // Straddling zero needs -s, 0 and s whatever the step s.
            let limit = max(maxTicks, a < 0 && b > 0 ? 3 : 2)
            #expect(ticks.values.count >= 2 && ticks.values.count <= limit)
            #expect(ticks.lower <= a && ticks.upper >= b, "\(a)…\(b) → \(ticks.values)")
            let exponent = (log10(ticks.step) + 1e-9).rounded(.down)
            let mantissa = ticks.step / pow10(exponent)
            #expect([1.0, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "step \(ticks.step) for \(a)…\(b): \(ticks.values)")
            for (left, right) in zip(ticks.values, ticks.values.dropFirst()) {
                #expect(abs((right - left) - ticks.step) <= 1e-9 * ticks.step)
            }
        }
    }

    @Test func nonFiniteBoundsFallBackToTheUnitRange() {
        let ticks = ValueTicks(lower: .nan, upper: .infinity, maxTicks: 3)
        #expect(ticks.lower == 0 && ticks.upper == 1)
    }

    @Test func extremeMagnitudesStillGiveOrderedFiniteTicks() {
        for (lower, upper) in [(-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude),
                               (1e308, 1e308), (Double.leastNonzeroMagnitude, 2 * Double.leastNonzeroMagnitude), (-1e300, 1e300)] {
            let ticks = ValueTicks(lower: lower, upper: upper, maxTicks: 5)
            #expect(ticks.values.allSatisfy { $0.isFinite })
            #expect(ticks.values == ticks.values.sorted())
            #expect(ticks.labels.count == ticks.values.count)
        }
    }

    @Test(arguments: [(0.0, 2, "0.00"), (-0.0001, 2, "0.00"), (1.005, 1, "1.0"), (2.5, 0, "3"),
                      (-2.5, 0, "-3"), (123.456, 2, "123.46"), (0.05, 3, "0.050"), (-7, 2, "-7.00")])
    func fixedDecimalText(_ value: Double, _ decimals: Int, _ text: String) {
        #expect(FixedDecimal.format(value, decimals: decimals) == text)
    }

    private func pow10(_ exponent: Double) -> Double { pow(10, exponent) }
}
