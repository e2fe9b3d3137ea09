// insights-bench: batched trend fit with HAC standard errors against numpy, in one run.
// See bench/README.md for what each figure means.
import Foundation
import InsightsNumerics

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.first == "read-back", arguments.count == 2 {
        try ReadBack.run(database: arguments[1])
    } else if arguments.first == "forecast" {
        try ForecastBenchmark.run(directory: arguments.count > 1 ? arguments[1] : "../shared/data/m4")
    } else if arguments.first == "anomaly" {
        try AnomalyBenchmark.run(series: arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000,
                                 script: "bench/anomaly_pandas.py")
    } else if arguments.first == "change-points" {
        ChangePointBenchmark.run(count: arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000)
    } else if arguments.first == "ets" {
        try ETSBenchmark.run(series: arguments.count > 1 ? Int(arguments[1]) ?? 276 : 276,
                             file: "../shared/data/m4/Hourly-train.csv")
    } else {
        try TrendFitBenchmark(options: BenchOptions(arguments: arguments)).run()
    }
} catch {
    FileHandle.standardError.write(Data("insights-bench: \(error)\n".utf8))
    exit(1)
}
