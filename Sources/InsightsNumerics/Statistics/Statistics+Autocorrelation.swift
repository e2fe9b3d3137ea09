extension Statistics {
    /// The lag-`lag` sample autocorrelation of a series.
    ///
    /// Method: *r(k) = Σᵢ₌ₖⁿ⁻¹ (yᵢ − ȳ)(yᵢ₋ₖ − ȳ) / Σᵢ₌₀ⁿ⁻¹ (yᵢ − ȳ)²*, both sums compensated
    /// (Neumaier); the deviations are centred twice (by the compensated mean, then by the mean
    /// of the deviations) so the mean's rounding error does not bias r(k). Both sums are divided
    /// by the same *n*, so this is the biased estimator of Box & Jenkins, the one NIST StRD
    /// certifies as r(1) and statsmodels' `acf(x, adjusted=False, fft=False)` returns. Sources: G. E. P. Box and
    /// G. M. Jenkins, *Time Series Analysis: Forecasting and Control*, Holden-Day 1976, §2.1.5;
    /// *NIST/SEMATECH e-Handbook of Statistical Methods*, §1.3.5.12.
    ///
    /// The series is used in order and a NaN anywhere makes the result NaN: removing missing
    /// observations would shift the lags of all later ones.
    ///
    /// - Parameters:
    ///   - y: The series, oldest first.
    ///   - lag: The lag *k* ≥ 0.
    /// - Returns: *r(k)*: 1 for `lag == 0` and 0 for `lag >= n`, given a non-constant series;
    ///   NaN for an empty or constant series (the denominator is 0).
    /// - Complexity: O(*n*) time and O(*n*) extra memory.
    public static func autocorrelation(_ y: some Collection<Double>, lag: Int) -> Double {
        precondition(lag >= 0, "autocorrelation lag \(lag) is negative")
        return withValues(y, nanPolicy: .propagate) { values in
            let deviations = deviationsFromMean(values)
            return laggedProductSum(deviations, lag: lag) / laggedProductSum(deviations, lag: 0)
        }
    }

    /// The sample autocorrelations at lags `0...maxLag`.
    ///
    /// Method and source as for ``autocorrelation(_:lag:)``, computed directly (not by FFT); the
    /// result matches statsmodels' `acf(y, nlags=maxLag, fft=False)`.
    ///
    /// - Parameters:
    ///   - y: The series, oldest first.
    ///   - maxLag: The largest lag, ≥ 0.
    /// - Returns: `maxLag + 1` values, `[r(0), r(1), …, r(maxLag)]`; all NaN for an empty or
    ///   constant series.
    /// - Complexity: O(*n* · `maxLag`) time and O(*n*) extra memory.
    public static func autocorrelations(_ y: some Collection<Double>, maxLag: Int) -> [Double] {
        precondition(maxLag >= 0, "maximum autocorrelation lag \(maxLag) is negative")
        return withValues(y, nanPolicy: .propagate) { values in
            let deviations = deviationsFromMean(values)
            let denominator = laggedProductSum(deviations, lag: 0)
            return (0...maxLag).map { laggedProductSum(deviations, lag: $0) / denominator }
        }
    }

    // MARK: Kernels

    /// `yᵢ − ȳ` for every value, centred twice.
    ///
    /// The computed mean *m* is off from ȳ by up to a rounding, and that error *δ* enters r(k)
    /// to first order through the end terms, `δ(d₀ + dₙ₋₁)`, unlike the variance where it is
    /// second order. (On NumAcc4 it costs about one significant digit.) So the deviations
    /// `dᵢ = yᵢ − m` are centred once more by their own compensated mean.
    static func deviationsFromMean(_ values: UnsafeBufferPointer<Double>) -> [Double] {
        let m = mean(of: values)
        let deviations = values.map { $0 - m }
        let residualMean = deviations.withUnsafeBufferPointer(mean(of:))
        return deviations.map { $0 - residualMean }
    }

    /// `Σᵢ₌ₖⁿ⁻¹ dᵢ·dᵢ₋ₖ`, compensated; NaN when `d` is empty, 0 when `lag >= d.count`.
    ///
    /// Four running Neumaier sums take every fourth term (SIMD lanes, so the O(*n* · maxLag)
    /// loop of ``autocorrelations(_:maxLag:)`` runs four terms at a time), and their sums and
    /// error terms are then added with a ``CompensatedSum``: as accurate as one running sum,
    /// in a different order.
    static func laggedProductSum(_ d: [Double], lag: Int) -> Double {
        guard !d.isEmpty else { return .nan }
        return d.withUnsafeBufferPointer { d in
            typealias Lanes = SIMD4<Double>
            var sums = Lanes(), errors = Lanes()
            var i = lag
            while i + 3 < d.count {
                let term = Lanes(d[i], d[i + 1], d[i + 2], d[i + 3]) * Lanes(d[i - lag], d[i + 1 - lag], d[i + 2 - lag], d[i + 3 - lag])
                let total = sums + term
                // Neumaier's branch per lane: subtract the larger operand from the total first.
                let sumMagnitude = sums.replacing(with: -sums, where: sums .< 0)
                let termMagnitude = term.replacing(with: -term, where: term .< 0)
                errors += ((sums - total) + term).replacing(with: (term - total) + sums, where: sumMagnitude .< termMagnitude)
                sums = total
                i += 4
            }
            var sum = CompensatedSum()
            for lane in 0..<4 { sum += sums[lane] }
            // Once a lane is infinite or NaN its error term is meaningless (inf − inf).
            if sums.sum().isFinite { for lane in 0..<4 { sum += errors[lane] } }
            while i < d.count {
                sum += d[i] * d[i - lag]
                i += 1
            }
            return sum.value
        }
    }
}
