#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import InsightsNumerics

/// Platt-style calibration: P(abnormal | s₁…s_k) = 1 / (1 + exp(−(c₀ + Σ cⱼ·log sⱼ))) fitted
/// by maximum likelihood (Newton–Raphson, Cholesky solves of the Hessian) to detector scores
/// with known labels (J. Platt, "Probabilistic outputs for support vector machines", 1999;
/// log sⱼ as inputs because detector scores are ratios to a scale, floored at 1e-3).
public enum LogisticCalibration {
    /// The feature of one score.
    public static func feature(_ score: Double) -> Double {
        log(max(score.isFinite ? score : 0, 1e-3))
    }

    /// Maximum-likelihood coefficients [c₀, c₁, …, c_k] for rows of k scores.
    public static func fit(scores: [[Double]], labels: [Bool]) throws(LinearAlgebraError) -> [Double] {
        let k = scores.first?.count ?? 0
        let rows = scores.map { [1] + $0.map(feature) }
        let positives = labels.filter { $0 }.count
        var c = [Double](repeating: 0, count: k + 1)
        guard positives > 0, positives < labels.count else { return c }
        c[0] = log(Double(positives) / Double(labels.count - positives))
        for _ in 0..<100 {
            var gradient = [Double](repeating: 0, count: k + 1)
            var hessian = Matrix(rows: k + 1, columns: k + 1)
            for (x, y) in zip(rows, labels) {
                let eta = zip(c, x).reduce(0) { $0 + $1.0 * $1.1 }
                let p = 1 / (1 + exp(-eta))
                let w = max(p * (1 - p), 1e-12)
                for i in 0...k {
                    gradient[i] += ((y ? 1 : 0) - p) * x[i]
                    for j in 0...k { hessian[i, j] += w * x[i] * x[j] }
                }
            }
            let step = try Cholesky(hessian).solve(gradient)
            for i in 0...k { c[i] += step[i] }
            if step.reduce(0, { $0 + abs($1) }) < 1e-10 { break }
        }
        return c
    }

    /// The probability for one row of scores under coefficients `c`.
    public static func probability(_ scores: [Double], coefficients c: [Double]) -> Double {
        precondition(scores.count + 1 == c.count, "one coefficient per score plus the intercept")
        let eta = c[0] + zip(c.dropFirst(), scores).reduce(0) { $0 + $1.0 * feature($1.1) }
        return 1 / (1 + exp(-eta))
    }
}
