import InsightsNumerics

/// One detected change: where the new segment starts, how large the change is and how
/// significant it looks on its own.
public struct ChangePoint: Sendable, Equatable {
    /// The index (in the input, NaN positions counted) of the first value of the new segment.
    public let index: Int
    /// The change: mean after − mean before (``ChangePointDetection/meanShifts(_:penaltyFactor:minimumSegment:)``)
    /// or slope after − slope before, per step (``ChangePointDetection/slopeChanges(_:penaltyFactor:minimumSegment:)``).
    public let size: Double
    /// `size / (σ̂·√(…))` for the two adjacent segments: `√(1/n₁ + 1/n₂)` for a mean,
    /// `√(1/Sₜₜ₁ + 1/Sₜₜ₂)` for a slope (Sₜₜ the centred sum of squares of time).
    public let statistic: Double
    /// Two-sided normal p-value of `statistic`. Nominal: it treats the location as given
    /// and the noise as independent, so it overstates significance after a search.
    public let pValue: Double
}

/// Penalised multiple change-point detection by PELT, and the best single split.
///
/// Segmentation: minimise `Σ_segments C(segment) + β·(number of changes)` exactly with
/// PELT (pruned exact linear time; Killick, Fearnhead & Eckley, *JASA* 107 (2012) 1590–1598),
/// whose result equals optimal partitioning's (Jackson et al. 2005). The search in mean adds
/// functional pruning (FPOP; Maidstone, Eckley, Fearnhead & Rigaill, *Stat. Comput.* 27 (2017)
/// 519–533), which keeps PELT's segmentation and keeps a long stretch without a change from
/// costing O(n²).
/// - Noise scale: `σ̂ = MAD(Δy)/(Φ⁻¹(3/4)·√2)`, the normal-consistent MAD of the first
///   differences (a level shift or a slope moves only one difference, or none of their
///   spread), so the changes themselves do not inflate it. If it is 0 (differences mostly
///   equal) the standard deviation of the differences /√2 is used instead.
/// - Cost: the Gaussian −2 log-likelihood with known variance, `C = RSS(segment)/σ̂²`, RSS
///   about the segment mean (mean model) or the segment's least-squares line (slope model).
/// - Penalty: BIC-type `β = p·log n`, p the parameters a change adds: 2 for a mean change
///   (new mean, location), 3 for a slope change (new intercept, new slope, location). The
///   `penaltyFactor` arguments override p.
/// Assumes independent Gaussian noise; seasonality or strong autocorrelation appears as
/// many changes (remove the season first).
public enum ChangePointDetection {
    /// The result of a segmentation.
    public struct Segmentation: Sendable, Equatable {
        /// The changes, in time order.
        public let changePoints: [ChangePoint]
        /// σ̂, the noise scale used.
        public let noiseScale: Double
        /// β, the penalty per change.
        public let penalty: Double
    }

