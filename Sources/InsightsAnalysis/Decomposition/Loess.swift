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
/// All buffers are caller-owned scratch so that STL's passes allocate nothing.
enum Loess {
    /// The fitted value at position `x` (may lie outside `0..<n` to extrapolate), using the
    /// points `left...right` of `y`; nil when the weights sum to zero.
    ///
    /// - Parameters:
    ///   - y: The values; positions `left...right` are read.
    ///   - n: The length of the series the window comes from.
    ///   - span: The smoother's span (number of points it nominally uses).
    ///   - degree: 0 (local constant) or 1 (local line).
    ///   - weights: Scratch of at least `right + 1` values; positions `left...right` are written.
    ///   - robustness: Robustness weights for positions `left...right`, or nil for none.
    @inline(__always)
    static func estimate(
        _ y: UnsafeMutableBufferPointer<Double>, count n: Int, span: Int, degree: Int,
        at x: Int, left: Int, right: Int,
        weights w: UnsafeMutableBufferPointer<Double>,
        robustness: UnsafeMutableBufferPointer<Double>?
    ) -> Double? {
        let range = Double(n - 1)
        var h = Double(max(x - left, right - x))
        if span > n { h += Double((span - n) / 2) }
        let upper = 0.999 * h
        let lower = 0.001 * h
        var total = 0.0
        for j in left...right {
            var weight = 0.0
            let r = Double(abs(j - x))
            if r <= upper {
                if r <= lower {
                    weight = 1
                } else {
                    let u = r / h
                    let t = 1 - u * u * u
                    weight = t * t * t
                }
                if let robustness { weight *= robustness[j] }
                total += weight
            }
            w[j] = weight
        }
        guard total > 0 else { return nil }
        for j in left...right { w[j] /= total }
        if h > 0 && degree > 0 {
            var center = 0.0
            for j in left...right { center += w[j] * Double(j) }
            var spread = 0.0
            for j in left...right {
                let d = Double(j) - center
                spread += w[j] * d * d
            }
            if spread.squareRoot() > 0.001 * range {
                let slope = (Double(x) - center) / spread
                for j in left...right { w[j] *= slope * (Double(j) - center) + 1 }
            }
        }
        var fitted = 0.0
        for j in left...right { fitted += w[j] * y[j] }
        return fitted
    }

    /// Smooths `y[0..<n]` into `out[0..<n]`: the estimate at every `jump`-th position (and the
    /// last), linear interpolation in between; the window of `span` nearest points slides along
    /// the series and stops at its ends.
    ///
    /// - Complexity: O(*n* · span / jump) time, no allocation.
    static func smooth(
        _ y: UnsafeMutableBufferPointer<Double>, count n: Int, span: Int, degree: Int, jump: Int,
        robustness: UnsafeMutableBufferPointer<Double>?,
        into out: UnsafeMutableBufferPointer<Double>,
        weights w: UnsafeMutableBufferPointer<Double>
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
                              weights: w, robustness: robustness) ?? y[i]
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
