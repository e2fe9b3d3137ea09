import InsightsNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The benchmark problem: k series on one 5-minute grid over 7 days, each a linear trend
/// plus three daily harmonics plus AR(1) noise (so HAC standard errors differ from classical ones).
struct TrendData {
    /// 7 days of 5-minute steps.
    static let observations = 7 * 288
    /// Steps per day: the period of the seasonal harmonics.
    static let period = 288.0
    static let harmonics = 3

    let design: Matrix
    let responses: Matrix

    /// The design `[1, t, sin(2πht/288), cos(2πht/288) for h = 1…3]`, n×8, with t in steps.
    static func design(observations n: Int) -> Matrix {
        var columns: [[Double]] = [[Double](repeating: 1, count: n), (0..<n).map(Double.init)]
        for h in 1...harmonics {
            let angles = (0..<n).map { 2 * Double.pi * Double(h) * Double($0) / period }
            columns.append(angles.map(sin))
            columns.append(angles.map(cos))
        }
        return Matrix(columns: columns)
    }

    /// Generates `seriesCount` series from `seed`.
    ///
    /// Coefficient magnitudes are bounded away from zero (intercept 10–100, slope ±0.001–0.01 per
    /// step, harmonic coefficients ±0.3–2) and the noise is AR(1) with φ ∈ [0.3, 0.9],
    /// innovation SD ∈ [0.1, 0.5].
    init(seriesCount k: Int, seed: UInt64) {
        let n = Self.observations
        let design = Self.design(observations: n)
        var generator = SplitMix64(seed: seed)
        var storage = [Double](repeating: 0, count: n * k)
        let p = design.columns
        design.storage.withUnsafeBufferPointer { x in
            storage.withUnsafeMutableBufferPointer { y in
                var beta = [Double](repeating: 0, count: p)
                for c in 0..<k {
                    beta[0] = generator.uniform(10, 100)
                    beta[1] = generator.signedMagnitude(0.001, 0.01)
                    for j in 2..<p { beta[j] = generator.signedMagnitude(0.3, 2) }
                    let phi = generator.uniform(0.3, 0.9)
                    let sigma = generator.uniform(0.1, 0.5)
                    var noise = 0.0
                    var spare: Double?
                    for t in 0..<n {
                        let shock: Double
                        if let saved = spare {
                            shock = saved
                            spare = nil
                        } else {
                            let pair = generator.normalPair()
                            shock = pair.0
                            spare = pair.1
                        }
                        noise = phi * noise + sigma * shock
                        var value = noise
                        for j in 0..<p { value += x[t + j * n] * beta[j] }
                        y[t + c * n] = value
                    }
                }
            }
        }
        self.design = design
        self.responses = Matrix(rows: n, columns: k, columnMajor: storage)
    }
}
