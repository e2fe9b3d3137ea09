/// White-box hooks for the generator's tests: its own arithmetic-only math and text forms.
package enum GeneratorTesting {
    package static func exp(_ x: Double) -> Double { DeterministicMath.exp(x) }
    package static func log(_ x: Double) -> Double { DeterministicMath.log(x) }
    package static func cos(turns: Double) -> Double { DeterministicMath.cos(turns: turns) }
    package static func iso8601(_ timestamp: Timestamp) -> String { GeneratorText.iso8601(timestamp) }
    package static func fixed(_ value: Double, decimals: Int) -> String { GeneratorText.fixed(value, decimals: decimals) }
    package static func jsonString(_ text: String) -> String { GeneratorText.jsonString(text) }

    /// `count` Poisson draws of mean `lambda` from the generator's stream `stream`.
    package static func poissonDraws(_ lambda: Double, count: Int, seed: UInt64) -> [Int] {
        var random = GeneratorRandom(seed: seed, stream: 0)
        return (0..<count).map { _ in random.poisson(lambda) }
    }

    /// `count` standard normal draws.
    package static func normalDraws(count: Int, seed: UInt64) -> [Double] {
        var random = GeneratorRandom(seed: seed, stream: 0)
        return (0..<count).map { _ in random.normal() }
    }
}
