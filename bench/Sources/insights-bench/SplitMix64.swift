/// Steele, Lea & Flood's SplitMix64 generator (OOPSLA 2014): tiny, fast and seedable, so the
/// benchmark data are the same on every run and every machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

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
