import Foundation
import TestSupport

/// The `timestamp,value` series under `classic/` in the shared data (see its README).
enum ClassicSeries {
    /// The values of `classic/<name>.csv` in file order; an empty value is NaN.
    static func values(_ name: String) throws -> [Double] {
        try values(atPath: "classic/\(name).csv")
    }

    /// The values of the shared-data file at `relativePath` in file order; an empty value is NaN.
    static func values(atPath relativePath: String) throws -> [Double] {
        let text = try String(contentsOf: SharedData.url(relativePath), encoding: .utf8)
        var values: [Double] = []
        for line in text.split(separator: "\n").dropFirst() {
            guard let comma = line.lastIndex(of: ",") else { continue }
            let field = line[line.index(after: comma)...]
            values.append(field.isEmpty ? .nan : Double(field) ?? .nan)
        }
        return values
    }
}

/// Whitespace-separated numbers from a generated reference fixture.
func parsedNumbers(_ text: String) -> [Double] {
    text.split(separator: " ").compactMap { Double($0) }
}

/// The largest `|computed[i] − reference|` over the sampled `indices`, divided by the largest
/// `|reference|` there (the component's scale), or by 1 when `absolute` (weights lie in [0, 1]).
func scaledMaximumError(_ computed: [Double], at indices: [Int], reference: [Double],
                        absolute: Bool = false) -> Double {
    precondition(indices.count == reference.count)
    let scale = absolute ? 1 : max(reference.map(abs).max() ?? 1, Double.leastNormalMagnitude)
    var worst = 0.0
    for (i, expected) in zip(indices, reference) {
        let difference = abs(computed[i] - expected)
        worst = difference.isNaN ? .infinity : max(worst, difference)
    }
    return worst / scale
}

/// `|computed − reference| ≤ tolerance·|reference|`, or, for a reference p-value that
/// underflowed to 0, a computed value below 1e-300.
func close(_ computed: Double, _ reference: Double, _ tolerance: Double = 1e-8) -> Bool {
    reference == 0 ? abs(computed) < 1e-300 : Accuracy.relativeError(computed, reference) <= tolerance
}
