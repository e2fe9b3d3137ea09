extension BatchedRegression {
    /// The HAC variances of one series by moving sums: `Var(βⱼ) = Σ_τ m_τⱼ² / (L+1)`.
    ///
    /// The Bartlett weights are the autocorrelation of a box of width L+1,
    /// `w_l = (L+1−l)/(L+1)`, so with zero padding outside `0..<n`,
    /// `Σ_{|l|≤L} w_|l| Σ_t ψ_t ψ_{t−l} = (1/(L+1)) Σ_{τ=0}^{n+L−1} m_τ²`, where
    /// `m_τ = Σ_{i=0..L} ψ_{τ−i}` and `ψ_t = W_tj·u_t`, exactly (each pair (t, s) lies in
    /// L+1−|t−s| windows). The moving sums are updated by adding the entering term and
    /// subtracting the leaving one: 4 operations per point and coefficient instead of the
    /// 2·(L+1) of the lag products. Rounding grows with n·ε·max|ψ|, far below the 1e-8
    /// the standard errors are checked to.
    ///
    /// - Parameters:
    ///   - u: The series' n residuals.
    ///   - rows: W by rows, `layout.rowWidth` doubles per row (p rounded up to a multiple of 4, zero-padded).
    ///   - variance: Receives the p variances, in pivoted order.
    @inline(__always)
    static func movingSumVariances(_ u: UnsafePointer<Double>, rows: UnsafePointer<Double>,
                                   layout: Layout, into variance: UnsafeMutablePointer<Double>) {
        // Eight coefficients at a time, then four: the loop is issue-bound, so sharing the
        // residual loads and the loop overhead between more lanes pays.
        var column = 0
        while column + 8 <= layout.rowWidth {
            movingSums(u, rows: rows, column: column, layout: layout, lanes: SIMD8<Double>.self, into: variance)
            column += 8
        }
        if column < layout.rowWidth {
            movingSums(u, rows: rows, column: column, layout: layout, lanes: SIMD4<Double>.self, into: variance)
        }
    }

    /// `movingSumVariances` for the coefficients `column ..< column + V.scalarCount`.
    @inline(__always)
    static func movingSums<V: SIMD>(_ u: UnsafePointer<Double>, rows: UnsafePointer<Double>, column: Int,
                                    layout: Layout, lanes: V.Type,
                                    into variance: UnsafeMutablePointer<Double>) where V.Scalar == Double {
        let n = layout.n, span = layout.lags + 1
        let stride = layout.rowWidth &* MemoryLayout<Double>.stride
        let base = UnsafeRawPointer(rows + column)
        var sum = V(), total = V()
        // Terms only enter while τ < min(n, L+1).
        var entering = base
        for tau in 0..<min(n, span) {
            sum += entering.loadUnaligned(as: V.self) * u[tau]
            total += sum * sum
            entering += stride
        }
        // Terms enter and leave.
        var leaving = base
        if span < n {
            for tau in span..<n {
                sum += entering.loadUnaligned(as: V.self) * u[tau] - leaving.loadUnaligned(as: V.self) * u[tau &- span]
                total += sum * sum
                entering += stride
                leaving += stride
            }
        }
        // The window covers every point (L+1 > n): the sum stays.
        if span > n { total += sum * sum * Double(span - n) }
        // Terms only leave.
        for tau in max(n, span)..<(n + span - 1) {
            sum -= leaving.loadUnaligned(as: V.self) * u[tau &- span]
            total += sum * sum
            leaving += stride
        }
        total *= 1 / Double(span)
        for i in 0..<V.scalarCount where column + i < layout.p { variance[column + i] = total[i] }
    }

    /// `Σ xₛ²`, in eight interleaved partial sums.
    @inline(__always)
    static func sumOfSquares(_ x: UnsafePointer<Double>, count: Int) -> Double {
        var partial = SIMD8<Double>()
        var s = 0
        while s + 8 <= count {
            let v = UnsafeRawPointer(x + s).loadUnaligned(as: SIMD8<Double>.self)
            partial += v * v
            s += 8
        }
        var sum = partial.sum()
        while s < count {
            sum += x[s] * x[s]
            s += 1
        }
        return sum
    }

    /// Writes `xₛ²` to `product` and returns `Σ xₛ²`, in eight interleaved partial sums.
    @inline(__always)
    static func squaresAndSum(_ x: UnsafePointer<Double>, into product: UnsafeMutablePointer<Double>,
                              count: Int) -> Double {
        var partial = SIMD8<Double>()
        var s = 0
        while s + 8 <= count {
            let v = UnsafeRawPointer(x + s).loadUnaligned(as: SIMD8<Double>.self)
            let square = v * v
            UnsafeMutableRawPointer(product + s).storeBytes(of: square, as: SIMD8<Double>.self)
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
}
