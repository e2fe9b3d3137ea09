/// Everything reported for an experiment on a continuous per-actor metric (revenue,
/// sessions…) with one control and one or more variants: the sample-ratio check, and for
/// each variant Welch's test (p-values corrected across variants, intervals at the matching
/// level) and the always-valid p-value at the current look.
///
/// The continuous counterpart of `ConversionExperiment`; each piece is also available on its
/// own (`MeanComparison`, `SampleRatioMismatch`, `MixtureSPRT`).
public struct MeanExperiment: Sendable {
    /// Settings; the defaults are those documented on each method.
    public struct Options: Sendable, Hashable {
        /// The family-wise confidence level (0.95).
        public var level: Double
        /// The correction across variants (Holm).
        public var correction: MultipleComparisonCorrection
        /// The intended share of each arm, control first (equal when nil).
        public var weights: [Double]?
        /// The sample-ratio-mismatch threshold (0.001).
        public var mismatchThreshold: Double
        /// The mSPRT mixing variance `τ²`. When nil it is
        /// `MixtureSPRT.mixingVariance(baseline:)` of the observed control mean's magnitude
        /// (or of the control's standard deviation when the mean is 0), a choice made from
        /// the data at this look: fix it in advance when the experiment is watched repeatedly.
        public var mixingVariance: Double?

        /// Creates options; every argument has the documented default.
        public init(level: Double = 0.95, correction: MultipleComparisonCorrection = .holm,
                    weights: [Double]? = nil,
                    mismatchThreshold: Double = SampleRatioMismatch.defaultThreshold,
                    mixingVariance: Double? = nil)
        {
            self.level = level
            self.correction = correction
            self.weights = weights
            self.mismatchThreshold = mismatchThreshold
            self.mixingVariance = mixingVariance
        }
    }

    /// One variant's results against the control.
    public struct Variant: Sendable {
        /// Welch's test and intervals, at `intervalLevel`; its `pValue` is unadjusted.
        public let comparison: MeanComparison
        /// The p-value adjusted across variants by the chosen correction.
        public let adjustedPValue: Double
        /// The mSPRT at this look alone (not adjusted across variants).
        public let sequential: SequentialLook
    }

    /// The options used.
    public let options: Options
    /// The level of every interval: the family-wise level spread over the variants.
    public let intervalLevel: Double
    /// The control's summary.
    public let control: SampleSummary
    /// The variants, in the order given.
    public let variants: [Variant]
    /// The sample-ratio check over all arms' actor counts, control first.
    public let sampleRatio: SampleRatioMismatch
    /// The mSPRT mixing variance actually used.
    public let mixingVariance: Double

    /// Analyses an experiment on a continuous metric.
    ///
    /// - Parameters:
    ///   - control: The control arm's summary (`SampleSummary(values)`).
    ///   - variants: One or more variant arms.
    ///   - options: Levels, correction, intended split, thresholds.
    /// - Throws: `ExperimentError` when there is no variant, an arm has fewer than 2 actors,
    ///   no τ² can be chosen (a constant control at 0 and no `mixingVariance`), or an option
    ///   is out of range.
    public static func analyze(control: SampleSummary, variants: [SampleSummary],
                               options: Options = Options()) throws(ExperimentError) -> MeanExperiment
    {
        guard !variants.isEmpty else { throw .invalidArgument("an experiment needs at least one variant") }
        try ExperimentError.checkLevel(options.level)
        let sampleRatio = try SampleRatioMismatch.test(observed: [control.count] + variants.map(\.count),
                                                       weights: options.weights,
                                                       threshold: options.mismatchThreshold)
        let level = options.correction.intervalLevel(options.level, comparisons: variants.count)
        var comparisons: [MeanComparison] = []
        for variant in variants {
            comparisons.append(try MeanComparison.welch(control: control, variant: variant, level: level))
        }
        let baseline = control.mean != 0 ? abs(control.mean) : control.variance.squareRoot()
        let tau2 = options.mixingVariance ?? MixtureSPRT.mixingVariance(baseline: baseline)
        let sprt = try MixtureSPRT(mixingVariance: tau2)
        let adjusted = options.correction.adjust(comparisons.map(\.pValue))
        let results = variants.indices.map { index in
            Variant(comparison: comparisons[index], adjustedPValue: adjusted[index],
                    sequential: sprt.look(control: control, variant: variants[index]))
        }
        return MeanExperiment(options: options, intervalLevel: level, control: control, variants: results,
                              sampleRatio: sampleRatio, mixingVariance: tau2)
    }
}
