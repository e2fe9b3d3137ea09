/// Prefix sums that give the least-squares fit of any segment `[s, e)` in O(1).
///
/// Values are centred on their overall mean and times on their overall midpoint first, so
/// the differences of prefix sums lose little to cancellation. The accessors are O(1) and
/// called O(candidates) times per step of the change-point search, so they are inlined.
struct SegmentSums {
    private let y: [Double], yy: [Double], t: [Double], tt: [Double], ty: [Double]

    init(_ values: [Double], times: [Double]? = nil) {
        let n = values.count
        let mean = values.reduce(0, +) / Double(max(n, 1))
        let rawTimes = times ?? values.indices.map(Double.init)
        let middle = ((rawTimes.first ?? 0) + (rawTimes.last ?? 0)) / 2
        var y = [0.0], yy = [0.0], t = [0.0], tt = [0.0], ty = [0.0]
        for i in 0..<n {
            let v = values[i] - mean, time = rawTimes[i] - middle
            y.append(y[i] + v); yy.append(yy[i] + v * v)
            t.append(t[i] + time); tt.append(tt[i] + time * time); ty.append(ty[i] + time * v)
        }
        (self.y, self.yy, self.t, self.tt, self.ty) = (y, yy, t, tt, ty)
    }

    /// The number of values.
    var count: Int { y.count - 1 }

    /// The sum of squares about the segment mean (0 at least).
    @inline(__always)
    func meanRSS(_ s: Int, _ e: Int) -> Double {
        let m = Double(e - s), sy = y[e] - y[s]
        return max(0, yy[e] - yy[s] - sy * sy / m)
    }

    /// `(Σv, Σv²)` over the segment of the centred values v.
    @inline(__always)
    func moments(_ s: Int, _ e: Int) -> (sum: Double, squares: Double) { (y[e] - y[s], yy[e] - yy[s]) }

    /// The segment mean (of the centred values; differences of means are what callers use).
    @inline(__always)
    func mean(_ s: Int, _ e: Int) -> Double { (y[e] - y[s]) / Double(e - s) }

    /// `Σ(t − t̄)²` over the segment.
    @inline(__always)
    func timeSS(_ s: Int, _ e: Int) -> Double {
        let m = Double(e - s), st = t[e] - t[s]
        return tt[e] - tt[s] - st * st / m
    }

    /// The least-squares slope of the segment.
    func slope(_ s: Int, _ e: Int) -> Double {
        let m = Double(e - s)
        let sty = ty[e] - ty[s] - (t[e] - t[s]) * (y[e] - y[s]) / m
        return sty / timeSS(s, e)
    }

    /// The residual sum of squares about the segment's least-squares line (0 at least).
    @inline(__always)
    func lineRSS(_ s: Int, _ e: Int) -> Double {
        let m = Double(e - s)
        let sty = ty[e] - ty[s] - (t[e] - t[s]) * (y[e] - y[s]) / m
        return max(0, meanRSS(s, e) - sty * sty / timeSS(s, e))
    }
}
