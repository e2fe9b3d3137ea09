/// How p-values and interval levels are adjusted when several variants are each compared
/// with the control, so that the chance of any false positive among the `m` comparisons
/// (the family-wise error rate) stays at most `α`.
///
/// - Bonferroni: `p̃_i = min(1, m·p_i)`.
/// - Holm (step-down Bonferroni, the default): sort the p-values `p_(1) ≤ … ≤ p_(m)`; then
///   `p̃_(j) = max_{i ≤ j} min(1, (m − i + 1)·p_(i))`. It controls the same error rate as
///   Bonferroni and rejects at least as often (S. Holm, *Scand. J. Statist.* 6 (1979) 65–70).
///   These are statsmodels' `multipletests(p, method="bonferroni" | "holm")[1]`.
///
/// Intervals: both methods give each of the `m` intervals the level `1 − (1 − level)/m`
/// (Bonferroni intervals), which cover all `m` true effects at once with probability at least
/// `level`. Holm has no equally simple simultaneous intervals, so under Holm a variant can be
/// significant while its Bonferroni interval still touches 0; the adjusted p-value is the
/// decision, the interval a conservative range. With `.none` nothing is adjusted.
public enum MultipleComparisonCorrection: Sendable, Hashable {
    /// No adjustment.
    case none
    /// Bonferroni.
    case bonferroni
    /// Holm's step-down procedure.
    case holm

    /// The adjusted p-values, in the order given. NaN entries stay NaN and are not counted
    /// in `m`.
    public func adjust(_ pValues: [Double]) -> [Double] {
        let order = pValues.indices.filter { !pValues[$0].isNaN }.sorted { pValues[$0] < pValues[$1] }
        let m = Double(order.count)
        var result = pValues
        switch self {
        case .none:
            break
        case .bonferroni:
            for index in order { result[index] = min(1, m * pValues[index]) }
        case .holm:
            var running = 0.0
            for (rank, index) in order.enumerated() {
                running = max(running, min(1, (m - Double(rank)) * pValues[index]))
                result[index] = running
            }
        }
        return result
    }

    /// The level at which each of `comparisons` intervals is computed so that together they
    /// hold at `level`: `1 − (1 − level)/comparisons`, or `level` itself for `.none`.
    public func intervalLevel(_ level: Double, comparisons: Int) -> Double {
        guard self != .none && comparisons > 1 else { return level }
        return 1 - (1 - level) / Double(comparisons)
    }
}
