// insights-bench: batched trend fit with HAC standard errors against numpy, in one run.
// See bench/README.md for what each figure means.
import Foundation
import InsightsNumerics

let options = BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
do {
    try TrendFitBenchmark(options: options).run()
} catch {
    FileHandle.standardError.write(Data("insights-bench: \(error)\n".utf8))
    exit(1)
}
