import InsightsNumerics

/// `exp`, `log` and `cos` from `+ − × ÷` only, so the generator's output is the same bit for
/// bit on every IEEE 754 machine (libm implementations differ in the last bit between
/// platforms and versions; these do not, because every operation they use is correctly rounded).
///
/// Accuracy is a few ulps over the ranges the generator uses, which is all a simulation needs.
enum DeterministicMath {
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10

    /// e^x by range reduction x = k·ln 2 + r, |r| ≤ ln 2 / 2, and a degree-16 Taylor polynomial.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709 { return .infinity }
        if x < -745 { return 0 }
        let k = (x / (ln2Hi + ln2Lo)).rounded()
        let r = (x - k * ln2Hi) - k * ln2Lo
        var sum = 1.0
        for n in stride(from: 16, through: 1, by: -1) {
            sum = 1 + sum * r / Double(n)
        }
        return scale(sum, byPowerOfTwo: Int(k))
    }

    /// The natural logarithm of a positive finite x, via x = m·2^e, m ∈ [√½, √2) and the
    /// atanh series ln m = 2(s + s³/3 + s⁵/5 + …), s = (m − 1)/(m + 1), |s| ≤ 0.172.
    static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "log of \(x)")
        var exponent = Int(x.exponent)
        var m = x.significand  // [1, 2), exact
        if m > 1.4142135623730951 {
            m /= 2
            exponent += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var sum = 0.0
        for n in stride(from: 12, through: 0, by: -1) {
            sum = 1 / Double(2 * n + 1) + s2 * sum
        }
        return Double(exponent) * ln2Hi + (Double(exponent) * ln2Lo + 2 * s * sum)
    }

    /// cos(2π·turns): reduced to a quarter turn by symmetry, then a Taylor polynomial.
    static func cos(turns: Double) -> Double {
        var a = turns - turns.rounded()  // [-½, ½]
        a = Swift.abs(a)
        if a > 0.25 { return -cosQuarter(0.5 - a) }
        return cosQuarter(a)
    }

    /// cos(2π·a) for a ∈ [0, ¼] (argument ≤ π/2): Taylor series to x²².
    private static func cosQuarter(_ a: Double) -> Double {
        let x = 6.283185307179586 * a
        let x2 = x * x
        var sum = 1.0
        for n in stride(from: 11, through: 1, by: -1) {
            sum = 1 - sum * x2 / Double((2 * n - 1) * (2 * n))
        }
        return sum
    }

    /// value · 2^k, exact while the result is a normal number.
    private static func scale(_ value: Double, byPowerOfTwo k: Int) -> Double {
        if k > 1000 { return value * Double(sign: .plus, exponent: 1000, significand: 1)
                        * Double(sign: .plus, exponent: k - 1000, significand: 1) }
        if k < -1000 { return value * Double(sign: .plus, exponent: -1000, significand: 1)
                         * Double(sign: .plus, exponent: k + 1000, significand: 1) }
        return value * Double(sign: .plus, exponent: k, significand: 1)
    }
}

/// The generator's random draws, all derived from one `SplitMix64` stream.
struct GeneratorRandom {
    private var source: SplitMix64

    /// A stream fixed by a seed and a stream number, so components draw independently and
    /// adding draws to one component never shifts another's numbers.
    init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        source = SplitMix64(seed: mixer.next())
    }

    mutating func next() -> UInt64 { source.next() }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { source.uniform() }

    /// Uniform in (0, 1], safe for a logarithm.
    mutating func uniformPositive() -> Double { 1 - source.uniform() }

    /// Uniform in [lower, upper).
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * uniform() }

    /// An integer uniform in `range` (multiply-shift on the top 32 bits; the bias is at most
    /// width / 2³², and `range` must hold fewer than 2³² values).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(((source.next() >> 32) * width) >> 32)
    }

    /// True with probability `p`.
    mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// A standard normal draw (Box–Muller, cosine branch; two uniforms per draw).
    mutating func normal() -> Double {
        let radius = (-2 * DeterministicMath.log(uniformPositive())).squareRoot()
        return radius * DeterministicMath.cos(turns: uniform())
    }

    /// A Poisson draw: Knuth's product-of-uniforms method below λ = 30, the rounded normal
    /// approximation N(λ, λ) above it (Devroye 1986, §X.3 and §I.4).
    mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda < 30 {
            let limit = DeterministicMath.exp(-lambda)
            var count = 0
            var product = uniform()
            while product > limit {
                count += 1
                product *= uniform()
            }
            return count
        }
        return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded()))
    }
}
