import InsightsNumerics

extension STL {
    /// Decomposes `y` into trend, seasonal and residual (Cleveland et al. 1990; see ``STL``).
    ///
    /// STL needs every value: fill gaps first, for example with `MissingValues.interpolated`.
    ///
    /// - Parameter y: The series, oldest first, evenly spaced, at least two periods long.
    /// - Returns: Trend, seasonal, residual and the final robustness weights.
    /// - Throws: `DecompositionError` of kind `.missingValues` when `y` holds a NaN and
    ///   `.tooShort` when it has fewer than `2 · period` values.
    /// - Complexity: O(*n* · (seasonal + trend + lowPass)) per inner pass, the LOESS spans
    ///   divided by their jumps; one O(*n* log *n*) median per robustness pass. The passes
    ///   allocate nothing beyond one workspace of 3·(*n* + 2·period) + 3·(*n*/period + 3) values.
    public func decompose(_ y: [Double]) throws(DecompositionError) -> Decomposition {
        try Self.validate(y, period: period)
        let n = y.count
        var trend = [Double](repeating: 0, count: n)
        var season = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 1, count: n)
        trend.withUnsafeMutableBufferPointer { trend in
            season.withUnsafeMutableBufferPointer { season in
                weights.withUnsafeMutableBufferPointer { weights in
                    y.withUnsafeBufferPointer { y in
                        run(y, trend: trend, season: season, weights: weights)
                    }
                }
            }
        }
        var residual = [Double](repeating: 0, count: n)
        for i in 0..<n { residual[i] = y[i] - season[i] - trend[i] }
        return Decomposition(trend: trend, seasonal: season, residual: residual, weights: weights)
    }

    /// The inner and outer loops of STL (the Fortran `stl`/`stlstp`) on caller-owned outputs.
    private func run(
        _ y: UnsafeBufferPointer<Double>, trend: UnsafeMutableBufferPointer<Double>,
        season: UnsafeMutableBufferPointer<Double>, weights: UnsafeMutableBufferPointer<Double>
    ) {
        let n = y.count
        let extended = n + 2 * period
        // a, b, c: rows of the extended length n + 2·period; sub, subFit, subWeights: one
        // cycle-subseries (at most n / period + 1 values, plus one extrapolated at each end).
        let subLength = n / period + 3
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * extended + 3 * subLength) { buffer in
            func row(_ index: Int, _ length: Int, at offset: Int) -> UnsafeMutableBufferPointer<Double> {
                UnsafeMutableBufferPointer(rebasing: buffer[(offset + index * length)..<(offset + (index + 1) * length)])
            }
            let a = row(0, extended, at: 0), b = row(1, extended, at: 0), c = row(2, extended, at: 0)
            let subOffset = 3 * extended
            let sub = row(0, subLength, at: subOffset), subFit = row(1, subLength, at: subOffset)
            let subWeights = row(2, subLength, at: subOffset)
            buffer.initialize(repeating: 0)

            var useWeights = false
            var pass = 0
            while true {
                for _ in 0..<innerIterations {
                    for i in 0..<n { a[i] = y[i] - trend[i] }
                    smoothCycleSubseries(a, count: n, weights: useWeights ? weights : nil, into: b,
                                         sub: sub, subFit: subFit, subWeights: subWeights)
                    // Low-pass filter of the extended seasonal b: moving averages of length
                    // period, period and 3 (n + 2·period → n values), then a LOESS.
                    Self.movingAverage(b, count: extended, length: period, into: c)
                    Self.movingAverage(c, count: n + period + 1, length: period, into: a)
                    Self.movingAverage(a, count: n + 2, length: 3, into: c)
                    Loess.smooth(c, count: n, span: lowPass, degree: lowPassDegree, jump: lowPassJump,
                                 robustness: nil, into: a)
                    for i in 0..<n {
                        season[i] = b[period + i] - a[i]
                        a[i] = y[i] - season[i]
                    }
                    Loess.smooth(a, count: n, span: self.trend, degree: trendDegree, jump: trendJump,
                                 robustness: useWeights ? weights : nil, into: trend)
                }
                pass += 1
                if pass > outerIterations { break }
                Self.robustnessWeights(y, trend: trend, season: season, into: weights)
                useWeights = true
            }
        }
    }

    /// Smooths each cycle-subseries of `detrended` with the seasonal LOESS, extended by one
    /// cycle at each end, into `out[0 ..< n + 2·period]` (position *i* of `out` is time
    /// *i* − period).
    private func smoothCycleSubseries(
        _ detrended: UnsafeMutableBufferPointer<Double>, count n: Int,
        weights: UnsafeMutableBufferPointer<Double>?, into out: UnsafeMutableBufferPointer<Double>,
        sub: UnsafeMutableBufferPointer<Double>, subFit: UnsafeMutableBufferPointer<Double>,
        subWeights: UnsafeMutableBufferPointer<Double>
    ) {
        let fitted = UnsafeMutableBufferPointer(rebasing: subFit[1...])
        for phase in 0..<period {
            let k = (n - phase - 1) / period + 1
            for i in 0..<k { sub[i] = detrended[i * period + phase] }
            if let weights { for i in 0..<k { subWeights[i] = weights[i * period + phase] } }
            let robustness = weights == nil ? nil : subWeights
            Loess.smooth(sub, count: k, span: seasonal, degree: seasonalDegree, jump: seasonalJump,
                         robustness: robustness, into: fitted)
            subFit[0] = Loess.estimate(sub, count: k, span: seasonal, degree: seasonalDegree, at: -1,
                                       left: 0, right: min(seasonal, k) - 1,
                                       robustness: robustness) ?? subFit[1]
            subFit[k + 1] = Loess.estimate(sub, count: k, span: seasonal, degree: seasonalDegree, at: k,
                                           left: max(0, k - seasonal), right: k - 1,
                                           robustness: robustness) ?? subFit[k]
            for m in 0..<(k + 2) { out[m * period + phase] = subFit[m] }
        }
    }

    /// The running mean of `length` consecutive values of `x[0..<count]`, written to
    /// `out[0 ... count − length]`.
    private static func movingAverage(
        _ x: UnsafeMutableBufferPointer<Double>, count: Int, length: Int,
        into out: UnsafeMutableBufferPointer<Double>
    ) {
        let scale = Double(length)
        var window = 0.0
        for i in 0..<length { window += x[i] }
        out[0] = window / scale
        for j in 1..<(count - length + 1) {
            window += x[j + length - 1] - x[j - 1]
            out[j] = window / scale
        }
    }

    /// Bisquare robustness weights of the residuals: B(|*Rᵢ*| / *h*) with *h* = 6 · median |*R*|
    /// (Cleveland et al. 1990, §2.2); weight 1 within 0.001·*h*, 0 beyond 0.999·*h*, and all
    /// weights 1 when *h* = 0.
    private static func robustnessWeights(
        _ y: UnsafeBufferPointer<Double>, trend: UnsafeMutableBufferPointer<Double>,
        season: UnsafeMutableBufferPointer<Double>, into weights: UnsafeMutableBufferPointer<Double>
    ) {
        for i in 0..<y.count { weights[i] = abs(y[i] - (trend[i] + season[i])) }
        let h = 6 * Statistics.median(weights)
        guard h > 0 else {
            weights.update(repeating: 1)
            return
        }
        let upper = 0.999 * h, lower = 0.001 * h
        for i in 0..<y.count {
            let r = weights[i]
            if r <= lower {
                weights[i] = 1
            } else if r <= upper {
                let u = r / h
                let t = 1 - u * u
                weights[i] = t * t
            } else {
                weights[i] = 0
            }
        }
    }
}
