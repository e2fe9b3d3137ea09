#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inverts a tail probability by safeguarded Newton iteration on the log scale.
///
/// To find `x` with `tail(x) = target`, where `tail` is a cdf (increasing) or a survival
/// function (decreasing), it applies Newton's method to `log tail(x) − log target`, whose
/// derivative is `±density/tail`. Working with the logarithm keeps the steps sensible
/// hundreds of orders of magnitude into a tail, where `tail(x) − target` itself is useless.
/// Every evaluation narrows a bracket; a step that leaves the bracket is replaced by
/// bisection (geometric when the bracket is positive and wide), so the iteration always
/// converges. This is the `rtsafe` scheme of Press et al. (*Numerical Recipes* 3rd ed. §9.4)
/// moved to the log scale, as in Boost.Math's distribution quantiles.
struct TailInversion {
    enum Direction { case lower, upper }

    var direction: Direction
    var lowerBound: Double
    var upperBound: Double

    /// - Parameters:
    ///   - target: the probability to match, in `(0, 1)`.
    ///   - guess: a starting point inside the support.
    ///   - tail: the cdf (`.lower`) or survival function (`.upper`).
    ///   - density: the density.
    func solve(target: Double, guess: Double,
               tail: (Double) -> Double, density: (Double) -> Double) -> Double
    {
        let logTarget = log(target)
        var low = lowerBound
        var high = upperBound
        var x = min(max(guess, low), high)
        if !(x > low && x < high) { x = bisect(low, high, around: guess) }
        for _ in 0..<400 {
            let value = tail(x)
            if value == target { return x }
            // In the lower direction the tail grows with x; in the upper it shrinks.
            let xIsBelowRoot = (direction == .lower) == (value < target)
            if xIsBelowRoot { low = x } else { high = x }
            var next = Double.nan
            let f = density(x)
            if value > 0 && f > 0 {
                // log(value/target) rather than log(value) − log(target): near the root the
                // ratio is exact to an ulp while the difference of logs of tiny numbers
                // loses |log target|·ε.
                let ratio = value / target
                let logRatio = ratio.isFinite && ratio > 0 ? log(ratio) : log(value) - logTarget
                let step = logRatio * value / f
                next = direction == .lower ? x - step : x + step
                // A Newton step this small means x is as close as the tail function can
                // resolve; accept it even if rounding put it on a bracket end.
                if abs(next - x) <= 4 * Double.ulpOfOne * abs(x) { return next }
            }
            if !(next > low && next < high) {
                next = bisect(low, high, around: x)
            }
            if low.nextUp >= high { return next }
            x = next
        }
        return x
    }

    /// A point strictly inside `(low, high)`, expanding outward when a bound is infinite.
    private func bisect(_ low: Double, _ high: Double, around x: Double) -> Double {
        switch (low.isFinite, high.isFinite) {
        case (true, true):
            if low > 0 && high > 4 * low { return (low * high).squareRoot() }
            if high < 0 && low < 4 * high { return -(low * high).squareRoot() }
            if low == 0 && high > 1e-300 && high.isNormal { return high * 1e-3 }
            return low + (high - low) / 2
        case (true, false):
            return low > 0 ? max(2 * low, 1) : max(low + 1, 2 * abs(low), x)
        case (false, true):
            return high < 0 ? min(2 * high, -1) : min(high - 1, -2 * abs(high), x)
        case (false, false):
            return x.isFinite ? x : 0
        }
    }
}
