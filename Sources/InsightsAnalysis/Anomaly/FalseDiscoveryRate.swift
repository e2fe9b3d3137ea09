/// Benjamini–Hochberg control of the false discovery rate over many tests (Y. Benjamini
/// and Y. Hochberg, *JRSS B* 57 (1995) 289–300).
public enum FalseDiscoveryRate {
    /// The BH-adjusted p-values (statsmodels' `multipletests(method="fdr_bh")[1]`):
    /// q_(i) = min over j ≥ i of (m / j)·p_(j), capped at 1. NaN stays NaN and is not counted in m.
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        let order = pValues.indices.filter { !pValues[$0].isNaN }.sorted { pValues[$0] < pValues[$1] }
        let m = Double(order.count)
        var result = [Double](repeating: .nan, count: pValues.count)
        var running = 1.0
        for rank in stride(from: order.count, through: 1, by: -1) {
            let index = order[rank - 1]
            running = min(running, m / Double(rank) * pValues[index])
            result[index] = min(running, 1)
        }
        return result
    }

    /// Which tests are discoveries at false discovery rate `q`: adjusted p ≤ q.
    public static func discoveries(_ pValues: [Double], q: Double) -> [Bool] {
        adjusted(pValues).map { $0 <= q }
    }
}
