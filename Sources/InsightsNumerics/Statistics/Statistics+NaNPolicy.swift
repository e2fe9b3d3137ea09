extension Statistics {
    /// What a statistic does with NaN values in its input.
    ///
    /// The names follow scipy's `nan_policy` argument.
    public enum NaNPolicy: Sendable, Hashable {
        /// A NaN in the input makes the result NaN (IEEE propagation; numpy's default).
        case propagate
        /// NaNs are removed and the statistic is computed from the remaining values, as
        /// scipy does with `nan_policy='omit'` and numpy's `nanmean`, `nanquantile`, ….
        case omit
    }

    /// Calls `body` with the values of `x` in contiguous storage, after applying `nanPolicy`.
    ///
    /// Contiguous collections under `.propagate` are passed without copying; otherwise the
    /// values kept are copied once. The buffer is valid only inside `body`.
    static func withValues<Result>(
        _ x: some Collection<Double>,
        nanPolicy: NaNPolicy,
        _ body: (UnsafeBufferPointer<Double>) -> Result
    ) -> Result {
        switch nanPolicy {
        case .propagate:
            if let result = x.withContiguousStorageIfAvailable(body) { return result }
            return ContiguousArray(x).withUnsafeBufferPointer(body)
        case .omit:
            return ContiguousArray(x.lazy.filter { !$0.isNaN }).withUnsafeBufferPointer(body)
        }
    }
}
