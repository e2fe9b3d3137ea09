import InsightsNumerics

/// Anomalies in behavior series that respect what they are made of: a conversion rate is
/// successes out of trials, an event rate is a count. A drop from 40 % to 30 % among 50
/// users is within binomial noise; the same drop among 50,000 is not, and the scores say so.
///
/// Each period t is compared with a baseline of earlier periods: the `baseline` periods just
/// before it, or with `season` s the periods t − s, t − 2s, … (same weekday on daily data).
/// - Rates: pooled baseline rate p₀ = Σk/Σn; overdispersion φ = max(1, X²/(m − 1)) from the
///   baseline's Pearson X² = Σ (kᵢ − nᵢp₀)²/(nᵢp₀(1 − p₀)) over its m periods (quasi-binomial:
///   day-to-day variation beyond binomial noise widens the band instead of raising alarms);
///   z = (k − np₀) / √(np₀(1 − p₀)·φ·(1 + n/Σn)), the last factor for p₀'s own uncertainty.
/// - Counts (with optional exposure e, e.g. active users): λ = Σc/Σe, μ = λe, φ from the
///   Pearson X² = Σ (cᵢ − λeᵢ)²/(λeᵢ) (quasi-Poisson), z = (c − μ)/√(μ·φ·(1 + e/Σe)).
/// - p-value: two-sided normal; q-values by Benjamini–Hochberg over the scored periods;
///   flagged when q ≤ `fdr`. A baseline rate of exactly 0 or 1 is moved by half a count.
/// A period is not scored (NaN) with fewer than `minimumBaseline` baseline periods that have
/// trials (or exposure), or with no trials itself.
public enum CountAnomalies {
    public struct Options: Sendable {
        public var baseline: Int
        public var season: Int?
        public var minimumBaseline: Int
        public var fdr: Double

        public init(baseline: Int = 28, season: Int? = nil, minimumBaseline: Int = 7, fdr: Double = 0.05) {
            precondition(baseline >= 2 && minimumBaseline >= 2 && minimumBaseline <= baseline, "baseline sizes")
            precondition(season.map { $0 >= 1 } ?? true, "season must be at least 1")
            self.baseline = baseline
            self.season = season
            self.minimumBaseline = minimumBaseline
            self.fdr = fdr
        }
    }

    /// One period's score.
    public struct Score: Sendable, Equatable {
        /// The observed rate (k/n) or count.
        public let observed: Double
        /// The baseline's rate, or the expected count μ.
        public let expected: Double
        /// The overdispersion factor φ ≥ 1 of the baseline.
        public let dispersion: Double
        public let z: Double
        public let pValue: Double
        /// Benjamini–Hochberg q-value among the scored periods.
        public let qValue: Double
        public let flagged: Bool

        static let unscored = Score(observed: .nan, expected: .nan, dispersion: .nan, z: .nan, pValue: .nan,
                                    qValue: .nan, flagged: false)
    }

    /// Scores a rate series: `successes[t]` out of `trials[t]`.
    public static func rates(successes: [Double], trials: [Double], options: Options = Options()) -> [Score] {
        precondition(successes.count == trials.count, "successes and trials of unequal length")
        return score(count: successes.count, options: options, hasData: { trials[$0] > 0 }) { t, baseline in
            let k = baseline.reduce(0) { $0 + successes[$1] }, n = baseline.reduce(0) { $0 + trials[$1] }
            var p0 = k / n
            if p0 <= 0 || p0 >= 1 { p0 = (k + 0.5) / (n + 1) }
            let chi = baseline.reduce(0) { sum, i in
                let e = trials[i] * p0
                return sum + (successes[i] - e) * (successes[i] - e) / (e * (1 - p0))
            }
            let phi = max(1, chi / Double(baseline.count - 1))
            let variance = trials[t] * p0 * (1 - p0) * phi * (1 + trials[t] / n)
            return (successes[t] / trials[t], p0, phi, (successes[t] - trials[t] * p0) / variance.squareRoot())
        }
    }

    /// Scores a count series, optionally per unit of `exposure` (default 1 per period).
    public static func counts(_ counts: [Double], exposure: [Double]? = nil, options: Options = Options()) -> [Score] {
        let exposure = exposure ?? [Double](repeating: 1, count: counts.count)
        precondition(exposure.count == counts.count, "counts and exposure of unequal length")
        return score(count: counts.count, options: options, hasData: { exposure[$0] > 0 }) { t, baseline in
            let c = baseline.reduce(0) { $0 + counts[$1] }, e = baseline.reduce(0) { $0 + exposure[$1] }
            let lambda = c > 0 ? c / e : 0.5 / e
            let chi = baseline.reduce(0) { sum, i in
                let mu = lambda * exposure[i]
                return sum + (counts[i] - mu) * (counts[i] - mu) / mu
            }
            let phi = max(1, chi / Double(baseline.count - 1))
            let mu = lambda * exposure[t]
            return (counts[t], mu, phi, (counts[t] - mu) / (mu * phi * (1 + exposure[t] / e)).squareRoot())
        }
    }

    /// The shared walk: baseline periods per t, z from `measure`, then p- and q-values.
    private static func score(count: Int, options: Options, hasData: (Int) -> Bool,
                              measure: (Int, [Int]) -> (observed: Double, expected: Double, phi: Double, z: Double))
        -> [Score] {
        let stride = options.season ?? 1
        var partial = [(observed: Double, expected: Double, phi: Double, z: Double)?](repeating: nil, count: count)
        for t in 0..<count where hasData(t) {
            let baseline = (1...options.baseline).map { t - $0 * stride }.filter { $0 >= 0 && hasData($0) }
            guard baseline.count >= options.minimumBaseline else { continue }
            partial[t] = measure(t, baseline)
        }
        let scored = partial.indices.filter { partial[$0].map { $0.z.isFinite } ?? false }
        let pValues = scored.map { 2 * Normal().survival(abs(partial[$0]!.z)) }
        let qValues = FalseDiscoveryRate.adjusted(pValues)
        var result = [Score](repeating: .unscored, count: count)
        for (position, t) in scored.enumerated() {
            let one = partial[t]!
            result[t] = Score(observed: one.observed, expected: one.expected, dispersion: one.phi, z: one.z,
                              pValue: pValues[position], qValue: qValues[position], flagged: qValues[position] <= options.fdr)
        }
        return result
    }
}
