/// Derivative-free minimisation by the Nelder–Mead simplex method.
///
/// Nelder & Mead (1965), "A simplex method for function minimization", Computer Journal 7:308–313,
/// with the dimension-dependent coefficients of Gao & Han (2012), "Implementing the Nelder–Mead
/// simplex algorithm with adaptive parameters", Comput. Optim. Appl. 51:259–277 (reflection 1,
/// expansion 1 + 2/n, contraction 0.75 − 1/(2n), shrink 1 − 1/n), which keep the method making
/// progress in the 10–30 dimensions of a seasonal model. The stopping rule is scipy's: the
/// spread of function values over the simplex is at most `valueTolerance` and every vertex
/// lies within `pointTolerance` of the best in every coordinate. After it stops, the search
/// restarts from the best point with a fresh simplex of the original step sizes, up to
/// `restarts` times, while a restart still improves the value by more than `valueTolerance`
/// (restarting recovers from a simplex that collapsed onto a subspace; Lagarias et al. 1998).
public enum NelderMead {
    /// Settings of the search.
    public struct Options: Sendable {
        /// Stop when the function values across the simplex differ by at most this.
        public var valueTolerance: Double
        /// …and the vertices differ from the best by at most this in every coordinate.
        public var pointTolerance: Double
        /// The most objective evaluations over all restarts.
        public var maxEvaluations: Int
        /// The most fresh simplices built at the best point after the first search stops.
        public var restarts: Int

        public init(valueTolerance: Double = 1e-8, pointTolerance: Double = 1e-8,
                    maxEvaluations: Int = 20_000, restarts: Int = 3) {
            self.valueTolerance = valueTolerance
            self.pointTolerance = pointTolerance
            self.maxEvaluations = maxEvaluations
            self.restarts = restarts
        }
    }

    /// The outcome of a search.
    public struct Result: Sendable {
        /// The best point found.
        public var point: [Double]
        /// The objective at `point`.
        public var value: Double
        /// Objective evaluations used.
        public var evaluations: Int
        /// Whether the last search met the tolerances (rather than running out of evaluations).
        public var converged: Bool
    }

