/// The chi-squared distribution with `ν` degrees of freedom: a gamma distribution with shape
/// `ν/2` and scale 2, so every function delegates to `GammaDistribution`.
public struct ChiSquared: ContinuousDistribution {
    /// The degrees of freedom `ν`.
    public let degreesOfFreedom: Double
    private let gamma: GammaDistribution

    /// Creates a chi-squared distribution; `degreesOfFreedom` need not be an integer.
    /// - Precondition: `degreesOfFreedom > 0` and finite.
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0 && degreesOfFreedom.isFinite,
                     "degrees of freedom must be positive and finite")
        self.degreesOfFreedom = degreesOfFreedom
        self.gamma = GammaDistribution(shape: degreesOfFreedom / 2, scale: 2)
    }

    /// The mean `ν`.
    public var mean: Double { degreesOfFreedom }
    /// The variance `2ν`.
    public var variance: Double { 2 * degreesOfFreedom }

    public func pdf(_ x: Double) -> Double { gamma.pdf(x) }
    public func logPDF(_ x: Double) -> Double { gamma.logPDF(x) }
    public func cdf(_ x: Double) -> Double { gamma.cdf(x) }
    public func survival(_ x: Double) -> Double { gamma.survival(x) }
    public func quantile(_ p: Double) -> Double { gamma.quantile(p) }
    public func inverseSurvival(_ q: Double) -> Double { gamma.inverseSurvival(q) }
}
