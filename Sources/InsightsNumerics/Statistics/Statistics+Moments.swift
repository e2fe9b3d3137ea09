extension Statistics {
    /// Which denominator a variance uses.
    public enum VarianceDenominator: Sendable, Hashable {
        /// `n - 1`: the unbiased estimate of a population's variance from a sample
        /// (numpy `ddof=1`, R `var`, NIST StRD's certified standard deviation).
        case sample
        /// `n`: the variance of the values themselves (numpy's default `ddof=0`).
        case population
    }

    /// The sum of the values, computed with Neumaier's compensated summation.
    ///
    /// - Parameters:
    ///   - x: The values.
    ///   - nanPolicy: Whether a NaN makes the result NaN (the default) or is skipped.
    /// - Returns: The sum; 0 for no values. See ``CompensatedSum`` for the method and source.
    /// - Complexity: O(*n*).
    public static func sum(_ x: some Collection<Double>, nanPolicy: NaNPolicy = .propagate) -> Double {
        withValues(x, nanPolicy: nanPolicy) { CompensatedSum($0).value }
    }

    /// The arithmetic mean.
    ///
    /// Method: the compensated (Neumaier) sum divided by *n*; see ``CompensatedSum``. The
    /// result is within a few units in the last place of the exact mean of the inputs.
    ///
    /// - Parameters:
    ///   - x: The values.
    ///   - nanPolicy: Whether a NaN makes the result NaN (the default) or is skipped.
    /// - Returns: The mean, or NaN when there are no values.
    /// - Complexity: O(*n*).
    public static func mean(_ x: some Collection<Double>, nanPolicy: NaNPolicy = .propagate) -> Double {
        withValues(x, nanPolicy: nanPolicy, mean(of:))
    }

    /// The variance, with the sample (`n - 1`) or population (`n`) denominator.
    ///
    /// Method: the corrected two-pass algorithm. A first pass computes the mean *m*; a second
    /// pass forms the deviations *dᵢ = xᵢ − m* and computes
    /// `(Σdᵢ² − (Σdᵢ)²/n) / denominator`, where both sums are compensated (Neumaier). The
    /// correction term removes the first-order effect of rounding in *m*. Source: T. F. Chan,
    /// G. H. Golub and R. J. LeVeque, "Algorithms for computing the sample variance: analysis
    /// and recommendations", *The American Statistician* 37 (1983), 242–247, eq. 1.7;
    /// N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §1.9.
    ///
    /// - Parameters:
    ///   - x: The values.
    ///   - denominator: `.sample` (`n - 1`, the default) or `.population` (`n`).
    ///   - nanPolicy: Whether a NaN makes the result NaN (the default) or is skipped.
    /// - Returns: The variance; NaN for no values, and for one value with `.sample`. An
    ///   infinite value makes the result NaN.
    /// - Complexity: O(*n*), two passes over the values.
    public static func variance(
        _ x: some Collection<Double>,
        denominator: VarianceDenominator = .sample,
        nanPolicy: NaNPolicy = .propagate
    ) -> Double {
        withValues(x, nanPolicy: nanPolicy) { variance(of: $0, denominator: denominator) }
    }

    /// The standard deviation: the square root of ``variance(_:denominator:nanPolicy:)``.
    ///
    /// Method and source as for ``variance(_:denominator:nanPolicy:)``. With the default
    /// `.sample` denominator this is the quantity NIST StRD certifies for its univariate sets.
    ///
    /// - Parameters:
    ///   - x: The values.
    ///   - denominator: `.sample` (`n - 1`, the default) or `.population` (`n`).
    ///   - nanPolicy: Whether a NaN makes the result NaN (the default) or is skipped.
    /// - Returns: The standard deviation; NaN where the variance is NaN.
    /// - Complexity: O(*n*), two passes over the values.
    public static func standardDeviation(
        _ x: some Collection<Double>,
        denominator: VarianceDenominator = .sample,
        nanPolicy: NaNPolicy = .propagate
    ) -> Double {
        variance(x, denominator: denominator, nanPolicy: nanPolicy).squareRoot()
    }

    // MARK: Kernels on contiguous values

    /// The mean of `values`, NaN when empty.
    static func mean(of values: UnsafeBufferPointer<Double>) -> Double {
        guard !values.isEmpty else { return .nan }
        return CompensatedSum(values).value / Double(values.count)
    }

    /// The variance of `values` by the corrected two-pass algorithm.
    static func variance(of values: UnsafeBufferPointer<Double>, denominator: VarianceDenominator) -> Double {
        let n = values.count
        let divisor = Double(denominator == .sample ? n - 1 : n)
        guard divisor > 0 else { return .nan }
        return sumOfSquaredDeviations(values) / divisor
    }

    /// `Σ(xᵢ − x̄)²`, computed as `Σdᵢ² − (Σdᵢ)²/n` with `dᵢ = xᵢ − m` (Chan, Golub & LeVeque's
    /// corrected two-pass form). NaN when `values` is empty.
    static func sumOfSquaredDeviations(_ values: UnsafeBufferPointer<Double>) -> Double {
        let m = mean(of: values)
        var deviations = CompensatedSum()
        var squares = CompensatedSum()
        for value in values {
            let d = value - m
            deviations += d
            squares += d * d
        }
        let sumOfDeviations = deviations.value
        var result = squares.value - sumOfDeviations * sumOfDeviations / Double(values.count)
        // Exact arithmetic cannot make this negative; rounding could by a few ulps. (NaN stays NaN.)
        if result < 0 { result = 0 }
        return result
    }
}
