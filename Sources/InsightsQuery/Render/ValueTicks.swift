import Foundation

/// Labelled ticks for a value axis at "nice" numbers: multiples of 1, 2 or 5 × 10^k.
///
/// The axis is loosely labelled (Heckbert, "Nice numbers for graph labels", Graphics Gems,
/// 1990): the first tick is at or below the data and the last at or above it, so the ticks
/// bound the axis. Of the nice steps, the finest that needs at most `maxTicks` ticks wins.
package struct ValueTicks: Sendable, Equatable {
    /// Tick values, ascending; the first and last bound the axis.
    package let values: [Double]
    /// Distance between neighbouring ticks; 0 when there is a single tick.
    package let step: Double
    /// Text for each tick, in the order of `values`, without a unit.
    package let labels: [String]

    /// The axis bounds: the first and last tick.
    package var lower: Double { values.first ?? 0 }
    package var upper: Double { values.last ?? 1 }

    /// Ticks covering `lower…upper` with at most `maxTicks` ticks.
    ///
    /// At least 2 ticks are used, and at least 3 for a range that straddles zero (−a…b needs
    /// −s, 0 and s, however large the step s).
    ///
    /// A degenerate range (equal bounds, or a span below 1e-12 of the magnitude) is widened
    /// to one power of ten below the value on each side, so a constant sits mid-axis; non-finite
    /// bounds give the axis 0…1.
    package init(lower: Double, upper: Double, maxTicks: Int) {
        var lo = Swift.min(lower, upper)
        var hi = Swift.max(lower, upper)
        if !lo.isFinite || !hi.isFinite {
            lo = 0
            hi = 1
        }
        let magnitude = Swift.max(abs(lo), abs(hi))
        if hi - lo <= magnitude * 1e-12 {
            let center = lo / 2 + hi / 2
            let half = center == 0 ? 1 : Self.powerOfTen(Int((log10(abs(center))).rounded(.down)))
            lo = center - half
            hi = center + half
        }
        let maxTicks = Swift.max(lo < 0 && hi > 0 ? 3 : 2, maxTicks)
        if let ticks = Self.nice(lo: lo, hi: hi, maxTicks: maxTicks) {
            self = ticks
        } else {
            // At the edges of Double's range (spans that overflow or underflow): label the
            // data's own bounds, without widening.
            let bounds = [Swift.min(lower, upper), Swift.max(lower, upper)].filter(\.isFinite)
            values = bounds.count == 2 && bounds[0] < bounds[1] ? bounds : [bounds.first ?? 0]
            step = values.count == 2 ? values[1] - values[0] : 0
            labels = values.map(\.description)
        }
    }

    private init(values: [Double], step: Double, labels: [String]) {
        self.values = values
        self.step = step
        self.labels = labels
    }

    /// Ticks laid out for values divided by `divisor` (an axis in a unit's prefix: ticks at
    /// nice numbers of milliseconds or percent), placed back in the data's own unit; the labels
    /// stay the scaled numbers.
    package init(lower: Double, upper: Double, maxTicks: Int, divisor: Double) {
        let scaled = ValueTicks(lower: lower / divisor, upper: upper / divisor, maxTicks: maxTicks)
        self.init(values: scaled.values.map { $0 * divisor }, step: scaled.step * divisor, labels: scaled.labels)
    }

    /// The nice steps m × 10^k (m ∈ {1, 2, 5}) in ascending order from a little below
    /// span / maxTicks; the first whose loose labelling fits is taken.
    private static func nice(lo: Double, hi: Double, maxTicks: Int) -> ValueTicks? {
        let span = hi - lo
        guard span.isFinite, span > 0 else { return nil }
        let target = span / Double(maxTicks)
        guard target.isNormal else { return nil }
        var exponent = Int((log10(target)).rounded(.down)) - 1
        // Enough decades to reach a step the size of the largest bound when the span is as
        // small as the widening above allows (1e-12 of the magnitude).
        for _ in 0..<32 {
            for mantissa in [1, 2, 5] {
                let step = Double(mantissa) * powerOfTen(exponent)
                guard step.isFinite, step > 0 else { return nil }
                // A relative slack keeps 0.3 / 0.1 = 2.9999999999999996 from adding a tick.
                let first = (lo / step + 1e-9).rounded(.down)
                let last = (hi / step - 1e-9).rounded(.up)
                guard abs(first) < 0x1p52, abs(last) < 0x1p52 else { return nil }
                if last - first + 1 <= Double(maxTicks) {
                    return make(first: first, last: last, mantissa: mantissa, exponent: exponent)
                }
            }
            exponent += 1
        }
        return nil
    }

    /// Tick i is i·m·10^k, computed as an integer times or over an exact power of ten so that
    /// 3 × 0.1 comes out as 0.3, not 0.30000000000000004.
    private static func make(first: Double, last: Double, mantissa: Int, exponent: Int) -> ValueTicks? {
        var values: [Double] = []
        var index = first
        while index <= last {
            let units = index * Double(mantissa)
            let value = exponent >= 0 ? units * powerOfTen(exponent) : units / powerOfTen(-exponent)
            guard value.isFinite else { return nil }
            values.append(value == 0 ? 0 : value)
            index += 1
        }
        let step = exponent >= 0
            ? Double(mantissa) * powerOfTen(exponent) : Double(mantissa) / powerOfTen(-exponent)
        let labels = labelTexts(values, stepExponent: exponent)
        return ValueTicks(values: values, step: step, labels: labels)
    }

    /// Labels with as many decimals as the step needs; values from 10 000 up are shown with an
    /// SI suffix (k, M, G, T, P, E), beyond that in exponent notation.
    private static func labelTexts(_ values: [Double], stepExponent: Int) -> [String] {
        let largest = values.map(abs).max() ?? 0
        let suffixes = ["", "k", "M", "G", "T", "P", "E"]
        var group = 0
        if largest >= 10_000 {
            group = Swift.min(Int((log10(largest)).rounded(.down)) / 3, suffixes.count)
        }
        if group == suffixes.count {
            return values.map { $0.description }
        }
        let scale = powerOfTen(3 * group)
        let decimals = Swift.max(0, 3 * group - stepExponent)
        return values.map { value in
            group > 0 && value == 0 ? "0" : FixedDecimal.format(value / scale, decimals: decimals) + suffixes[group]
        }
    }

    /// 10^exponent; exact for |exponent| ≤ 22, the powers of ten a Double represents exactly.
    static func powerOfTen(_ exponent: Int) -> Double {
        if exponent < 0 { return 1 / powerOfTen(-exponent) }
        if exponent > 308 { return .infinity }
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}

/// Fixed-point text for numbers in charts: a given number of decimals, "." as the separator,
/// no locale and never "-0", so the same value always gives the same bytes.
package enum FixedDecimal {
    /// `value` rounded half away from zero to `decimals` places (0…15).
    package static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let decimals = Swift.min(Swift.max(decimals, 0), 15)
        let scale = ValueTicks.powerOfTen(decimals)
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 0x1p62 else { return value.description }
        let units = UInt64(scaled)
        let negative = value < 0 && units != 0
        var digits = String(units)
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return negative ? "-" + digits : digits
    }

    /// `value` in the shortest text that reads back as the same `Double` ("0.375", "12", "1e-07"),
    /// for data attributes a reader parses.
    package static func shortest(_ value: Double) -> String {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text == "-0" ? "0" : text
    }
}
