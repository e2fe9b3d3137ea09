import Foundation
import InsightsAnalysis
import InsightsNumerics

/// The change-point search of `insights trend` on one long series: the mean search with
/// functional pruning (what `meanShifts` runs) against PELT's rule alone, on white noise (no
/// change, PELT's worst case) and on the same noise with a shift every 1,000 values.
enum ChangePointBenchmark {
    static func run(count n: Int, repetitions: Int = 5) {
        print("# insights-bench: change points in mean, n = \(n), best and median of \(repetitions)")
        var random = SplitMix64(seed: 20_261_127)
        let noise = (0..<n).map { _ in random.normalPair().0 }
        let shifted = noise.indices.map { i in noise[i] + Double(i / 1000 % 2) * 2 }
        for (name, values) in [("white noise", noise), ("shift every 1000", shifted)] {
            for functional in [true, false] {
                let (timings, trace) = Timings.measure(repetitions: repetitions) {
                    ChangePointDetection.traceMeanSearch(values, functionalPruning: functional)
                }
                let label = functional ? "functional pruning" : "PELT alone"
                let changes = (trace?.bounds.count ?? 2) - 2
                let perStep = Double(trace?.evaluations ?? 0) / Double(n)
                print(String(format: "%@, %@: %.1f ms best, %.1f ms median; %d changes, %.0f candidates per step",
                             name, label, timings.best * 1e3, timings.median * 1e3, changes, perStep))
            }
        }
        let (timings, _) = Timings.measure(repetitions: repetitions) { try? ChangePointDetection.meanShifts(noise) }
        print(String(format: "meanShifts on white noise (σ̂, sums, search): %.1f ms best, %.1f ms median",
                     timings.best * 1e3, timings.median * 1e3))
    }
}
