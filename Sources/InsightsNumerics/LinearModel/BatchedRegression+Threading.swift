internal import COpenBLAS
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BatchedRegression {
    /// How a batch is split across cores and cache. Not API: benchmarks compare settings.
    package struct Tuning: Sendable {
        /// Who runs in parallel. Never both at once (STYLE.md).
        package enum Threading: Sendable {
            /// `workers` Swift threads take blocks of series in turn; OpenBLAS runs single-threaded.
            case seriesParallel(workers: Int)
            /// One Swift thread; each GEMM runs on `threads` OpenBLAS threads.
            case blasThreads(Int)
        }

        /// How the HAC variances are computed; both give the same numbers.
        package enum HACMethod: Sendable {
            /// One GEMM per lag l of `w'_l·W_{t,j}·W_{t−l,j}` with the lagged residual products.
            case lagProducts
            /// Moving sums of `W_tj·u_t` over windows of L+1 (see `movingSumVariances`).
            case movingSums
        }

        package var threading: Threading
        package var hacMethod: HACMethod
        /// Series per block: the residual block (and, for lag products, the product block)
        /// of n·blockSize doubles each should stay in L2.
        package var blockSize: Int

        package init(threading: Threading, hacMethod: HACMethod = .movingSums, blockSize: Int) {
            precondition(blockSize >= 1, "block size must be positive")
            self.threading = threading
            self.hacMethod = hacMethod
            self.blockSize = blockSize
        }

        /// Series-parallel on every online core, moving sums, 32 series per block: the
        /// fastest setting measured by `bench/` (see bench/README.md) for n = 2016, p = 8.
        package static var `default`: Tuning {
            Tuning(threading: .seriesParallel(workers: max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))),
                   hacMethod: .movingSums, blockSize: 32)
        }
    }

    /// Where the time of one fit went. Not API: benchmarks report it.
    package struct Profile: Sendable {
        /// Seconds spent inside `dgemm`, summed over workers.
        package var gemmSeconds = 0.0
        /// Seconds spent on the HAC elementwise work (moving sums, or forming lagged products), summed over workers.
        package var hacSeconds = 0.0
        /// Seconds spent in blocks on everything else (copies, ‖u‖², triangular solves, results), summed over workers.
        package var otherSeconds = 0.0
        /// Floating-point operations done by `dgemm`.
        package var gemmFlops = 0.0
        /// Threads that ran blocks (Swift workers, or OpenBLAS threads with threaded BLAS).
        package var workers = 1

        package init() {}
    }

    /// Fits with explicit tuning and reports where the time went in `profile`.
    package func fit(_ y: Matrix, hacLags: Int?, tuning: Tuning,
                     profile: inout Profile) throws(LeastSquaresError) -> BatchedFit {
        let (fit, measured) = try run(y, hacLags: hacLags, tuning: tuning, measure: true)
        if let measured { profile = measured }
        return fit
    }

    /// The batched fit; with `measure`, also the time spent in and out of `dgemm`.
    func run(_ y: Matrix, hacLags: Int?, tuning: Tuning,
             measure: Bool) throws(LeastSquaresError) -> (BatchedFit, Profile?) {
        let n = observationCount, p = parameterCount, k = y.columns
        precondition(y.rows == n, "fit: responses have \(y.rows) rows, design has \(n)")
        let lags = hacLags ?? CovarianceType.automaticLag(observations: n)
        precondition(lags >= 0, "HAC lag count must be non-negative")
        let layout = Layout(n: n, p: p, k: k, lags: lags, method: tuning.hacMethod, blockSize: tuning.blockSize)
        let constants = makeConstants(layout: layout)
        let rows = weightRows(layout: layout)
        let blockCount = (k + layout.blockSize - 1) / layout.blockSize
        let workers = if case .seriesParallel(let requested) = tuning.threading {
            max(1, min(requested, blockCount))
        } else { 1 }

        // Workers share only immutable arrays and this mutex; each block's results are
        // computed in the worker's own scratch and copied in under the lock.
        let results = Mutex(Results(p: p, k: k))
        let responses = y.storage
        let work = { @Sendable (worker: Int) in
            var scratch = [Double](repeating: 0, count: layout.scratchCount)
            var part = Profile()
            var firstFailure: BadValue?
            responses.withUnsafeBufferPointer { yBuffer in
                constants.withUnsafeBufferPointer { constantBuffer in
                    rows.withUnsafeBufferPointer { rowBuffer in
                        scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                            let local = scratchBuffer.baseAddress!
                            for block in stride(from: worker, to: blockCount, by: workers) {
                                let first = block * layout.blockSize
                                let columns = first..<min(k, first + layout.blockSize)
                                let failure = Self.fitBlock(
                                    columns, layout: layout, y: yBuffer.baseAddress!,
                                    constants: constantBuffer.baseAddress!, rows: rowBuffer, scratch: local,
                                    measure: measure, profile: &part)
                                if firstFailure == nil { firstFailure = failure }
                                results.withLock { $0.store(columns, layout: layout, from: local) }
                            }
                        }
                    }
                }
            }
            results.withLock { $0.merge(part, failure: firstFailure) }
        }
        switch tuning.threading {
        case .seriesParallel:
            OpenBLAS.withSingleThread {
                if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
            }
        case .blasThreads(let threads):
            let previous = OpenBLAS.threadCount
            OpenBLAS.setThreadCount(threads)
            work(0)
            OpenBLAS.setThreadCount(previous)
        }

        let collected = results.withLock { $0 }
        if let failure = collected.failure {
            throw .nonFinite(what: "response value", row: failure.row, column: k == 1 ? "y" : "y\(failure.column)")
        }
        var measured: Profile?
        if measure {
            var total = collected.profile
            // Qᵀ·Y and Q·(Qᵀ·Y): 2·p·n·k each; lag products add 2·p·(n − l)·k per lag.
            let lagRows = layout.method == .lagProducts ? (0...layout.productLags).reduce(0) { $0 + (n - $1) } : 0
            total.gemmFlops = 2 * Double(p) * Double(k) * Double(2 * n + lagRows)
            if case .blasThreads(let threads) = tuning.threading { total.workers = threads } else { total.workers = workers }
            measured = total
        }
        let fit = BatchedFit(
            coefficients: Matrix(rows: p, columns: k, columnMajor: collected.coefficients),
            residualStandardDeviation: collected.residualStandardDeviation,
            standardErrors: Matrix(rows: p, columns: k, columnMajor: collected.standardErrors),
            hacStandardErrors: Matrix(rows: p, columns: k, columnMajor: collected.hacStandardErrors),
            hacLags: lags)
        return (fit, measured)
    }

}
