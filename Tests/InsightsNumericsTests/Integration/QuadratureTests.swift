#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import InsightsNumerics
import Testing

/// `Quadrature.integrate` against integrals known in closed form.
struct QuadratureTests {
    /// The 15-point Kronrod rule integrates polynomials up to degree 22 exactly: one piece,
    /// no subdivision, ∫₀¹ x^d dx = 1/(d + 1) to rounding.
    @Test(arguments: [0, 1, 7, 13, 21, 22]) func polynomialsAreExactInOnePiece(_ degree: Int) {
        let estimate = Quadrature.integrate(from: 0, to: 1, maximumPieces: 1) { pow($0, Double(degree)) }
        #expect(abs(estimate.value - 1 / Double(degree + 1)) < 1e-15)
    }

    @Test func smoothIntegralsMeetTheTolerance() {
        let sine = Quadrature.integrate(from: 0, to: Double.pi) { sin($0) }
        #expect(abs(sine.value - 2) < 1e-14 && sine.converged)
        // Φ(5) − Φ(−5): scipy.stats.norm.cdf(5) - scipy.stats.norm.cdf(-5) = 0.9999994266968562.
        let normal = Quadrature.integrate(from: -5, to: 5) { exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() }
        #expect(abs(normal.value - 0.9999994266968562) < 1e-14)
        // Reversed limits negate.
        let reversed = Quadrature.integrate(from: Double.pi, to: 0) { sin($0) }
        #expect(abs(reversed.value + 2) < 1e-14)
    }

    /// Endpoint singularities in the derivative are handled by subdivision:
    /// ∫₀¹ √x log x dx = −4/9.
    @Test func adaptsToAnEndpointSingularity() {
        let estimate = Quadrature.integrate(from: 0, to: 1) { $0.squareRoot() * log($0) }
        #expect(abs(estimate.value + 4.0 / 9) < 1e-12)
        #expect(estimate.converged)
        #expect(estimate.errorEstimate >= abs(estimate.value + 4.0 / 9) * 0.1)
    }

    /// A bump of width 1e-3 at 0.3 on [0, 1]: with 8 starting pieces its mass is found;
    /// exact value √(2π)·10⁻³ (the tails beyond [0, 1] are below 1e-300).
    @Test func findsANarrowPeakFromSeveralPieces() {
        let estimate = Quadrature.integrate(from: 0, to: 1, initialPieces: 8) { x in
            let z = (x - 0.3) / 1e-3
            return exp(-z * z / 2)
        }
        #expect(abs(estimate.value - (2 * Double.pi).squareRoot() * 1e-3) < 1e-15)
    }

    @Test func reportsWhenTheLimitIsHit() {
        // 1/√x on (0, 1]: integrable (= 2) but the limit of 3 pieces cannot reach 1e-13.
        let estimate = Quadrature.integrate(from: 0, to: 1, maximumPieces: 3) { 1 / $0.squareRoot() }
        #expect(!estimate.converged)
        #expect(estimate.errorEstimate > 1e-13)
    }
}
