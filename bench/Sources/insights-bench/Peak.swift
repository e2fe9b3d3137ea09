import InsightsNumerics

/// The machine's dgemm rate on square matrices, the yardstick for the GEMM phase.
enum Peak {
    /// Best-of-`repetitions` GFLOP/s of an `size`×`size` dgemm on `threads` OpenBLAS threads.
    static func dgemm(size: Int = 2000, threads: Int, repetitions: Int = 3) -> Double {
        var generator = SplitMix64(seed: 2000)
        let a = Matrix(rows: size, columns: size, columnMajor: (0..<(size * size)).map { _ in generator.uniform(-1, 1) })
        let b = Matrix(rows: size, columns: size, columnMajor: (0..<(size * size)).map { _ in generator.uniform(-1, 1) })
        var c = Matrix(rows: size, columns: size)
        let previous = OpenBLAS.threadCount
        OpenBLAS.setThreadCount(threads)
        defer { OpenBLAS.setThreadCount(previous) }
        let (timings, _) = Timings.measure(repetitions: repetitions) { Matrix.gemm(a, b, into: &c) }
        return 2 * Double(size) * Double(size) * Double(size) / timings.best / 1e9
    }
}
