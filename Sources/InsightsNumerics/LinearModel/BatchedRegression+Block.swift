internal import COpenBLAS

extension BatchedRegression {
    /// Sizes and offsets shared by every block of one fit.
    struct Layout: Sendable {
        let n, p, k: Int
        /// The Bartlett truncation lag L.
        let lags: Int
        let method: Tuning.HACMethod
        let blockSize: Int

        /// Lags with at least one pair of observations, min(L, n − 1): the lag-product GEMMs.
        var productLags: Int { min(lags, n - 1) }
        /// Doubles per row of W for the moving sums: p rounded up to a multiple of 4.
        var rowWidth: Int { (p + 3) / 4 * 4 }

        // Constants: Q (n×p), R (p×p); per pivoted column j the design column it came
        // from (as a double), [(XᵀX)⁻¹]ⱼⱼ and its column scale; then, for lag products,
        // an n×p block per lag l of w'_l·W_{s+l,j}·W_{s,j} in rows s < n − l.
        // W, and so the HAC variances and [(XᵀX)⁻¹]ⱼⱼ, are already in the design's units.
        var rOffset: Int { n * p }
        var permutationOffset: Int { rOffset + p * p }
        var diagonalOffset: Int { permutationOffset + p }
        var scaleOffset: Int { diagonalOffset + p }
        func lagOffset(_ lag: Int) -> Int { scaleOffset + p + lag * n * p }
        var constantCount: Int { method == .lagProducts ? lagOffset(productLags + 1) : lagOffset(0) }

        // Scratch per worker: residuals U (n×blockSize), lagged products P (n×blockSize,
        // lag products only), Qᵀ·Y then R⁻¹·Qᵀ·Y (p×blockSize), HAC variances
        // (p×blockSize), ‖u‖² (blockSize), then this block's results: β, classical SEs,
        // HAC SEs (p×m each) and residual SDs (m).
        var productOffset: Int { n * blockSize }
        var projectionOffset: Int { productOffset + (method == .lagProducts ? n * blockSize : 0) }
        var varianceOffset: Int { projectionOffset + p * blockSize }
        var squaresOffset: Int { varianceOffset + p * blockSize }
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
        /// The non-finite value in the lowest-numbered series, if any.
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
            profile.hacSeconds += part.hacSeconds
            profile.otherSeconds += part.otherSeconds
            if let failure, failure.column < self.failure?.column ?? Int.max { self.failure = failure }
        }
    }

    /// Lays out the per-fit constants (see ``Layout``).
    func makeConstants(layout: Layout) -> [Double] {
        let n = layout.n, p = layout.p
        var constants = [Double](repeating: 0, count: layout.constantCount)
        constants.replaceSubrange(0..<(n * p), with: q.storage)
        constants.replaceSubrange(layout.rOffset..<(layout.rOffset + p * p), with: r.storage)
        for j in 0..<p {
            constants[layout.permutationOffset + j] = Double(leastSquares.qr.permutation[j])
            constants[layout.diagonalOffset + j] = inverseGramDiagonal[j]
            constants[layout.scaleOffset + j] = leastSquares.columnScale[leastSquares.qr.permutation[j]]
        }
        guard layout.method == .lagProducts else { return constants }
        hatWeights.storage.withUnsafeBufferPointer { w in
            constants.withUnsafeMutableBufferPointer { c in
                for lag in 0...layout.productLags {
                    // Bartlett: w_l = 1 − l/(L+1); lags ±l are folded together, so w'_l = 2·w_l for l > 0.
                    let weight = lag == 0 ? 1 : 2 * (1 - Double(lag) / Double(layout.lags + 1))
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
        return constants
    }

    /// W by rows (zero-padded to `rowWidth` columns), for the moving sums.
    func weightRows(layout: Layout) -> [Double] {
        let n = layout.n, p = layout.p, width = layout.rowWidth
        var rows = [Double](repeating: 0, count: layout.method == .movingSums ? n * width : 0)
        guard layout.method == .movingSums else { return rows }
        for t in 0..<n {
            for j in 0..<p { rows[t * width + j] = hatWeights.storage[t + j * n] }
        }
        return rows
    }

    /// Fits the series `columns`, leaving their results in the block-output area of `scratch`.
    ///
    /// - Returns: The first non-finite response value met, if any.
    static func fitBlock(_ columns: Range<Int>, layout: Layout, y: UnsafePointer<Double>,
                         constants: UnsafePointer<Double>, rows: UnsafeBufferPointer<Double>,
                         scratch: UnsafeMutablePointer<Double>,
                         measure: Bool, profile: inout Profile) -> BadValue? {
        let n = layout.n, p = layout.p, m = columns.count
        let n32 = Int32(n), p32 = Int32(p), m32 = Int32(m)
        let q = constants, r = constants + layout.rOffset
        let yBlock = y + columns.lowerBound * n
        let u = scratch
        let projection = scratch + layout.projectionOffset
        let variance = scratch + layout.varianceOffset, squares = scratch + layout.squaresOffset
        let clock = ContinuousClock()
        var gemmTime = Duration.zero, hacTime = Duration.zero
        let start = measure ? clock.now : nil

        // Qᵀ·Y, then U = Y − Q·(Qᵀ·Y).
        var mark = measure ? clock.now : nil
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, p32, m32, n32, 1, q, n32, yBlock, n32,
                    0, projection, p32)
        u.update(from: yBlock, count: n * m)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n32, m32, p32, -1, q, n32, projection, p32,
                    1, u, n32)
        if let mark { gemmTime += clock.now - mark }

        switch layout.method {
        case .movingSums:
            for c in 0..<m { squares[c] = sumOfSquares(u + c * n, count: n) }
            mark = measure ? clock.now : nil
            for c in 0..<m {
                movingSumVariances(u + c * n, rows: rows.baseAddress!, layout: layout, into: variance + c * p)
            }
            if let mark { hacTime += clock.now - mark }
        case .lagProducts:
            let products = scratch + layout.productOffset
            for lag in 0...layout.productLags {
                let count = n - lag
                mark = measure ? clock.now : nil
                for c in 0..<m {
                    let column = u + c * n, product = products + c * n
                    if lag == 0 { squares[c] = squaresAndSum(column, into: product, count: n) } else {
                        laggedProducts(column, lag: lag, into: product, count: count)
                    }
                }
                if let mark { hacTime += clock.now - mark }
                mark = measure ? clock.now : nil
                cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, p32, m32, Int32(count), 1,
                            constants + layout.lagOffset(lag), n32, products, n32,
                            lag == 0 ? 0 : 1, variance, p32)
                if let mark { gemmTime += clock.now - mark }
            }
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
            // A non-finite y makes its residuals, and so ‖u‖², non-finite (0·∞ is NaN too).
            if !squares[c].isFinite, failure == nil {
                if let t = (0..<n).first(where: { !yBlock[c * n + $0].isFinite }) {
                    failure = BadValue(row: t, column: columns.lowerBound + c)
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
            profile.hacSeconds += seconds(hacTime)
            profile.otherSeconds += seconds(total - gemmTime - hacTime)
        }
        return failure
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
