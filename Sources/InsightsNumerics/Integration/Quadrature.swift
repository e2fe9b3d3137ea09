/// Numerical integration of smooth functions over finite intervals.
public enum Quadrature {
    /// An integral's value with the method's own estimate of its absolute error.
    public struct Estimate: Sendable, Equatable {
        /// The approximate integral.
        public let value: Double
        /// An estimate of `|value − exact|`: the sum over the final subintervals of the
        /// difference between their 15-point Kronrod and 7-point Gauss sums.
        public let errorEstimate: Double
        /// Whether the error estimate met the requested tolerance before the subdivision
        /// limit was reached.
        public let converged: Bool
    }

    /// Integrates `f` over `[a, b]` by adaptive Gauss–Kronrod quadrature (7-point Gauss,
    /// 15-point Kronrod).
    ///
    /// Method: the interval is cut into `initialPieces` equal pieces; each is integrated by the
    /// 15-point Kronrod rule, with the embedded 7-point Gauss rule giving its error estimate.
    /// While the summed estimate exceeds `max(absoluteTolerance, relativeTolerance·|value|)`,
    /// the piece with the largest estimate is halved. This is the globally adaptive scheme of
    /// QUADPACK's `qag` (R. Piessens et al., *QUADPACK*, Springer 1983, §2.2.1) without its
    /// extrapolation; the nodes and weights are Kronrod's (the 15-point rule is exact for
    /// polynomials of degree 22, the 7-point Gauss rule for degree 13). The error estimate is
    /// the plain difference of the two rules, which is pessimistic for smooth integrands.
    ///
    /// - Parameters:
    ///   - f: The integrand; it is evaluated only at interior points of `[a, b]`.
    ///   - a: The lower limit (finite).
    ///   - b: The upper limit (finite); `b < a` gives the negated integral.
    ///   - absoluteTolerance: Stop when the error estimate is below this.
    ///   - relativeTolerance: Or below this fraction of `|value|`.
    ///   - initialPieces: How many equal pieces to start from (at least 1); more pieces help
    ///     find narrow features that a single rule would step over.
    ///   - maximumPieces: The subdivision limit.
    /// - Returns: The value and error estimate; `converged` is false if the limit was hit.
    /// - Complexity: 15 evaluations of `f` per piece.
    public static func integrate(
        from a: Double, to b: Double,
        absoluteTolerance: Double = 1e-13, relativeTolerance: Double = 1e-12,
        initialPieces: Int = 1, maximumPieces: Int = 2_000,
        _ f: (Double) -> Double
    ) -> Estimate {
        precondition(initialPieces >= 1 && maximumPieces >= initialPieces, "quadrature: bad piece counts")
        if a == b { return Estimate(value: 0, errorEstimate: 0, converged: true) }
        if b < a {
            let flipped = integrate(from: b, to: a, absoluteTolerance: absoluteTolerance,
                                    relativeTolerance: relativeTolerance, initialPieces: initialPieces,
                                    maximumPieces: maximumPieces, f)
            return Estimate(value: -flipped.value, errorEstimate: flipped.errorEstimate,
                            converged: flipped.converged)
        }
        var pieces: [Piece] = []
        pieces.reserveCapacity(maximumPieces)
        let width = (b - a) / Double(initialPieces)
        for k in 0..<initialPieces {
            let low = a + Double(k) * width
            let high = k == initialPieces - 1 ? b : a + Double(k + 1) * width
            pieces.append(kronrod(f, low, high))
        }
        while true {
            var value = CompensatedSum()
            var error = 0.0
            var worst = 0
            for (index, piece) in pieces.enumerated() {
                value.add(piece.value)
                error += piece.error
                if piece.error > pieces[worst].error { worst = index }
            }
            let tolerance = max(absoluteTolerance, relativeTolerance * abs(value.value))
            if error <= tolerance || pieces.count >= maximumPieces || !error.isFinite {
                return Estimate(value: value.value, errorEstimate: error,
                                converged: error <= tolerance)
            }
            let split = pieces[worst]
            let middle = split.low + (split.high - split.low) / 2
            // Stop halving once the piece is as narrow as the floating-point grid allows.
            guard middle > split.low && middle < split.high else {
                return Estimate(value: value.value, errorEstimate: error, converged: false)
            }
            pieces[worst] = kronrod(f, split.low, middle)
            pieces.append(kronrod(f, middle, split.high))
        }
    }

    private struct Piece {
        var low: Double
        var high: Double
        var value: Double
        var error: Double
    }

    /// Kronrod nodes on [−1, 1] (the non-negative half, largest first); odd positions
    /// (1, 3, 5) and the centre are also the 7-point Gauss–Legendre nodes.
    private static let nodes: [Double] = [
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0,
    ]
    private static let kronrodWeights: [Double] = [
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    ]
    /// Gauss weights for the nodes at positions 1, 3, 5 and the centre (7).
    private static let gaussWeights: [Double] = [
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
    ]

    private static func kronrod(_ f: (Double) -> Double, _ low: Double, _ high: Double) -> Piece {
        let centre = low + (high - low) / 2
        let half = (high - low) / 2
        let fc = f(centre)
        var kronrodSum = kronrodWeights[7] * fc
        var gaussSum = gaussWeights[3] * fc
        for j in 0..<7 {
            let offset = half * nodes[j]
            let pair = f(centre - offset) + f(centre + offset)
            kronrodSum += kronrodWeights[j] * pair
            if j % 2 == 1 { gaussSum += gaussWeights[j / 2] * pair }
        }
        return Piece(low: low, high: high, value: kronrodSum * half,
                     error: abs((kronrodSum - gaussSum) * half))
    }
}
