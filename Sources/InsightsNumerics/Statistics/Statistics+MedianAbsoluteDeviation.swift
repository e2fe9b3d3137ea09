extension Statistics {
    /// How ``medianAbsoluteDeviation(_:scale:nanPolicy:)`` scales its result.
    public enum MADScale: Sendable, Hashable {
        /// The median of the absolute deviations itself.
        case raw
        /// Divided by Φ⁻¹(3/4) ≈ 0.6744897501960817 (that is, multiplied by ≈ 1.482602218505602),
        /// so that for normally distributed data it estimates the standard deviation
        /// (scipy's `scale='normal'`).
        case normal
    }

    /// Φ⁻¹(3/4), the upper quartile of the standard normal distribution, as scipy's
    /// `norm.ppf(0.75)` gives it. Dividing by it (rather than multiplying by its rounded
    /// reciprocal) reproduces scipy's results bit for bit.
    static let standardNormalUpperQuartile = 0.6744897501960817

    /// The median absolute deviation from the median (MAD), optionally scaled to be a
    /// consistent estimator of the standard deviation under normality.
    ///
    /// Method: *MAD = median(|xᵢ − median(x)|)*, with medians as ``median(_:nanPolicy:)``; with
    /// `.normal` the result is divided by Φ⁻¹(3/4). It matches
    /// `scipy.stats.median_abs_deviation(x, scale=1)` and `(x, scale='normal')`. Source:
    /// F. R. Hampel, "The influence curve and its role in robust estimation", *JASA* 69 (1974),
    /// 383–393; P. J. Rousseeuw and C. Croux, "Alternatives to the median absolute deviation",
    /// *JASA* 88 (1993), 1273–1283, §1.
    ///
    /// - Parameters:
    ///   - x: The values.
    ///   - scale: `.raw` (the default) or `.normal`.
    ///   - nanPolicy: Whether a NaN makes the result NaN (the default) or is skipped.
    /// - Returns: The MAD, or NaN when there are no values.
    /// - Complexity: O(*n* log *n*) time and O(*n*) extra memory.
    public static func medianAbsoluteDeviation(
        _ x: some Collection<Double>,
        scale: MADScale = .raw,
        nanPolicy: NaNPolicy = .propagate
    ) -> Double {
        guard let sorted = sortedValues(x, nanPolicy: nanPolicy) else { return .nan }
        let center = median(sorted: sorted)
        let deviations = sorted.map { abs($0 - center) }.sorted()
        let mad = median(sorted: deviations)
        switch scale {
        case .raw: return mad
        case .normal: return mad / standardNormalUpperQuartile
        }
    }
}
