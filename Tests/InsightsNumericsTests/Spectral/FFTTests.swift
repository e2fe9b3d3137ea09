import Foundation
import InsightsNumerics
import Testing

/// The FFT against the DFT's definition, and autocorrelations by FFT against the direct
/// compensated sums (the reference: NIST- and statsmodels-checked in AutocorrelationTests).
struct FFTTests {
    /// Seeded values in [−1, 1).
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in Double.random(in: -1..<1, using: &generator) }
    }

    @Test(arguments: [1, 2, 8, 64, 256])
    func forwardTransformIsTheDFT(size: Int) {
        let re = Self.values(size, seed: 11), im = Self.values(size, seed: 12)
        var real = re, imaginary = im
        FFT.transform(real: &real, imaginary: &imaginary)
        for k in 0..<size {
            var sumRe = 0.0, sumIm = 0.0
            for n in 0..<size {
                let angle = -2 * Double.pi * Double(k * n % size) / Double(size)
                sumRe += re[n] * cos(angle) - im[n] * sin(angle)
                sumIm += re[n] * sin(angle) + im[n] * cos(angle)
            }
            #expect(abs(real[k] - sumRe) <= 1e-12 * Double(size) && abs(imaginary[k] - sumIm) <= 1e-12 * Double(size), "k \(k)")
        }
        FFT.transform(real: &real, imaginary: &imaginary, inverse: true)
        for n in 0..<size {
            #expect(abs(real[n] / Double(size) - re[n]) <= 1e-14 && abs(imaginary[n] / Double(size) - im[n]) <= 1e-14,
                    "the inverse, divided by N, gives the input back")
        }
    }

    /// Every lag from 0 to past the end, on white noise, a seasonal series with a trend far from
    /// zero (the deviations' centring matters), and a short one: within 1e-12 of the direct sums
    /// (absolute, as r(0) = 1).
    @Test(arguments: [(5, 9), (500, 520), (5_760, 1_440)])
    func autocorrelationsByFFTMatchTheDirectSums(count: Int, maxLag: Int) {
        let noise = Self.values(count, seed: UInt64(count))
        let seasonal = (0..<count).map { (t: Int) -> Double in
            let time = Double(t)
            let cycle = sin(2 * Double.pi * time / 96)
            return 1_000 + 0.01 * time + cycle + 0.1 * noise[t]
        }
        for series in [noise, seasonal] {
            let direct = Statistics.autocorrelations(series, maxLag: maxLag)
            let fast = Statistics.autocorrelationsByFFT(series, maxLag: maxLag)
            #expect(fast.count == maxLag + 1)
            let worst = zip(direct, fast).map { abs($0 - $1) }.max() ?? .nan
            #expect(worst <= 1e-12, "largest difference \(worst)")
        }
    }

    @Test func degenerateSeriesAreNaNAsDirectly() {
        for series: [Double] in [[], [3, 3, 3, 3], [1, .nan, 2]] {
            let fast = Statistics.autocorrelationsByFFT(series, maxLag: 2)
            let direct = Statistics.autocorrelations(series, maxLag: 2)
            let allNaN = fast.allSatisfy { $0.isNaN } && direct.allSatisfy { $0.isNaN }
            #expect(allNaN, "\(series): \(fast) and \(direct)")
        }
    }
}
