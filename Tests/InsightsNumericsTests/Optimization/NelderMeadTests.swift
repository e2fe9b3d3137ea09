import Foundation
import InsightsNumerics
import Testing

/// Nelder–Mead on standard test functions with known minima (Moré, Garbow & Hillstrom 1981,
/// "Testing unconstrained optimization software", ACM TOMS 7:17–41).
@Suite("Nelder–Mead")
struct NelderMeadTests {
    @Test("Rosenbrock from (−1.2, 1) reaches (1, 1)")
    func rosenbrock() {
        let result = NelderMead.minimize(start: [-1.2, 1], step: [0.1, 0.1],
                                         options: .init(valueTolerance: 1e-14, pointTolerance: 1e-10)) { x in
            let a = 1 - x[0], b = x[1] - x[0] * x[0]
            return a * a + 100 * b * b
        }
        #expect(result.converged)
        #expect(abs(result.point[0] - 1) < 1e-6)
        #expect(abs(result.point[1] - 1) < 1e-6)
        #expect(result.value < 1e-12)
    }

    @Test("Powell's singular function in 4 dimensions reaches 0")
    func powellSingular() {
        let result = NelderMead.minimize(start: [3, -1, 0, 1], step: [0.3, 0.3, 0.3, 0.3],
                                         options: .init(valueTolerance: 1e-16, pointTolerance: 1e-9,
                                                        maxEvaluations: 50_000, restarts: 5)) { x in
            let a = x[0] + 10 * x[1], b = x[2] - x[3], c = x[1] - 2 * x[2], d = x[0] - x[3]
            return a * a + 5 * b * b + c * c * c * c + 10 * d * d * d * d
        }
        #expect(result.value < 1e-8)
        #expect(result.point.allSatisfy { abs($0) < 1e-2 })
    }

    @Test("A 20-dimensional ill-scaled quadratic reaches its minimum", arguments: [20])
    func scaledQuadratic(dimension: Int) {
        // f(x) = Σ 10^(i/(n−1)·3) (x_i − i)², minimum 0 at x_i = i.
        let weights = (0..<dimension).map { pow(10, 3 * Double($0) / Double(dimension - 1)) }
        let result = NelderMead.minimize(start: [Double](repeating: 0, count: dimension),
                                         step: [Double](repeating: 1, count: dimension),
                                         options: .init(valueTolerance: 1e-12, pointTolerance: 1e-8,
                                                        maxEvaluations: 200_000, restarts: 10)) { x in
            var sum = 0.0
            for i in 0..<dimension { let d = x[i] - Double(i); sum += weights[i] * d * d }
            return sum
        }
        #expect(result.value < 1e-8)
        for i in 0..<dimension { #expect(abs(result.point[i] - Double(i)) < 1e-3) }
    }

    @Test("Points where the objective is infinite are rejected, not returned")
    func infiniteOutsideDomain() {
        // Minimise (x − 2)² on x > 1.5 written as +∞ outside; the minimum is inside.
        let result = NelderMead.minimize(start: [3], step: [0.5]) { x in
            x[0] <= 1.5 ? .infinity : (x[0] - 2) * (x[0] - 2)
        }
        #expect(abs(result.point[0] - 2) < 1e-4)
        #expect(result.evaluations > 0)
    }
}

