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

        package var threading: Threading
        /// Series per block: the residual and lagged-product blocks (2·n·blockSize doubles) should fit in L2.
        package var blockSize: Int

        package init(threading: Threading, blockSize: Int) {
            precondition(blockSize >= 1, "block size must be positive")
            self.threading = threading
            self.blockSize = blockSize
        }

        /// Series-parallel on every online core, 32 series per block: the fastest setting
        /// measured by `bench/` (see bench/README.md) for n = 2016, p = 8.
        package static var `default`: Tuning {
            Tuning(threading: .seriesParallel(workers: max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))),
                   blockSize: 32)
        }
    }

    /// Where the time of one fit went. Not API: benchmarks report it.
    package struct Profile: Sendable {
        /// Seconds spent inside `dgemm`, summed over workers.
        package var gemmSeconds = 0.0
        /// Seconds spent in blocks outside `dgemm` (copies, lagged products, triangular solves), summed over workers.
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
        let lags = hacLags ?? Self.automaticLags(observations: n)
        precondition(lags >= 0, "HAC lag count must be non-negative")
        let layout = Layout(n: n, p: p, k: k, lags: min(lags, n - 1), blockSize: tuning.blockSize)
        let constants = makeConstants(layout: layout, bartlettLags: lags)
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
                    scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                        let local = scratchBuffer.baseAddress!
                        for block in stride(from: worker, to: blockCount, by: workers) {
                            let first = block * layout.blockSize
                            let columns = first..<min(k, first + layout.blockSize)
                            let failure = Self.fitBlock(columns, layout: layout, y: yBuffer.baseAddress!,
                                                        constants: constantBuffer.baseAddress!, scratch: local,
                                                        measure: measure, profile: &part)
                            if firstFailure == nil { firstFailure = failure }
                            results.withLock { $0.store(columns, layout: layout, from: local) }
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
            let lagRows = (0...layout.lags).reduce(0) { $0 + (n - $1) }
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

    /// Sizes and offsets shared by every block of one fit.
    struct Layout: Sendable {
        let n, p, k: Int
        /// Lags that have at least one pair of observations: min(L, n − 1).
        let lags: Int
        let blockSize: Int

        // Constants: Q (n×p), R (p×p), then for each lag l an n×p block of weighted
        // products w'_l·W_{s+l,j}·W_{s,j} in rows s < n − l; then, per pivoted column j,
        // the design column it came from (as a double), [(XᵀX)⁻¹]ⱼⱼ and its column scale.
        // W, and so the HAC variances and [(XᵀX)⁻¹]ⱼⱼ, are already in the design's units.
        var rOffset: Int { n * p }
        func lagOffset(_ lag: Int) -> Int { n * p + p * p + lag * n * p }
        var permutationOffset: Int { lagOffset(lags + 1) }
        var diagonalOffset: Int { permutationOffset + p }
        var scaleOffset: Int { diagonalOffset + p }
        var constantCount: Int { scaleOffset + p }

        // Scratch per worker: residuals U and lagged products P (n×blockSize each),
        // Qᵀ·Y then R⁻¹·Qᵀ·Y (p×blockSize), HAC variances (p×blockSize), ‖u‖² (blockSize).
        var productOffset: Int { n * blockSize }
        var projectionOffset: Int { 2 * n * blockSize }
        var varianceOffset: Int { projectionOffset + p * blockSize }
        var squaresOffset: Int { varianceOffset + p * blockSize }
        // Then this block's results: β, classical SEs, HAC SEs (p×m each), residual SDs (m).
        var blockOutputOffset: Int { squaresOffset + blockSize }
        var scratchCount: Int { blockOutputOffset + 3 * p * blockSize + blockSize }
    }

    /// A non-finite response value found by a worker.
    struct BadValue: Sendable {
        let row: Int
        let column: Int
    }

    /// The outputs of a fit as workers hand them in.
    struct Results: Sendable {
        var coefficients, standardErrors, hacStandardErrors: [Double]
        var residualStandardDeviation: [Double]
        /// The non-finite value with the smallest (series, row), if any.
        var failure: BadValue?
        var profile = Profile()

        init(p: Int, k: Int) {
            coefficients = [Double](repeating: 0, count: p * k)
            standardErrors = coefficients
            hacStandardErrors = coefficients
            residualStandardDeviation = [Double](repeating: 0, count: k)
        }

        /// Copies one block's results from the block-output area of a worker's scratch.
        mutating func store(_ columns: Range<Int>, layout: Layout, from scratch: UnsafeMutablePointer<Double>) {
            let p = layout.p, m = columns.count
            let source = UnsafeBufferPointer(start: scratch + layout.blockOutputOffset, count: 3 * p * m + m)
            let target = (columns.lowerBound * p)..<(columns.upperBound * p)
            coefficients.replaceSubrange(target, with: source[0..<(p * m)])
            standardErrors.replaceSubrange(target, with: source[(p * m)..<(2 * p * m)])
            hacStandardErrors.replaceSubrange(target, with: source[(2 * p * m)..<(3 * p * m)])
            residualStandardDeviation.replaceSubrange(columns, with: source[(3 * p * m)..<(3 * p * m + m)])
        }

        mutating func merge(_ part: Profile, failure: BadValue?) {
            profile.gemmSeconds += part.gemmSeconds
            profile.otherSeconds += part.otherSeconds
            if let failure, failure.column < self.failure?.column ?? Int.max { self.failure = failure }
        }
    }

    /// Lays out the per-fit constants: Q, R, the weighted lag products of W, the permutation and `diag((XᵀX)⁻¹)`.
    func makeConstants(layout: Layout, bartlettLags: Int) -> [Double] {
        let n = layout.n, p = layout.p
        var constants = [Double](repeating: 0, count: layout.constantCount)
        constants.replaceSubrange(0..<(n * p), with: q.storage)
        constants.replaceSubrange(layout.rOffset..<(layout.rOffset + p * p), with: r.storage)
        hatWeights.storage.withUnsafeBufferPointer { w in
            constants.withUnsafeMutableBufferPointer { c in
                for lag in 0...layout.lags {
                    // Bartlett: w_l = 1 − l/(L+1); lags ±l are folded together, so w'_l = 2·w_l for l > 0.
                    let weight = lag == 0 ? 1 : 2 * (1 - Double(lag) / Double(bartlettLags + 1))
                    let base = layout.lagOffset(lag)
                    for j in 0..<p {
                        let column = j * n
                        for s in 0..<(n - lag) {
                            c[base + column + s] = weight * w[column + s + lag] * w[column + s]
                        }
                    }
                }
            }
        }
        for j in 0..<p {
            constants[layout.permutationOffset + j] = Double(leastSquares.qr.permutation[j])
            constants[layout.diagonalOffset + j] = inverseGramDiagonal[j]
            constants[layout.scaleOffset + j] = leastSquares.columnScale[leastSquares.qr.permutation[j]]
        }
        return constants
    }

    /// Fits the series `columns`, leaving their results in the block-output area of `scratch`.
    ///
    /// - Returns: The first non-finite response value met, if any.
    static func fitBlock(_ columns: Range<Int>, layout: Layout, y: UnsafePointer<Double>,
                         constants: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>,
                         measure: Bool, profile: inout Profile) -> BadValue? {
        let n = layout.n, p = layout.p, m = columns.count
        let n32 = Int32(n), p32 = Int32(p), m32 = Int32(m)
        let q = constants, r = constants + layout.rOffset
        let yBlock = y + columns.lowerBound * n
        let u = scratch, products = scratch + layout.productOffset
        let projection = scratch + layout.projectionOffset
        let variance = scratch + layout.varianceOffset, squares = scratch + layout.squaresOffset
        let clock = ContinuousClock()
        var gemmTime = Duration.zero
        let start = measure ? clock.now : nil

        // Qᵀ·Y, then U = Y − Q·(Qᵀ·Y).
        var mark = measure ? clock.now : nil
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, p32, m32, n32, 1, q, n32, yBlock, n32,
                    0, projection, p32)
        u.update(from: yBlock, count: n * m)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n32, m32, p32, -1, q, n32, projection, p32,
                    1, u, n32)
        if let mark { gemmTime += clock.now - mark }

        for lag in 0...layout.lags {
            let rows = n - lag
            for c in 0..<m {
                let column = u + c * n, product = products + c * n
                if lag == 0 {
                    squares[c] = squaresAndSum(column, into: product, count: n)
                } else {
                    laggedProducts(column, lag: lag, into: product, count: rows)
                }
            }
            mark = measure ? clock.now : nil
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, p32, m32, Int32(rows), 1,
                        constants + layout.lagOffset(lag), n32, products, n32,
                        lag == 0 ? 0 : 1, variance, p32)
            if let mark { gemmTime += clock.now - mark }
        }

        // z = R⁻¹·Qᵀ·Y in pivoted, scaled coordinates.
        cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, p32, m32, 1, r, p32,
                    projection, p32)

        var failure: BadValue?
        let permutation = constants + layout.permutationOffset
        let diagonal = constants + layout.diagonalOffset
        let scale = constants + layout.scaleOffset
        let output = scratch + layout.blockOutputOffset
        let pm = p * m
        let degreesOfFreedom = Double(n - p)
        for c in 0..<m {
            let series = columns.lowerBound + c
            if !squares[c].isFinite, failure == nil {
                for t in 0..<n where !yBlock[c * n + t].isFinite {
                    failure = BadValue(row: t, column: series)
                    break
                }
            }
            let sd = (squares[c] / degreesOfFreedom).squareRoot()
            output[3 * pm + c] = sd
            for j in 0..<p {
                let index = Int(permutation[j]) + c * p
                output[index] = projection[j + c * p] * scale[j]
                output[pm + index] = sd * diagonal[j].squareRoot()
                output[2 * pm + index] = variance[j + c * p].squareRoot()
            }
        }
        if let start {
            let total = clock.now - start
            profile.gemmSeconds += seconds(gemmTime)
            profile.otherSeconds += seconds(total - gemmTime)
        }
        return failure
    }

    /// Writes `xₛ²` to `product` and returns `Σ xₛ²`, summed in eight interleaved partial sums.
    @inline(__always)
    static func squaresAndSum(_ x: UnsafePointer<Double>, into product: UnsafeMutablePointer<Double>,
                              count: Int) -> Double {
        var partial = SIMD8<Double>()
        var s = 0
        while s + 8 <= count {
            var v = SIMD8<Double>()
            for i in 0..<8 { v[i] = x[s + i] }
            let square = v * v
            for i in 0..<8 { product[s + i] = square[i] }
            partial += square
            s += 8
        }
        var sum = partial.sum()
        while s < count {
            let square = x[s] * x[s]
            product[s] = square
            sum += square
            s += 1
        }
        return sum
    }

    /// Writes `x_{s+lag}·x_s` for `s < count` to `product`.
    @inline(__always)
    static func laggedProducts(_ x: UnsafePointer<Double>, lag: Int, into product: UnsafeMutablePointer<Double>,
                               count: Int) {
        for s in 0..<count { product[s] = x[s + lag] * x[s] }
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
