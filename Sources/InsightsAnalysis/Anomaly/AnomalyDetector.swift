#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-point output of a batch detector over one evenly spaced series.
public struct AnomalyScores: Sendable, Equatable {
    /// The detector's statistic per point: 0 or more, larger is more anomalous, comparable
    /// across points of the series (not across detectors). NaN where the point is missing.
    public var score: [Double]
    /// What the detector expected at each point (NaN when it has no expectation).
    public var expected: [Double]
    /// The detector's scale of normal variation at each point, in the series' units, so
    /// `expected ± k·spread` is an "expected range".
    public var spread: [Double]

    public init(score: [Double], expected: [Double], spread: [Double]) {
        precondition(score.count == expected.count && score.count == spread.count, "columns must have one length")
        self.score = score
        self.expected = expected
        self.spread = spread
    }
}

/// A batch detector: looks at a whole window of one series (it may use points after t to
/// judge t) and scores every point. One detector per file, all behind this protocol.
public protocol AnomalyDetector: Sendable {
    /// A short name for output (`residual`, `level_shift`, `esd`).
    var name: String { get }
    /// Scores `values` (evenly spaced; NaN is missing). `period` is the dominant seasonal
    /// period in steps when known (nil: none or unknown).
    func score(_ values: [Double], period: Int?) -> AnomalyScores
    /// The probability of a score at least this large at a normal point, under the
    /// detector's stated null model (a p-value; 1 for a missing score).
    func pValue(_ score: Double) -> Double
}

/// The two-sided standard normal tail, P(|Z| ≥ z).
func normalTwoSidedTail(_ z: Double) -> Double {
    z.isFinite ? erfc(z / 2.0.squareRoot()) : (z.isNaN ? 1 : 0)
}

/// Robust location and scale helpers shared by the detectors.
enum Robust {
    /// Median and normal-consistent MAD of the finite values; scale falls back to a small
    /// positive multiple of the mean absolute deviation, then to 1, so a flat series does not
    /// divide by zero (every change on a flat line is then large, as it should be).
    static func location(_ values: [Double]) -> (center: Double, scale: Double) {
        let finite = values.filter(\.isFinite).sorted()
        guard !finite.isEmpty else { return (.nan, .nan) }
        let center = median(sorted: finite)
        let deviations = finite.map { abs($0 - center) }.sorted()
        var scale = median(sorted: deviations) / 0.6744897501960817
        if !(scale > 0) {
            let mean = deviations.reduce(0, +) / Double(deviations.count)
            scale = mean > 0 ? mean * 1.2533141373155001 : 0
        }
        if !(scale > 0) { scale = max(abs(center) * 1e-6, 1e-12) }
        return (center, scale)
    }

    static func median(sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2])
    }

    /// Rolling median over `width` points (odd), centred, except near the ends where the
    /// window keeps its full width and sits against the edge (a shrinking window would see
    /// only part of a seasonal cycle there and be biased). NaN values are skipped. The
    /// window is kept sorted and updated by binary-search insert and remove: O(n·w).
    static func rollingMedian(_ values: [Double], width: Int) -> [Double] {
        let n = values.count
        let w = min(max(1, width), n), half = w / 2
        var result = [Double](repeating: .nan, count: n)
        guard n > 0 else { return result }
        var window: [Double] = []
        window.reserveCapacity(w + 1)
        func position(_ value: Double) -> Int {
            var low = 0, high = window.count
            while low < high {
                let mid = (low + high) / 2
                if window[mid] < value { low = mid + 1 } else { high = mid }
            }
            return low
        }
        // The window for i is [lo(i), lo(i) + w) with lo clamped to [0, n − w].
        var lo = 0
        for j in 0..<w where values[j].isFinite { window.insert(values[j], at: position(values[j])) }
        for i in 0..<n {
            let target = min(max(0, i - half), n - w)
            while lo < target {
                if values[lo].isFinite { window.remove(at: position(values[lo])) }
                let entering = lo + w
                if values[entering].isFinite { window.insert(values[entering], at: position(values[entering])) }
                lo += 1
            }
            if !window.isEmpty { result[i] = median(sorted: window) }
        }
        return result
    }
}
