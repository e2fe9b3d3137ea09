/// Wall-clock timings of repeated runs.
struct Timings {
    /// Seconds per run, in run order.
    var samples: [Double] = []

    var best: Double { samples.min() ?? .nan }

    var median: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Runs `body` once untimed (warm-up), then `repetitions` times timed.
    static func measure<T>(repetitions: Int, _ body: () throws -> T) rethrows -> (Timings, T) {
        var result = try body()
        var timings = Timings()
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            let start = clock.now
            result = try body()
            timings.samples.append(seconds(clock.now - start))
        }
        return (timings, result)
    }
}

func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}
