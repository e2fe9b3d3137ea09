import InsightsNumerics
import Testing
import TestSupport

/// Designs that are full rank but badly conditioned, and designs that are exactly collinear.
struct LeastSquaresHardTests {
    /// A Filip-like problem: degree-10 polynomial in x ∈ [−8.77, −3.1], n = 82
    /// (scaled condition number ≈ 5·10⁹). The reference is the exact rational
    /// least-squares solution of the same double-valued data, computed by
    /// `bench/reference/ill_conditioned_polynomial.py` (Python `fractions`).
    @Test func degreeTenPolynomialMatchesExactSolution() throws {
        let xs = (0..<82).map { -3.1 - Double($0) * 0.07 }
        let ys = (0..<82).map { i -> Double in
            0.85 + 0.001 * Double((i * 37) % 11) - 0.0005 * Double((i * 13) % 7)
        }
        let design = Matrix(columns: (0...10).map { power in
            xs.map { x in (0..<power).reduce(1.0) { product, _ in product * x } }
        })
        let exactCoefficients = [
            9.936653541386494, 27.45575218988922, 31.221921468811246, 19.103070572400313,
            7.197333051490019, 1.7740664520378349, 0.29255895659880227, 0.032072130116921685,
            0.0022466006790600847, 9.109202687304482e-05, 1.6274698199127553e-06,
        ]
        let exactInverseGramDiagonal = [
            5770235246.603349, 20753371810.869503, 14690053363.065025, 3549882773.565811,
            359312648.80227166, 16641114.307906214, 361918.18044494034, 3606.451063513167,
            15.093215557471158, 0.021649410955716358, 6.142624512626345e-06,
        ]
        let solver = try LeastSquares(design: design)
        let solution = try solver.solve(ys)
        let inverseGram = solver.inverseGram()
        for j in 0...10 {
            // Refinement converges to the exact solution of the double data; 10 digits
            // leaves room for the κ·ε ≈ 5·10⁻⁷ worst case of one refinement step being far from tight.
            #expect(Accuracy.lre(solution.coefficients[j, 0], exactCoefficients[j]) >= 10,
                    "coefficient \(j): \(solution.coefficients[j, 0]) vs \(exactCoefficients[j])")
            #expect(Accuracy.lre(inverseGram[j, j], exactInverseGramDiagonal[j]) >= 10,
                    "(XᵀX)⁻¹[\(j),\(j)]: \(inverseGram[j, j]) vs \(exactInverseGramDiagonal[j])")
        }
        #expect(solver.conditionNumber > 1e9)
    }

    @Test func exactCollinearityNamesTheAliasedColumn() {
        let x1: [Double] = [1, 2, 3, 4, 5, 6]
        let x2 = x1.map { 2 * $0 + 1 }
        let design = Matrix(columns: [[Double](repeating: 1, count: 6), x1, x2])
        #expect {
            _ = try LeastSquares(design: design, columnNames: ["Intercept", "x1", "x2"])
        } throws: { error in
            guard let error = error as? LeastSquaresError, error.isCollinear else { return false }
            // Pivoting keeps the two columns with the largest norms; whichever is dropped
            // must be expressed through the other two with the true coefficients.
            guard let alias = error.aliases.first, error.aliases.count == 1 else { return false }
            let terms = Dictionary(uniqueKeysWithValues: alias.combination.map { ($0.term, $0.coefficient) })
            switch alias.term {
            case "x2": return abs(terms["Intercept", default: 0] - 1) < 1e-9 && abs(terms["x1", default: 0] - 2) < 1e-9
            case "Intercept": return abs(terms["x2", default: 0] - 1) < 1e-9 && abs(terms["x1", default: 0] + 2) < 1e-9
            case "x1": return abs(terms["x2", default: 0] - 0.5) < 1e-9 && abs(terms["Intercept", default: 0] + 0.5) < 1e-9
            default: return false
            }
        }
    }

    @Test func dummiesThatSumToTheInterceptAreRefused() throws {
        let a: [Double] = [1, 0, 0, 1, 0, 0]
        let b: [Double] = [0, 1, 0, 0, 1, 0]
        let c: [Double] = [0, 0, 1, 0, 0, 1]
        let design = Matrix(columns: [[Double](repeating: 1, count: 6), a, b, c])
        let error = #expect(throws: LeastSquaresError.self) {
            try LeastSquares(design: design, columnNames: ["Intercept", "g[a]", "g[b]", "g[c]"])
        }
        #expect(error?.isCollinear == true)
        #expect(error?.message.hasPrefix("design is exactly collinear: '") == true)
    }

    @Test func tooFewRowsAndNonFiniteValuesAreRefused() {
        #expect(throws: LeastSquaresError.self) {
            try LeastSquares(design: Matrix(rows: 2, columns: 3, repeating: 1))
        }
        var design = Matrix(columns: [[1, 1, 1], [1, 2, 3]])
        design[1, 1] = .nan
        let error = #expect(throws: LeastSquaresError.self) {
            try LeastSquares(design: design, columnNames: ["Intercept", "x"])
        }
        #expect(error?.message == "design value is not finite at row 2, column 'x'")
    }

    /// k right-hand sides in one call give the same answers as k separate calls.
    @Test func multipleRightHandSidesMatchSeparateSolves() throws {
        let n = 50
        let t = (0..<n).map(Double.init)
        let design = Matrix(columns: [[Double](repeating: 1, count: n), t, t.map { $0 * $0 }])
        let ys = (0..<4).map { s in t.map { 3 + Double(s) * $0 - 0.01 * $0 * $0 + Double(($0.exponent + s) % 3) } }
        let solver = try LeastSquares(design: design)
        let batch = try solver.solve(Matrix(columns: ys))
        for (s, y) in ys.enumerated() {
            let single = try solver.solve(y)
            for j in 0..<3 {
                #expect(Accuracy.relativeError(batch.coefficients[j, s], single.coefficients[j, 0]) < 1e-13)
            }
        }
    }
}
