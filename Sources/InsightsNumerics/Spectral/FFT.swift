import Foundation
import Synchronization

/// The discrete Fourier transform of a complex sequence whose length is a power of two:
/// iterative radix-2 Cooley–Tukey, in place, with the twiddle factors computed once per size
/// from `cos`/`sin` (not by repeated multiplication, whose rounding would grow with the size).
///
/// Forward: X[k] = Σₙ x[n]·e^(−2πi·kn/N). The inverse is the same with e^(+…), unscaled (the
/// caller divides by N). Error: about ε·log₂N times the norm of the input per output.
public enum FFT {
    /// Transforms `real` + i·`imaginary` in place; `inverse` flips the sign of the exponent.
    /// - Precondition: both arrays have the same power-of-two length.
    public static func transform(real: inout [Double], imaginary: inout [Double], inverse: Bool = false) {
        let n = real.count
        precondition(imaginary.count == n && n > 0 && n & (n - 1) == 0, "FFT length must be a power of two")
        guard n > 1 else { return }
        // Bit-reversal permutation.
        var j = 0
        for i in 1..<n {
            var bit = n >> 1
            while j & bit != 0 {
                j ^= bit
                bit >>= 1
            }
            j |= bit
            if i < j {
                real.swapAt(i, j)
                imaginary.swapAt(i, j)
            }
        }
        let sign = inverse ? 1.0 : -1.0
        let (cosines, sines) = twiddles(n)
        var size = 2
        while size <= n {
            let half = size / 2, stride = n / size
            var start = 0
            while start < n {
                for k in 0..<half {
                    let wr = cosines[k * stride], wi = sign * sines[k * stride]
                    let a = start + k, b = a + half
                    let tr = real[b] * wr - imaginary[b] * wi
                    let ti = real[b] * wi + imaginary[b] * wr
                    real[b] = real[a] - tr
                    imaginary[b] = imaginary[a] - ti
                    real[a] += tr
                    imaginary[a] += ti
                }
                start += size
            }
            size *= 2
        }
    }
}

extension FFT {
    /// cos and sin of 2πk/n for k < n/2, computed once per size and kept (sizes are powers of
    /// two, so there are few); shared by every thread.
    private static let cache = Mutex<[Int: (cosines: [Double], sines: [Double])]>([:])

    static func twiddles(_ n: Int) -> (cosines: [Double], sines: [Double]) {
        if let known = cache.withLock({ $0[n] }) { return known }
        let angles = (0..<n / 2).map { 2 * Double.pi * Double($0) / Double(n) }
        let table = (cosines: angles.map(cos), sines: angles.map(sin))
        cache.withLock { $0[n] = table }
        return table
    }
}

extension Statistics {
    /// The sample autocorrelations at lags `0...maxLag` by FFT: the same estimator as
    /// ``autocorrelations(_:maxLag:)`` (the deviations centred twice, the biased denominator),
    /// with the lagged sums Σ dᵢdᵢ₋ₖ read off the inverse transform of |D|² (the series padded
    /// with zeros to a power of two > n + maxLag, so no lag asked for wraps around).
    ///
    /// Each r(k) differs from the direct sums by about ε·log₂N in absolute terms (checked
    /// against them to 1e-12 in the tests), so use it where that is immaterial, e.g. a test
    /// statistic, and the direct method where digits are certified.
    ///
    /// - Returns: `maxLag + 1` values; all NaN for an empty, constant or non-finite series.
    /// - Complexity: O(*n* log *n*) time and O(*n*) memory.
    public static func autocorrelationsByFFT(_ y: [Double], maxLag: Int) -> [Double] {
        precondition(maxLag >= 0, "maximum autocorrelation lag \(maxLag) is negative")
        let lags = maxLag + 1
        guard !y.isEmpty, y.allSatisfy(\.isFinite) else { return [Double](repeating: .nan, count: lags) }
        let deviations = y.withUnsafeBufferPointer(deviationsFromMean)
        // Lags up to maxLag need n + maxLag points of padding-free room: no product of a lag
        // that is asked for wraps around the circular correlation.
        var size = 1
        while size < deviations.count + min(maxLag, deviations.count - 1) + 1 { size *= 2 }
        var real = deviations + [Double](repeating: 0, count: size - deviations.count)
        var imaginary = [Double](repeating: 0, count: size)
        FFT.transform(real: &real, imaginary: &imaginary)
        for k in 0..<size {
            real[k] = real[k] * real[k] + imaginary[k] * imaginary[k]
            imaginary[k] = 0
        }
        FFT.transform(real: &real, imaginary: &imaginary, inverse: true)
        let denominator = laggedProductSum(deviations, lag: 0)
        return (0..<lags).map { k in
            k >= deviations.count ? 0 / denominator : real[k] / Double(size) / denominator
        }
    }

    /// Autocorrelations at lags `0...maxLag` for a test statistic: the direct sums (the digits
    /// statsmodels and NIST give) while n · maxLag ≤ 1,000,000, by FFT above that, where the
    /// direct sums cost O(n · maxLag) (a daily cycle of one-minute data: 5,760 × 1,440) and differ
    /// from the FFT's by about 1e-13 at most.
    public static func autocorrelationsForStatistic(_ y: [Double], maxLag: Int) -> [Double] {
        y.count * maxLag <= 1_000_000 ? autocorrelations(y, maxLag: maxLag) : autocorrelationsByFFT(y, maxLag: maxLag)
    }
}
