extension Statistics {
    /// The mean after removing a proportion of the smallest and of the largest values.
    ///
    /// Method: with *n* values, *c = ⌊proportionToCut · n⌋* values are removed from each end of
    /// the sorted sample (the product rounded once in binary64, then truncated, exactly as scipy
    /// does) and the remaining *n − 2c* are averaged with ``mean(_:nanPolicy:)``. This is
    /// `scipy.stats.trim_mean(x, proportiontocut)`; with `proportionToCut = 0.5` and an odd *n*
    /// it is the median. Source: P. J. Huber and E. M. Ronchetti, *Robust Statistics*, 2nd ed.,
    /// Wiley 2009, §3.3 (the α-trimmed mean).
    ///
    /// - Parameters:
    ///   - x: The values.
    ///   - proportionToCut: The fraction to remove from each end, in `0...0.5`.
    ///   - nanPolicy: Whether a NaN makes the result NaN (the default) or is skipped.
    /// - Returns: The trimmed mean; NaN when there are no values or none remain after trimming
    ///   (`proportionToCut = 0.5` with an even *n*).
    /// - Complexity: O(*n* log *n*) time and O(*n*) extra memory.
    public static func trimmedMean(
        _ x: some Collection<Double>,
        proportionToCut: Double,
        nanPolicy: NaNPolicy = .propagate
    ) -> Double {
        precondition((0...0.5).contains(proportionToCut),
                     "proportion to cut \(proportionToCut) is outside 0...0.5")
        guard let sorted = sortedValues(x, nanPolicy: nanPolicy) else { return .nan }
        let n = sorted.count
        let cut = Int((proportionToCut * Double(n)).rounded(.towardZero))
        return mean(sorted[cut..<(n - cut)])
    }
}
