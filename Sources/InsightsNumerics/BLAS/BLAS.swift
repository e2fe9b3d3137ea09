internal import COpenBLAS

/// Level-1 BLAS on `[Double]` vectors.
///
/// Vectors are plain contiguous arrays; the wrappers check lengths with
/// preconditions (a mismatch is a programmer error, not bad input).
public enum BLAS {
    /// The dot product `xᵀy`. The corresponding BLAS routine is `ddot`.
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot: lengths \(x.count) and \(y.count) differ")
        return cblas_ddot(Int32(x.count), x, 1, y, 1)
    }

    /// `y ← αx + y`. The corresponding BLAS routine is `daxpy`.
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy: lengths \(x.count) and \(y.count) differ")
        cblas_daxpy(Int32(x.count), alpha, x, 1, &y, 1)
    }

    /// The Euclidean norm `‖x‖₂`, computed without overflow or underflow.
    /// The corresponding BLAS routine is `dnrm2`.
    public static func nrm2(_ x: [Double]) -> Double {
        cblas_dnrm2(Int32(x.count), x, 1)
    }

    /// `x ← αx`. The corresponding BLAS routine is `dscal`.
    public static func scal(_ alpha: Double, _ x: inout [Double]) {
        cblas_dscal(Int32(x.count), alpha, &x, 1)
    }
}

/// OpenBLAS's threading and build configuration.
///
/// The project's threading rule (STYLE.md): when Swift code parallelises over
/// series, OpenBLAS runs single-threaded, and vice versa.
public enum OpenBLAS {
    /// The build configuration string, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64`.
    public static var configuration: String {
        String(cString: openblas_get_config())
    }

    /// The number of threads OpenBLAS uses for level-3 calls.
    public static var threadCount: Int {
        Int(openblas_get_num_threads())
    }

    /// Sets the number of threads OpenBLAS uses.
    public static func setThreadCount(_ count: Int) {
        precondition(count >= 1, "thread count must be positive")
        openblas_set_num_threads(Int32(count))
    }

    /// Runs `body` with OpenBLAS single-threaded, restoring the previous count after.
    public static func withSingleThread<T>(_ body: () throws -> T) rethrows -> T {
        let previous = threadCount
        setThreadCount(1)
        defer { setThreadCount(previous) }
        return try body()
    }
}
