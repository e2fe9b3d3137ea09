import Foundation
import TestSupport

/// The classic shared series (`classic/NAME.csv`: `timestamp,value`, empty value = missing),
/// as values on their row index, NaN where missing.
enum ClassicSeries {
    static func values(_ name: String) throws -> [Double] {
        let text = try String(contentsOf: SharedData.url("classic/\(name).csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let cell = line.split(separator: ",", omittingEmptySubsequences: false)[1]
            return cell.isEmpty ? .nan : Double(cell)!
        }
    }
}

/// `|computed − reference| ≤ tolerance·|reference|`, or, for a reference p-value that
/// underflowed to 0, a computed value below 1e-300.
func close(_ computed: Double, _ reference: Double, _ tolerance: Double = 1e-8) -> Bool {
    reference == 0 ? abs(computed) < 1e-300 : Accuracy.relativeError(computed, reference) <= tolerance
}