    /// Minimises `objective` starting from `start`.
    ///
    /// - Parameters:
    ///   - start: The first point; the initial simplex is `start` plus `step[i]` along axis `i`.
    ///   - step: One initial step per coordinate (nonzero), in the coordinate's own units.
    ///   - options: Tolerances, evaluation budget and restarts.
    ///   - objective: The function to minimise. It may return `.infinity` (or NaN, treated as
    ///     `.infinity`) outside its domain; the start must give a finite value for useful results.
    ///     It receives a buffer that is valid only during the call.
    /// - Returns: The best point, its value, the evaluations used and whether it converged.
    /// - Complexity: O(`maxEvaluations` · n) besides the objective; no allocation per evaluation.
    public static func minimize(
        start: [Double], step: [Double], options: Options = Options(),
        _ objective: (UnsafeBufferPointer<Double>) -> Double
    ) -> Result {
        let n = start.count
        precondition(n >= 1 && step.count == n, "one step per coordinate")
        precondition(step.allSatisfy { $0 != 0 && $0.isFinite }, "steps must be finite and nonzero")
        var evaluations = 0
        func evaluate(_ point: UnsafeMutableBufferPointer<Double>) -> Double {
            evaluations += 1
            let value = objective(UnsafeBufferPointer(point))
            return value.isNaN ? .infinity : value
        }
        let dimension = Double(n)
        let reflection = 1.0
        let expansion = 1 + 2 / dimension
        let contraction = 0.75 - 1 / (2 * dimension)
        let shrink = 1 - 1 / dimension

        var best = start
        var bestValue = Double.infinity
        var converged = false
        // Simplex vertices as rows of a flat (n + 1) × n array, plus scratch points.
        var simplex = [Double](repeating: 0, count: (n + 1) * n)
        var values = [Double](repeating: 0, count: n + 1)
        var centroid = [Double](repeating: 0, count: n)
        var trial = [Double](repeating: 0, count: n)
        var trial2 = [Double](repeating: 0, count: n)
        var order = Array(0...n)

        simplex.withUnsafeMutableBufferPointer { s in
        values.withUnsafeMutableBufferPointer { f in
        centroid.withUnsafeMutableBufferPointer { c in
        trial.withUnsafeMutableBufferPointer { r in
        trial2.withUnsafeMutableBufferPointer { e in
            func vertex(_ i: Int) -> UnsafeMutableBufferPointer<Double> {
                UnsafeMutableBufferPointer(rebasing: s[(i * n)..<(i * n + n)])
            }
            var round = 0
            while round <= options.restarts && evaluations < options.maxEvaluations {
                // A fresh simplex at the best point so far.
                for i in 0...n {
                    let v = vertex(i)
                    for j in 0..<n { v[j] = best[j] }
                    if i > 0 { v[i - 1] += step[i - 1] }
                    f[i] = (i == 0 && bestValue.isFinite) ? bestValue : evaluate(v)
                }
                let before = bestValue
                converged = false
                while evaluations < options.maxEvaluations {
                    order.sort { f[$0] < f[$1] }
                    let lo = order[0], hi = order[n], second = order[n - 1]
                    // Stopping rule (scipy's fatol/xatol).
                    var spread = 0.0
                    for i in 1...n { spread = max(spread, abs(f[order[i]] - f[lo])) }
                    if spread <= options.valueTolerance || (f[lo].isInfinite && f[hi].isInfinite) {
                        var xSpread = 0.0
                        let l = vertex(lo)
                        for i in 0...n where i != lo {
                            let v = vertex(i)
                            for j in 0..<n { xSpread = max(xSpread, abs(v[j] - l[j])) }
                        }
                        if xSpread <= options.pointTolerance { converged = true; break }
                    }
                    // Centroid of all vertices but the worst.
                    for j in 0..<n { c[j] = 0 }
                    for i in 0...n where i != hi {
                        let v = vertex(i)
                        for j in 0..<n { c[j] += v[j] }
                    }
                    for j in 0..<n { c[j] /= dimension }
                    let w = vertex(hi)
                    for j in 0..<n { r[j] = c[j] + reflection * (c[j] - w[j]) }
                    let fr = evaluate(r)
                    if fr < f[lo] {
                        for j in 0..<n { e[j] = c[j] + expansion * (r[j] - c[j]) }
                        let fe = evaluate(e)
                        if fe < fr {
                            for j in 0..<n { w[j] = e[j] }
                            f[hi] = fe
                        } else {
                            for j in 0..<n { w[j] = r[j] }
                            f[hi] = fr
                        }
                        continue
                    }
                    if fr < f[second] {
                        for j in 0..<n { w[j] = r[j] }
                        f[hi] = fr
                        continue
                    }
                    // Contraction: outside when the reflection beat the worst, else inside.
                    let outside = fr < f[hi]
                    for j in 0..<n {
                        e[j] = outside ? c[j] + contraction * (r[j] - c[j]) : c[j] - contraction * (c[j] - w[j])
                    }
                    let fc = evaluate(e)
                    if fc < (outside ? fr : f[hi]) {
                        for j in 0..<n { w[j] = e[j] }
                        f[hi] = fc
                        continue
                    }
                    // Shrink towards the best vertex.
                    let l = vertex(lo)
                    for i in 0...n where i != lo {
                        let v = vertex(i)
                        for j in 0..<n { v[j] = l[j] + shrink * (v[j] - l[j]) }
                        f[i] = evaluate(v)
                    }
                }
                var arg = 0
                for i in 1...n where f[i] < f[arg] { arg = i }
                if f[arg] < bestValue || !bestValue.isFinite {
                    bestValue = f[arg]
                    let v = vertex(arg)
                    for j in 0..<n { best[j] = v[j] }
                }
                round += 1
                if before.isFinite && before - bestValue <= options.valueTolerance { break }
            }
        }}}}}
        return Result(point: best, value: bestValue, evaluations: evaluations, converged: converged)
    }
}
