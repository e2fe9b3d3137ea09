/// The LOESS smoother STL is built from: locally weighted constant or linear fits with tricube
/// weights over the `span` nearest points, evaluated every `jump` points and linearly
/// interpolated in between.
///
/// Method: Cleveland, Cleveland, McRae & Terpenning (1990), *Journal of Official Statistics*
/// 6(1), 3–73, §2.1 and the appendix's `stlest`/`stless` routines. Positions are the indices
/// 0..<n (equally spaced). For an estimate at position *x* from the window `left...right`, with
/// *h* = max(*x* − left, right − *x*) (widened by ⌊(span − n)/2⌋ when the span exceeds the
/// series), the weights are *wᵢ* = T(|*i* − *x*| / *h*) · *rᵢ* with the tricube
/// T(*u*) = (1 − *u*³)³ (1 within 0.001·*h*, 0 beyond 0.999·*h*) and optional robustness
/// weights *rᵢ*. Degree 1 adds a local slope unless the weighted spread of the positions is
/// below 0.001·(n − 1). A window whose weights are all zero has no estimate; the smoother then
/// keeps the input value there.
///
/// Each estimate is one pass over its window that sums the weighted moments Σw, Σw·e, Σw·e²,
/// Σw·v and Σw·e·v (positions e and values v taken relative to the window's middle point) and
/// solves the local fit from them: the same estimate as normalising the weights, centring the
/// positions and applying the slope point by point (the Fortran's separate passes), up to
/// rounding, in one vectorised pass. Nothing is allocated.
enum Loess {
    /// The fitted value at position `x` (may lie outside `0..<n` to extrapolate), using the
    /// points `left...right` of `y`; nil when the weights sum to zero.
    ///
    /// - Parameters:
    ///   - y: The values; positions `left...right` are read.
    ///   - n: The length of the series the window comes from.
    ///   - span: The smoother's span (number of points it nominally uses).
    ///   - degree: 0 (local constant) or 1 (local line).
    ///   - robustness: Robustness weights for positions `left...right`, or nil for none.
    @inline(__always)
    static func estimate(
        _ y: UnsafeMutableBufferPointer<Double>, count n: Int, span: Int, degree: Int,
        at x: Int, left: Int, right: Int,
        robustness: UnsafeMutableBufferPointer<Double>?
    ) -> Double? {
        let range = Double(n - 1)
        var h = Double(max(x - left, right - x))
        if span > n { h += Double((span - n) / 2) }
        let upper = 0.999 * h
        let lower = 0.001 * h
        // Weighted moments of positions e = i − mid and values v = y − y[mid] (relative to the
        // window's middle, which keeps the sums small and the covariance below free of
        // cancellation): Σw, Σw·e, Σw·e², Σw·v, Σw·e·v, four positions at a time in SIMD lanes.
        let mid = (left + right) / 2
        let offset = Double(x - mid)
        let reference = y[mid]
        typealias Lanes = SIMD4<Double>
        var m0 = Lanes(), m1 = Lanes(), m2 = Lanes(), mv = Lanes(), mev = Lanes()
        let steps = Lanes(0, 1, 2, 3)
        var j = left
        while j + 3 <= right {
            let e = Lanes(repeating: Double(j - mid)) + steps
            let d = e - offset
            let r = d.replacing(with: -d, where: d .< 0)
            let u = r / h
            let t = 1 - u * u * u
            var weight = t * t * t
            weight.replace(with: 1, where: r .<= lower)
            weight.replace(with: 0, where: r .> upper)
            if let robustness { weight *= Lanes(robustness[j], robustness[j + 1], robustness[j + 2], robustness[j + 3]) }
            let value = Lanes(y[j], y[j + 1], y[j + 2], y[j + 3]) - reference
            let we = weight * e
            m0 += weight
            m1 += we
            m2 += we * e
            mv += weight * value
            mev += we * value
            j += 4
        }
        /// The weight of position `j`, one at a time.
        func weight(at j: Int) -> Double {
            let r = abs(Double(j - mid) - offset)
            var weight = 0.0
            if r <= lower {
                weight = 1
            } else if r <= upper {
                let u = r / h
                let t = 1 - u * u * u
                weight = t * t * t
            }
            if let robustness { weight *= robustness[j] }
            return weight
        }
        var s0 = m0.sum(), s1 = m1.sum(), s2 = m2.sum(), sv = mv.sum(), sev = mev.sum()
        while j <= right {
            let weight = weight(at: j)
            let e = Double(j - mid)
            let value = y[j] - reference
            let we = weight * e
            s0 += weight
            s1 += we
            s2 += we * e
            sv += weight * value
            sev += we * value
            j += 1
        }
        guard s0 > 0 else { return nil }
        let mean = sv / s0
        guard h > 0 && degree > 0 else { return reference + mean }
        // With normalised weights, centre c = Σw·e, spread Σw·(e − c)² and covariance
        // Σw·(e − c)·v; the weighted least-squares line is mean + slope·(e − c), slope =
        // covariance/spread. From the moments: spread = Σw·e² − c², covariance = Σw·e·v − c·mean.
        let center = s1 / s0
        var spread = s2 / s0 - center * center
        var covariance = sev / s0 - center * mean
        if s2 / s0 > 64 * spread {
            // The weights sit far from the middle (a short window, mostly zero robustness
            // weights): the difference lost more than six bits, so sum about the centre instead.
            var q = 0.0, qv = 0.0
            for i in left...right {
                let weight = weight(at: i)
                let e = Double(i - mid) - center
                q += weight * e * e
                qv += weight * e * (y[i] - reference)
            }
            spread = q / s0
            covariance = qv / s0
        }
        guard spread.squareRoot() > 0.001 * range else { return reference + mean }
        return reference + mean + (offset - center) / spread * covariance
    }

