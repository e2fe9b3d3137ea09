// insights-bench: batched trend fit with HAC standard errors against numpy, in one run.
// See bench/README.md for what each figure means.
import Foundation
import InsightsNumerics

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.first == "read-back", arguments.count == 2 {
        try ReadBack.run(database: arguments[1])
    } else {
        try TrendFitBenchmark(options: BenchOptions(arguments: arguments)).run()
    }
} catch {
    FileHandle.standardError.write(Data("insights-bench: \(error)\n".utf8))
    exit(1)
}