    /// Changes in mean (piecewise-constant model).
    ///
    /// - Parameters:
    ///   - values: The series; NaN values are dropped (indices still refer to `values`).
    ///   - penaltyFactor: p in `β = p·log n`; 2 by default.
    ///   - minimumSegment: The shortest segment, ≥ 1; 2 by default.
    /// - Throws: `TrendError` with fewer than 2·`minimumSegment` observed values.
    /// - Complexity: O(n·c), c the boundaries kept per step: few when changes are frequent
    ///   (PELT's rule) and, through functional pruning, about 125 on 10,000 values without a
    ///   change; O(n²) worst case.
    public static func meanShifts(_ values: [Double], penaltyFactor: Double = 2,
                                  minimumSegment: Int = 2) throws(TrendError) -> Segmentation {
        precondition(minimumSegment >= 1, "minimum segment must be at least 1")
        let (indices, y) = observed(values)
        guard y.count >= 2 * minimumSegment else {
            throw .tooFewPoints("change-point detection", observed: y.count, required: 2 * minimumSegment)
        }
        let sums = SegmentSums(y)
        let sigma = noiseScale(y)
        let penalty = penaltyFactor * log(Double(y.count))
        // A constant series (or constant differences) has nothing to segment.
        guard sigma > 0 else { return Segmentation(changePoints: [], noiseScale: sigma, penalty: penalty) }
        let bounds = meanSearch(sums: sums, sigma: sigma, penalty: penalty, minimumSegment: minimumSegment).bounds
        var points: [ChangePoint] = []
        for i in bounds.indices.dropFirst().dropLast() {
            let (s, c, e) = (bounds[i - 1], bounds[i], bounds[i + 1])
            let size = sums.mean(c, e) - sums.mean(s, c)
            let z = size / (sigma * (1 / Double(c - s) + 1 / Double(e - c)).squareRoot())
            points.append(ChangePoint(index: indices[c], size: size, statistic: z, pValue: 2 * Normal().survival(abs(z))))
        }
        return Segmentation(changePoints: points, noiseScale: sigma, penalty: penalty)
    }

    /// Changes in slope (piecewise-linear model, each segment with its own line; time is the index).
    ///
    /// - Parameters:
    ///   - values: The series; NaN values are dropped (indices still refer to `values`).
    ///   - penaltyFactor: p in `β = p·log n`; 3 by default.
    ///   - minimumSegment: The shortest segment, ≥ 3; 3 by default.
    /// - Throws: `TrendError` with fewer than 2·`minimumSegment` observed values.
    /// - Complexity: O(n) expected with pruning, O(n²) worst case.
    public static func slopeChanges(_ values: [Double], penaltyFactor: Double = 3,
                                    minimumSegment: Int = 3) throws(TrendError) -> Segmentation {
        precondition(minimumSegment >= 3, "a line needs segments of at least 3 points")
        let (indices, y) = observed(values)
        guard y.count >= 2 * minimumSegment else {
            throw .tooFewPoints("slope change-point detection", observed: y.count, required: 2 * minimumSegment)
        }
        let sums = SegmentSums(y, times: indices.map(Double.init))
        let sigma = noiseScale(y)
        let penalty = penaltyFactor * log(Double(y.count))
        // A constant series (or constant differences) has nothing to segment.
        guard sigma > 0 else { return Segmentation(changePoints: [], noiseScale: sigma, penalty: penalty) }
        let bounds = pelt(count: y.count, penalty: penalty, minimumSegment: minimumSegment,
                          cost: LineCost(sums: sums, variance: sigma * sigma)).bounds
        var points: [ChangePoint] = []
        for i in bounds.indices.dropFirst().dropLast() {
            let (s, c, e) = (bounds[i - 1], bounds[i], bounds[i + 1])
            let size = sums.slope(c, e) - sums.slope(s, c)
            let z = size / (sigma * (1 / sums.timeSS(s, c) + 1 / sums.timeSS(c, e)).squareRoot())
            points.append(ChangePoint(index: indices[c], size: size, statistic: z, pValue: 2 * Normal().survival(abs(z))))
        }
        return Segmentation(changePoints: points, noiseScale: sigma, penalty: penalty)
    }

    /// The positions and values of the non-NaN entries.
    static func observed(_ values: [Double]) -> (indices: [Int], values: [Double]) {
        let indices = values.indices.filter { !values[$0].isNaN }
        return (indices, indices.map { values[$0] })
    }

    /// `MAD(Δy)/(Φ⁻¹(3/4)·√2)`, or the standard deviation of Δy /√2 when that is 0.
    static func noiseScale(_ y: [Double]) -> Double {
        let differences = zip(y.dropFirst(), y).map { $0 - $1 }
        let mad = Statistics.medianAbsoluteDeviation(differences, scale: .normal) / 2.0.squareRoot()
        if mad > 0 { return mad }
        return Statistics.standardDeviation(differences) / 2.0.squareRoot()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
