import InsightsNumerics
import TestSupport
import Testing

/// One reference value: a distribution function evaluated at `x` for parameters `(p1, p2)`.
/// The tables live in `ReferenceTables+*.swift` and come from
/// `bench/reference/distributions.py` (scipy 1.17.1, arbitrated by mpmath).
struct DistributionCase: Sendable, CustomTestStringConvertible {
    enum Function: String, Sendable { case pdf, cdf, sf, ppf, isf }

    let function: Function
    let p1: Double
    let p2: Double
    let x: Double
    let expected: Double

    init(_ function: Function, _ p1: Double, _ p2: Double, _ x: Double, _ expected: Double) {
        self.function = function
        self.p1 = p1
        self.p2 = p2
        self.x = x
        self.expected = expected
    }

    var testDescription: String { "\(function)(\(x)) with (\(p1), \(p2))" }

    /// Evaluates the case's function on `distribution`.
    func evaluate(_ distribution: some ContinuousDistribution) -> Double {
        switch function {
        case .pdf: distribution.pdf(x)
        case .cdf: distribution.cdf(x)
        case .sf: distribution.survival(x)
        case .ppf: distribution.quantile(x)
        case .isf: distribution.inverseSurvival(x)
        }
    }

    /// Records an issue unless the relative error is within `tolerance`.
    func check(_ distribution: some ContinuousDistribution, tolerance: Double) {
        let value = evaluate(distribution)
        let error = Accuracy.relativeError(value, expected)
        #expect(error <= tolerance, "got \(value), expected \(expected), relative error \(error)")
    }
}

enum ReferenceTables {}

/// Checks that the quantile recovers `x` from its own tail probability, inverting in the tail
/// that holds at most ½ (the other tail's probability has lost its low digits to rounding
/// near 1, so no inverse could recover `x` from it).
func expectRoundTrip(_ distribution: some ContinuousDistribution, at x: Double,
                     tolerance: Double = 1e-11, sourceLocation: SourceLocation = #_sourceLocation)
{
    let lower = distribution.cdf(x)
    let tail = min(lower, distribution.survival(x))
    #expect(tail >= 1e-300, "x = \(x) is beyond the representable tail", sourceLocation: sourceLocation)
    let recovered = lower <= 0.5
        ? distribution.quantile(lower)
        : distribution.inverseSurvival(distribution.survival(x))
    let error = Accuracy.relativeError(recovered, x)
    #expect(error <= tolerance, "x = \(x) came back as \(recovered)", sourceLocation: sourceLocation)
}
