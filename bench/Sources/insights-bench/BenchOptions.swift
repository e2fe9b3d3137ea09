/// Command-line options of insights-bench.
struct BenchOptions {
    /// Series in the batch (`--series K`).
    var seriesCount = 10_000
    /// Timed repetitions after one warm-up (`--repetitions R`, at least 5).
    var repetitions = 7
    /// Skip the numpy comparison (`--no-numpy`).
    var runNumpy = true
    /// Skip the threading/block-size sweep (`--no-sweep`).
    var sweep = true

    init(arguments: [String]) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--series": seriesCount = remaining.popFirst().flatMap { Int($0) } ?? seriesCount
            case "--repetitions": repetitions = max(5, remaining.popFirst().flatMap { Int($0) } ?? repetitions)
            case "--no-numpy": runNumpy = false
            case "--no-sweep": sweep = false
            default:
                print("usage: insights-bench [--series K] [--repetitions R] [--no-numpy] [--no-sweep]")
                exit(64)
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
