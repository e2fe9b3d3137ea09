import InsightsNumerics

/// Draws the benchmark data needs, on the core's seeded generator.
extension SplitMix64 {
    /// A uniform double in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A value with magnitude uniform in [low, high) and a random sign.
    mutating func signedMagnitude(_ low: Double, _ high: Double) -> Double {
        (next() & 1 == 0 ? 1 : -1) * uniform(low, high)
    }

    /// A pair of independent standard normals (Box–Muller).
    mutating func normalPair() -> (Double, Double) {
        let radius = (-2 * log(1 - uniform())).squareRoot()
        let angle = 2 * Double.pi * uniform()
        return (radius * cos(angle), radius * sin(angle))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
