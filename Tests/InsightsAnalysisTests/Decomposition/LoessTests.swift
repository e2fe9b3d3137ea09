@testable import InsightsAnalysis
import InsightsNumerics
import Testing

/// The one-pass LOESS estimate against a direct transcription of the Fortran's passes
/// (weights, normalisation, centre and spread, slope applied point by point, weighted sum).
struct LoessTests {
    /// Short seeded series, every window of every width up to the span with every position in it
    /// or next to it (STL extrapolates one step past a cycle-subseries' ends; farther out the
    /// line's extrapolation is ill-conditioned for both forms), degrees 0 and 1, with and without
    /// robustness weights (some of them 0): the two must agree to rounding, 1e-11 of the values'
    /// scale (10 to 15). The largest differences, about 1e-11, come from the reference: its
    /// point-by-point slope loses digits when a tiny robustness weight leaves a near-degenerate
    /// line (see ``extrapolationMatchesExactArithmetic``).
    @Test(arguments: [1, 2, 3])
    func onePassMatchesTheFortransPasses(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let n = 23
        var y = (0..<n).map { _ in 10 + 5 * random.uniform() }
        var robustness = (0..<n).map { i in i % 5 == 0 ? 0 : random.uniform() }
        y.withUnsafeMutableBufferPointer { y in
            robustness.withUnsafeMutableBufferPointer { robustness in
                for span in [3, 7, 11, 31] {
                    for degree in [0, 1] {
                        for left in 0..<n {
                            for right in left..<min(n, left + span) {
                                for x in (left - 1)...(right + 1) {
                                    for weights in [nil, robustness] {
                                        let fast = Loess.estimate(y, count: n, span: span, degree: degree, at: x,
                                                                  left: left, right: right, robustness: weights)
                                        let slow = Self.reference(y, count: n, span: span, degree: degree, at: x,
                                                                  left: left, right: right, robustness: weights)
                                        #expect((fast == nil) == (slow == nil), "x \(x), window \(left)...\(right)")
                                        if let fast, let slow {
                                            #expect(abs(fast - slow) <= 1e-11 * 10,
                                                    "span \(span), degree \(degree), x \(x), window \(left)...\(right): \(fast) vs \(slow)")
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The worst case above (seed 2, x = 20 from the window 17...19, robustness weights 0.0107
    /// and 0.902 on the two points in reach): the fit in exact rational arithmetic (Python's
    /// `fractions.Fraction` on the same doubles and the same formulas) is 10.212759425860614;
    /// the transcription gives 10.21275942585067, the one-pass form within 1e-13 relative.
    @Test func extrapolationMatchesExactArithmetic() throws {
        var random = SplitMix64(seed: 2)
        let n = 23
        var y = (0..<n).map { _ in 10 + 5 * random.uniform() }
        var robustness = (0..<n).map { i in i % 5 == 0 ? 0 : random.uniform() }
        let fit = y.withUnsafeMutableBufferPointer { y in
            robustness.withUnsafeMutableBufferPointer { robustness in
                Loess.estimate(y, count: n, span: 3, degree: 1, at: 20, left: 17, right: 19, robustness: robustness)
            }
        }
        let value = try #require(fit)
        #expect(abs(value - 10.212759425860614) <= 1e-13 * 10.212759425860614, "\(value)")
    }

    /// Cleveland et al. (1990), appendix `stlest`, pass by pass.
    static func reference(_ y: UnsafeMutableBufferPointer<Double>, count n: Int, span: Int, degree: Int,
                          at x: Int, left: Int, right: Int, robustness: UnsafeMutableBufferPointer<Double>?) -> Double? {
        var h = Double(max(x - left, right - x))
        if span > n { h += Double((span - n) / 2) }
        var w = [Double](repeating: 0, count: right - left + 1)
        var total = 0.0
        for j in left...right {
            let r = Double(abs(j - x))
            var weight = 0.0
            if r <= 0.001 * h {
                weight = 1
            } else if r <= 0.999 * h {
                let u = r / h
                weight = (1 - u * u * u) * (1 - u * u * u) * (1 - u * u * u)
            }
            if let robustness { weight *= robustness[j] }
            w[j - left] = weight
            total += weight
        }
        guard total > 0 else { return nil }
        for k in w.indices { w[k] /= total }
        if h > 0 && degree > 0 {
            var center = 0.0
            for j in left...right { center += w[j - left] * Double(j) }
            var spread = 0.0
            for j in left...right { spread += w[j - left] * (Double(j) - center) * (Double(j) - center) }
            if spread.squareRoot() > 0.001 * Double(n - 1) {
                let slope = (Double(x) - center) / spread
                for j in left...right { w[j - left] *= slope * (Double(j) - center) + 1 }
            }
        }
        var fitted = 0.0
        for j in left...right { fitted += w[j - left] * y[j] }
        return fitted
    }
}
