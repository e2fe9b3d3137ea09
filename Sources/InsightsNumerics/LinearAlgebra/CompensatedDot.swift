/// A sum of products evaluated as if in twice the working precision.
///
/// This is Ogita, Rump & Oishi's `Dot2` ("Accurate sum and dot product", SIAM J.
/// Sci. Comput. 26(6), 2005): each product is split exactly with a fused
/// multiply-add (TwoProduct), each addition with Knuth's TwoSum, and the rounding
/// errors are accumulated separately. The result is as accurate as a
/// double-double evaluation followed by one rounding. Least-squares refinement
/// uses it for residuals, where cancellation is the whole point.
struct CompensatedAccumulator {
    private var sum = 0.0
    private var error = 0.0

    /// Adds `a·b`.
    @inline(__always)
    mutating func addProduct(_ a: Double, _ b: Double) {
        let product = a * b
        // fma(a, b, −fl(a·b)) is exactly a·b − fl(a·b).
        error += (-product).addingProduct(a, b)
        add(product)
    }

    /// Adds `value`.
    @inline(__always)
    mutating func add(_ value: Double) {
        let s = sum + value
        let z = s - sum
        error += (sum - (s - z)) + (value - z)
        sum = s
    }

    /// The compensated total.
    var value: Double { sum + error }
}