    /// Smooths `y[0..<n]` into `out[0..<n]`: the estimate at every `jump`-th position (and the
    /// last), linear interpolation in between; the window of `span` nearest points slides along
    /// the series and stops at its ends.
    ///
    /// - Complexity: O(*n* · span / jump) time, no allocation.
    static func smooth(
        _ y: UnsafeMutableBufferPointer<Double>, count n: Int, span: Int, degree: Int, jump: Int,
        robustness: UnsafeMutableBufferPointer<Double>?,
        into out: UnsafeMutableBufferPointer<Double>
    ) {
        if n < 2 {
            if n == 1 { out[0] = y[0] }
            return
        }
        let step = min(jump, n - 1)
        var left = 0
        var right = n - 1
        func fit(_ i: Int) {
            out[i] = estimate(y, count: n, span: span, degree: degree, at: i, left: left, right: right,
                              robustness: robustness) ?? y[i]
        }
        if span >= n {
            var i = 0
            while i < n { fit(i); i += step }
        } else if step == 1 {
            // The window moves right once the position passes its middle, until it hits the end.
            let half = (span + 2) / 2
            right = span - 1
            for i in 0..<n {
                if i + 1 > half && right != n - 1 {
                    left += 1
                    right += 1
                }
                fit(i)
            }
            return
        } else {
            let half = (span + 1) / 2
            var i = 0
            while i < n {
                if i + 1 < half {
                    left = 0
                    right = span - 1
                } else if i + 1 >= n - half + 1 {
                    left = n - span
                    right = n - 1
                } else {
                    left = i + 1 - half
                    right = span + i - half
                }
                fit(i)
                i += step
            }
        }
        if step == 1 { return }
        // Interpolate between the fitted positions 0, step, 2·step, …
        var i = 0
        while i < n - step {
            let delta = (out[i + step] - out[i]) / Double(step)
            for j in (i + 1)..<(i + step) { out[j] = out[i] + delta * Double(j - i) }
            i += step
        }
        // The last position, fitted with the last window, and the tail after the last fit.
        let lastFitted = ((n - 1) / step) * step
        if lastFitted != n - 1 {
            fit(n - 1)
            if lastFitted != n - 2 {
                let delta = (out[n - 1] - out[lastFitted]) / Double(n - 1 - lastFitted)
                for j in (lastFitted + 1)..<n {
                    out[j] = out[lastFitted] + delta * Double(j - lastFitted)
                }
            }
        }
    }
}
