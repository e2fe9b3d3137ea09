extension Statistics {
    /// The quantile of the values at probability `p`, by linear interpolation between order
    /// statistics (Hyndman & Fan's definition 7, numpy's default `method='linear'`).
    ///
    /// Method: with the values sorted as *x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎*, let *h = (n − 1)p*, *j = ⌊h⌋* and
    /// *g = h − j*; the quantile is *x₍ⱼ₎ + g·(x₍ⱼ₊₁₎ − x₍ⱼ₎)*. For *g ≥ 0.5* it is evaluated as
    /// *x₍ⱼ₊₁₎ − (1 − g)·(x₍ⱼ₊₁₎ − x₍ⱼ₎)*, as numpy does, so results match numpy to the last bit
    /// and stay monotone in *p*. This is also R's default `quantile(type = 7)` and Excel's
    /// `PERCENTILE.INC`. Source: R. J. Hyndman and Y. Fan, "Sample quantiles in statistical
    /// packages", *The American Statistician* 50 (1996), 361–365.
    ///
    /// Where an order statistic is infinite numpy returns NaN from `inf − inf`; this function
    /// returns the order statistic itself when *g = 0* or both neighbours are equal, and the
    /// infinite end when interpolating between a finite and an infinite value.
    ///
    /// - Parameters:
    ///   - x: The values.
    ///   - p: The probability, in `0...1`.
    ///   - nanPolicy: Whether a NaN makes the result NaN (the default) or is skipped.
    /// - Returns: The quantile, or NaN when there are no values.
    /// - Complexity: O(*n* log *n*) time and O(*n*) extra memory (the values are sorted in a copy).
    public static func quantile(_ x: some Collection<Double>, _ p: Double, nanPolicy: NaNPolicy = .propagate) -> Double {
        precondition((0...1).contains(p), "quantile probability \(p) is outside 0...1")
        guard let sorted = sortedValues(x, nanPolicy: nanPolicy) else { return .nan }
        return quantile(sorted: sorted, p)
    }

    /// The quantiles of the values at each probability in `ps`, sorting the values once.
    ///
    /// Method and source as for ``quantile(_:_:nanPolicy:)`` (Hyndman & Fan definition 7, numpy's
    /// default).
    ///
    /// - Parameters:
    ///   - x: The values.
    ///   - ps: The probabilities, each in `0...1`, in any order.
    ///   - nanPolicy: Whether a NaN makes every result NaN (the default) or is skipped.
    /// - Returns: One quantile per probability, in the order of `ps`; all NaN when there are no
    ///   values.
    /// - Complexity: O(*n* log *n* + *k*) for *k* probabilities.
    public static func quantiles(
        _ x: some Collection<Double>,
        _ ps: some Collection<Double>,
        nanPolicy: NaNPolicy = .propagate
    ) -> [Double] {
        for p in ps { precondition((0...1).contains(p), "quantile probability \(p) is outside 0...1") }
        guard let sorted = sortedValues(x, nanPolicy: nanPolicy) else {
            return [Double](repeating: .nan, count: ps.count)
        }
        return ps.map { quantile(sorted: sorted, $0) }
    }

    /// The median: the middle order statistic, or the mean of the two middle ones when the
    /// number of values is even.
    ///
    /// Method: as `numpy.median`, which averages the two middle values as `(a + b) / 2`. That can
    /// differ in the last bit from `quantile(x, 0.5)`, which interpolates; both are Hyndman &
    /// Fan definition 7 in exact arithmetic.
    ///
    /// - Parameters:
    ///   - x: The values.
    ///   - nanPolicy: Whether a NaN makes the result NaN (the default) or is skipped.
    /// - Returns: The median, or NaN when there are no values.
    /// - Complexity: O(*n* log *n*) time and O(*n*) extra memory.
    public static func median(_ x: some Collection<Double>, nanPolicy: NaNPolicy = .propagate) -> Double {
        guard let sorted = sortedValues(x, nanPolicy: nanPolicy) else { return .nan }
        return median(sorted: sorted)
    }

    // MARK: Kernels on sorted values

    /// The values of `x` in ascending order after applying `nanPolicy`; `nil` when a NaN is to
    /// propagate.
    static func sortedValues(_ x: some Collection<Double>, nanPolicy: NaNPolicy) -> [Double]? {
        withValues(x, nanPolicy: nanPolicy) { values in
            // A NaN has no place in a total order; find it before sorting.
            if values.contains(where: \.isNaN) { return nil }
            return values.sorted()
        }
    }

    /// The type-7 quantile of ascending `sorted` at `p`; NaN when empty.
    static func quantile(sorted: [Double], _ p: Double) -> Double {
        let n = sorted.count
        guard n > 0 else { return .nan }
        let h = Double(n - 1) * p
        let j = h.rounded(.down)
        let index = Int(j)
        if index >= n - 1 { return sorted[n - 1] }
        let g = h - j
        let a = sorted[index], b = sorted[index + 1]
        if g == 0 || a == b { return a }
        // numpy's `_lerp`: interpolate from the nearer end. Towards an infinite end only the
        // form starting from `a` avoids inf - inf.
        let difference = b - a
        return g >= 0.5 && difference.isFinite ? b - difference * (1 - g) : a + difference * g
    }

    /// The median of ascending `sorted`; NaN when empty.
    static func median(sorted: [Double]) -> Double {
        let n = sorted.count
        guard n > 0 else { return .nan }
        if n % 2 == 1 { return sorted[n / 2] }
        let a = sorted[n / 2 - 1], b = sorted[n / 2]
        let total = a + b
        // Halving is exact, so (a + b) / 2 is numpy's value; halve first only on overflow.
        return total.isFinite ? total / 2 : a / 2 + b / 2
    }
}
