/// A running floating-point sum with Neumaier's compensation.
///
/// Each addition also accumulates the rounding error it made, so the final `value` is
/// accurate to about one rounding of the exact sum, largely independent of the number of
/// terms and of cancellation between them. Unlike Kahan's original scheme, Neumaier's
/// variant stays accurate when a term is larger in magnitude than the running sum.
///
/// Method: A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
/// Summen", *ZAMM* 54 (1974), 39–51; see also N. J. Higham, *Accuracy and Stability of
/// Numerical Algorithms*, 2nd ed., SIAM 2002, §4.3.
///
/// Infinities and NaNs propagate as in plain summation: the sum of terms that include
/// `+infinity` (and no `-infinity` or NaN) is `+infinity`.
public struct CompensatedSum: Sendable, Hashable {
    /// The uncompensated running sum.
    private var sum: Double = 0
    /// The accumulated rounding errors of the additions so far.
    private var compensation: Double = 0

    /// Creates an empty sum (value 0).
    public init() {}

    /// Creates the sum of `values`.
    public init(_ values: some Sequence<Double>) {
        for value in values { add(value) }
    }

    /// Adds `term` to the sum.
    @inline(__always)
    public mutating func add(_ term: Double) {
        let total = sum + term
        // The rounding error of `sum + term` is exact in floating point when the larger
        // operand is subtracted from the total first (Neumaier's branch).
        if abs(sum) >= abs(term) {
            compensation += (sum - total) + term
        } else {
            compensation += (term - total) + sum
        }
        sum = total
    }

    /// Adds the product `a·b` exactly: the product's own rounding error, obtained with
    /// a fused multiply-add (`fma(a, b, −fl(a·b))` is exact), goes into the compensation.
    ///
    /// A sum of products accumulated this way is Ogita, Rump & Oishi's `Dot2`
    /// ("Accurate sum and dot product", SIAM J. Sci. Comput. 26(6), 2005): as accurate
    /// as evaluating in twice the working precision and rounding once. Least-squares
    /// refinement uses it for residuals, where cancellation is the whole point.
    @inline(__always)
    public mutating func addProduct(_ a: Double, _ b: Double) {
        let product = a * b
        compensation += (-product).addingProduct(a, b)
        add(product)
    }

    /// Adds `term` to `sum`.
    public static func += (sum: inout CompensatedSum, term: Double) {
        sum.add(term)
    }

    /// The compensated value of the sum.
    public var value: Double {
        // Once the plain sum is infinite or NaN the error terms are meaningless (inf - inf).
        sum.isFinite ? sum + compensation : sum
    }
}
