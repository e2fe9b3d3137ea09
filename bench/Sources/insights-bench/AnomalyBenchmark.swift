import Foundation
import Synchronization
import InsightsAnalysis
import InsightsNumerics

/// `insights-bench anomaly [K]`: anomaly-scoring throughput on K series × 2,016 points
/// (5-minute steps over 7 days, daily period 288), against the same robust residual score
/// in pandas (`bench/anomaly_pandas.py`) in the same run.
enum AnomalyBenchmark {
    static let points = 2016, period = 288

    static func run(series: Int, script: String) throws {
        var random = SplitMix64(seed: 2026)
        var columns: [[Double]] = []
        for _ in 0..<series {
            let level = random.uniform(10, 100), amplitude = random.uniform(1, 20), noise = random.uniform(0.5, 3)
            var values = (0..<points).map { t in
                level + amplitude * sin(2 * Double.pi * Double(t) / Double(period)) + noise * random.normalPair().0
            }
            for _ in 0..<3 { values[Int(random.next() % UInt64(points))] += random.signedMagnitude(8, 20) * noise }
            columns.append(values)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insights-anomaly-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("values.f64")
        try columns.flatMap { $0 }.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: file)

        let total = Double(series * points)
        func rate(_ seconds: Double) -> String { String(format: "%.2fM points/s", total / seconds / 1e6) }
        let residual = ResidualDetector()
        let (oneThread, _) = Timings.measure(repetitions: 3) {
            columns.map { residual.score($0, period: period).score.count }
        }
        let data = columns
        let (twoThreads, _) = Timings.measure(repetitions: 3) { () -> Int in
            let total = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 2) { worker in
                var count = 0
                for s in stride(from: worker, to: series, by: 2) { count += residual.score(data[s], period: period).score.count }
                total.withLock { $0 += count }
            }
            return total.withLock { $0 }
        }
        // Streaming: the causal detector fed point by point, state per series (5-minute stamps).
        let (streaming, _) = Timings.measure(repetitions: 3) { () -> Double in
            var sum = 0.0
            for values in columns {
                var detector = RecordSurpriseDetector()
                for (t, value) in values.enumerated() { sum += detector.update(timestamp: Int64(t) * 300_000_000_000, value: value) }
            }
            return sum
        }
        let scan = AnomalyScan()
        let (ensemble, found) = Timings.measure(repetitions: 3) { scan.run(columns, period: period).count }

        print("## anomaly scoring: \(series) series × \(points) points (period \(period))")
        print("| run | best s | throughput |")
        print("|---|---:|---:|")
        print("| insights residual score (rolling-median baseline + MAD), 1 thread | \(String(format: "%.3f", oneThread.best)) | \(rate(oneThread.best)) |")
        print("| insights residual score, 2 threads | \(String(format: "%.3f", twoThreads.best)) | \(rate(twoThreads.best)) |")
        print("| insights streaming RecordSurpriseDetector (causal, point by point), 1 thread | \(String(format: "%.3f", streaming.best)) | \(rate(streaming.best)) |")
        print("| insights default scan (residual + CUSUM, calibrated, grouped; \(found) anomalies), 1 thread | \(String(format: "%.3f", ensemble.best)) | \(rate(ensemble.best)) |")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, file.path, String(series), String(points), String(period)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let seconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw NumpyRun.Failure(description: "anomaly_pandas.py failed: \(text)")
        }
        print("| pandas: same residual score (rolling median, groupby phase median, MAD) | \(String(format: "%.3f", seconds)) | \(rate(seconds)) |")
        print("\nratio: insights residual score is \(String(format: "%.1f", seconds / oneThread.best))× pandas on one thread, \(String(format: "%.1f", seconds / twoThreads.best))× on two")
    }
}
