/// Linear least squares `min ‖y − Xβ‖₂` for one design and any number of right-hand sides.
///
/// The design is factored once: its columns are scaled by powers of two (so the
/// scaling is exact) to unit-order norm, then factored by Householder QR with
/// column pivoting (`dgeqp3`). The normal equations are never formed.
///
/// A design that is full rank is fitted however ill-conditioned it is: the QR
/// solution is improved by iterative refinement of the augmented system
/// `[I X; Xᵀ 0]·[r; β] = [y; 0]` with residuals accumulated in twice the working
/// precision (Björck, "Iterative refinement of linear least squares solutions I",
/// BIT 7, 1967; Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed.,
/// §20.5). Only exact collinearity, where `|Rₖₖ| ≤ 10·max(n, p)·ε·|R₀₀|`, is
/// refused, and the error names the aliased columns.
public struct LeastSquares: Sendable {
    /// When to refine a solution beyond plain QR.
    public enum Refinement: Sendable {
        /// Refine when the problem is small (n·p·k ≤ 10⁷) or when the QR error
        /// bound `ε(κ + κ²‖r‖/(‖X‖‖β‖))` exceeds 10⁻¹².
        case automatic
        /// Always refine (up to 10 steps, until the correction stops shrinking).
        case always
        /// Plain QR: the fast path for batches of well-conditioned fits.
        case never
    }

    /// The design `X` as given, n×p.
    public let design: Matrix
    /// A name for each design column, used in errors and results.
    public let columnNames: [String]
    /// Powers of two such that `scaledDesign = design · diag(columnScale)` exactly.
    let columnScale: [Double]
    /// The design with its columns scaled.
    let scaledDesign: Matrix
    /// The factorization of `scaledDesign`.
    let qr: PivotedQR
    /// An estimate of the 1-norm condition number of the scaled design.
    public let conditionNumber: Double

    /// Factors `design`.
    ///
    /// - Parameters:
    ///   - design: The n×p design matrix, n ≥ p, all finite.
    ///   - columnNames: Names for errors; defaults to `x0, x1, …`.
    /// - Throws: `LeastSquaresError` when n < p, an element is not finite, or
    ///   columns are exactly collinear (naming them).
    /// - Complexity: O(n·p²).
    public init(design: Matrix, columnNames: [String]? = nil) throws(LeastSquaresError) {
        let n = design.rows, p = design.columns
        let names = columnNames ?? (0..<p).map { "x\($0)" }
        precondition(names.count == p, "\(names.count) column names for \(p) columns")
        guard n >= p else { throw .underdetermined(rows: n, columns: p) }
        for j in 0..<p {
            for i in 0..<n where !design[i, j].isFinite {
                throw .nonFinite(what: "design value", row: i, column: names[j])
            }
        }
        var scale = [Double](repeating: 1, count: p)
        var scaled = design
        for j in 0..<p {
            let norm = BLAS.nrm2(design.column(j))
            if norm > 0 && norm.isFinite {
                // 2^−round(log2 ‖x_j‖): multiplying by a power of two is exact.
                scale[j] = Double(sign: .plus, exponent: -Int(norm.exponent), significand: 1)
            }
            for i in 0..<n { scaled[i, j] *= scale[j] }
        }
        let qr: PivotedQR
        do { qr = try PivotedQR(scaled) } catch {
            preconditionFailure("dgeqp3 rejected a well-formed call: \(error)")
        }
        let magnitudes = qr.diagonalMagnitudes
        let tolerance = 10 * Double(max(n, p)) * Double.ulpOfOne * (magnitudes.first ?? 0)
        let rank = magnitudes.firstIndex { $0 <= tolerance } ?? p
        if rank < p {
            throw .collinear(Self.aliases(qr: qr, rank: rank, scale: scale, names: names))
        }
        self.design = design
        self.columnNames = names
        self.columnScale = scale
        self.scaledDesign = scaled
        self.qr = qr
        self.conditionNumber = p == 0 ? 1 : 1 / qr.reciprocalCondition(rank: p)
    }

    /// Rows of the design.
    public var observationCount: Int { design.rows }
    /// Columns of the design.
    public var parameterCount: Int { design.columns }

    /// Expresses each column beyond the numerical rank through the leading ones:
    /// `R₁₁·z = R₁₂` in scaled, pivoted coordinates, then unscaled.
    private static func aliases(qr: PivotedQR, rank: Int, scale: [Double], names: [String]) -> [LeastSquaresError.Alias] {
        let r = qr.r
        let leading = r.selectingColumns(Array(0..<rank))
        let trailing = r.selectingColumns(Array(rank..<r.columns))
        let basis = qr.permutation[0..<rank]
        let z = (try? leading.solveTriangular(
            Matrix(rows: rank, columns: trailing.columns,
                   columnMajor: (0..<trailing.columns).flatMap { Array(trailing.column($0)[0..<rank]) })))
        return (rank..<r.columns).enumerated().map { offset, position in
            let aliased = qr.permutation[position]
            var combination: [(term: String, coefficient: Double)] = []
            if let z {
                for (i, original) in basis.enumerated() {
                    // a_j = Σ zᵢ aᵢ with a = x·d, so x_j = Σ zᵢ dᵢ / d_j · xᵢ.
                    let coefficient = z[i, offset] * scale[original] / scale[aliased]
                    if abs(coefficient) > 1e-9 { combination.append((names[original], coefficient)) }
                }
            }
            return .init(term: names[aliased], combination: combination)
        }
    }
}
