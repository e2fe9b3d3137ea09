/// Everything reported for a conversion experiment with one control and one or more variants:
/// the sample-ratio check, each arm's rate with its Wilson interval, and for each variant the
/// frequentist test (p-values corrected across variants, intervals at the matching level),
/// the Bayesian comparison and the always-valid p-value at the current look.
///
/// This is the entry point for callers that hold per-arm counts; each piece is also
/// available on its own (`ProportionComparison`, `BetaBinomialComparison`,
/// `SampleRatioMismatch`, `MixtureSPRT`).
public struct ConversionExperiment: Sendable {
    /// Settings; the defaults are those documented on each method.
    public struct Options: Sendable, Hashable {
        /// The family-wise confidence level (0.95).
        public var level: Double
        /// The correction across variants (Holm).
        public var correction: MultipleComparisonCorrection
        /// The prior of every arm's rate (`Beta(1, 1)`).
        public var prior: BetaPrior
        /// The intended share of each arm, control first (equal when nil).
        public var weights: [Double]?
        /// The sample-ratio-mismatch threshold (0.001).
        public var mismatchThreshold: Double
        /// The mSPRT mixing variance `τ²`. When nil it is
        /// `MixtureSPRT.mixingVariance(baseline:)` of the observed control rate (at least
        /// `1/n_c`, so it is positive), a choice made from the data at this look: fix it in
        /// advance when the experiment is watched repeatedly.
        public var mixingVariance: Double?

        /// Creates options; every argument has the documented default.
        public init(level: Double = 0.95, correction: MultipleComparisonCorrection = .holm,
                    prior: BetaPrior = .uniform, weights: [Double]? = nil,
                    mismatchThreshold: Double = SampleRatioMismatch.defaultThreshold,
                    mixingVariance: Double? = nil)
        {
            self.level = level
            self.correction = correction
            self.prior = prior
            self.weights = weights
            self.mismatchThreshold = mismatchThreshold
            self.mixingVariance = mixingVariance
        }
    }

    /// One variant's results against the control.
    public struct Variant: Sendable {
        /// The variant's counts.
        public let counts: ConversionCounts
        /// The Wilson interval of its rate, at `intervalLevel`.
        public let rateInterval: ConfidenceInterval
        /// The z-test and intervals, at `intervalLevel`; its `pValue` is unadjusted.
        public let comparison: ProportionComparison
        /// The p-value adjusted across variants by the chosen correction.
        public let adjustedPValue: Double
        /// The Bayesian comparison; its credible interval is at `intervalLevel` too.
        public let bayesian: BetaBinomialComparison
        /// The mSPRT at this look alone (its always-valid p-value is not adjusted across
        /// variants).
        public let sequential: SequentialLook
    }

    /// The options used.
    public let options: Options
    /// The level of every interval: the family-wise level spread over the variants.
    public let intervalLevel: Double
    /// The control's counts.
    public let control: ConversionCounts
    /// The Wilson interval of the control's rate, at `intervalLevel`.
    public let controlRateInterval: ConfidenceInterval
    /// The variants, in the order given.
    public let variants: [Variant]
    /// The sample-ratio check over all arms, control first. When it flags a mismatch the
    /// other numbers should not be trusted.
    public let sampleRatio: SampleRatioMismatch
    /// The mSPRT mixing variance actually used.
    public let mixingVariance: Double

    /// Analyses a conversion experiment.
    ///
    /// - Parameters:
    ///   - control: The control arm.
    ///   - variants: One or more variant arms.
    ///   - options: Levels, correction, prior, intended split, thresholds.
    /// - Throws: `ExperimentError` when there is no variant, an arm has no exposures, or an
    ///   option is out of range.
    public static func analyze(control: ConversionCounts, variants: [ConversionCounts],
                               options: Options = Options()) throws(ExperimentError) -> ConversionExperiment
    {
        guard !variants.isEmpty else { throw .invalidArgument("an experiment needs at least one variant") }
        try ExperimentError.checkLevel(options.level)
        let sampleRatio = try SampleRatioMismatch.test(observed: [control.exposed] + variants.map(\.exposed),
                                                       weights: options.weights,
                                                       threshold: options.mismatchThreshold)
        let level = options.correction.intervalLevel(options.level, comparisons: variants.count)
        let controlInterval = try control.wilsonInterval(level: level)
        let tau2 = options.mixingVariance
            ?? MixtureSPRT.mixingVariance(baseline: max(control.rate, 1 / Double(control.exposed)))
        let sprt = try MixtureSPRT(mixingVariance: tau2)
        var comparisons: [ProportionComparison] = []
        for variant in variants {
            comparisons.append(try ProportionComparison.test(control: control, variant: variant, level: level))
        }
        let adjusted = options.correction.adjust(comparisons.map(\.pValue))
        var results: [Variant] = []
        for (index, variant) in variants.enumerated() {
            results.append(Variant(
                counts: variant, rateInterval: try variant.wilsonInterval(level: level),
                comparison: comparisons[index], adjustedPValue: adjusted[index],
                bayesian: try BetaBinomialComparison.compare(control: control, variant: variant,
                                                             prior: options.prior, level: level),
                sequential: sprt.look(control: control, variant: variant)))
        }
        return ConversionExperiment(options: options, intervalLevel: level, control: control,
                                    controlRateInterval: controlInterval, variants: results,
                                    sampleRatio: sampleRatio, mixingVariance: tau2)
    }
}
