import Dispatch
import InsightsNumerics

/// Automatic ETS: fits every admissible candidate by maximum likelihood and keeps the one with
/// the smallest AICc (Hyndman, Koehler, Snyder & Grose 2002; HKOS 2008 §7.2; fpp3 §8.6;
/// `forecast::ets` and statsforecast's `AutoETS` do the same).
///
/// Candidates: error A and M, trend N, A and Ad, season N, A and M — 18 models, of which
/// - multiplicative components (error or season) only when every value is positive;
/// - seasonal models only when 1 < m ≤ `maximumPeriod` (24 by default, as `forecast::ets`
///   refuses m > 24: with m = 168 the m − 1 free seasonal states make the fit infeasible; use a
///   decomposition model for such seasons) and the series has at least 2m points;
/// - additive error with a multiplicative season (A,N,M), (A,A,M), (A,Ad,M) excluded, as
///   `forecast::ets(restrict = TRUE)` does (their forecast variance can be infinite);
/// - any model with n ≤ k + 1 (AICc undefined) skipped.
public struct AutoETS: ForecastModel {
    /// The seasonal period m (1 for none).
    public var period: Int
    /// The largest period for which seasonal candidates are tried.
    public var maximumPeriod: Int
    public var options: ETSFit.Options
    public var paths: Int
    public var seed: UInt64

    public init(period: Int = 1, maximumPeriod: Int = 24, options: ETSFit.Options = .init(),
                paths: Int = 1000, seed: UInt64 = 0x5EED) {
        precondition(period >= 1, "the period is at least 1")
        self.period = period
        self.maximumPeriod = maximumPeriod
        self.options = options
        self.paths = paths
        self.seed = seed
    }

    public var name: String { "ets" }

    /// The candidate specifications for `y` under the rules above.
    public func candidates(for y: [Double]) -> [ETSSpecification] {
        let positive = y.allSatisfy { $0 > 0 }
        let seasonal = period > 1 && period <= maximumPeriod && y.count >= 2 * period
        var out: [ETSSpecification] = []
        for error in [ETSSpecification.ErrorKind.additive, .multiplicative] where error == .additive || positive {
            for trend in [ETSSpecification.TrendKind.none, .additive, .damped] {
                var seasons: [ETSSpecification.SeasonKind] = [.none]
                if seasonal {
                    seasons.append(.additive)
                    if positive && error == .multiplicative { seasons.append(.multiplicative) }
                }
                for season in seasons {
                    let spec = ETSSpecification(error: error, trend: trend, season: season, period: period)
                    if y.count > spec.parameterCount + 1 { out.append(spec) }
                }
            }
        }
        return out
    }

    /// Fits every candidate and returns the fit with the smallest AICc.
    /// - Throws: `ForecastError` when no candidate can be fitted (too few points).
    public func fit(_ y: [Double]) throws(ForecastError) -> ETSFit {
        var best: ETSFit? = nil
        var lastError = ForecastError.tooShort(name, observed: y.count, required: 4)
        for spec in candidates(for: y) {
            let result = Result { () throws(ForecastError) in try ETSFit.fit(y, specification: spec, options: options) }
            switch result {
            case .success(let fit):
                if best == nil || fit.aicc < best!.aicc { best = fit }
            case .failure(let error):
                lastError = error
            }
        }
        guard let best else { throw lastError }
        return best
    }

    public func forecast(_ history: [Double], horizon: Int, levels: [Double]) throws(ForecastError) -> Forecast {
        try fit(history).forecast(horizon: horizon, levels: levels, paths: paths, seed: seed)
    }

    /// Selects and fits a model for each series, spreading the series over all cores with
    /// `DispatchQueue.concurrentPerform` while OpenBLAS runs single-threaded (one threading
    /// story: parallel over series). Results are in input order.
    public func fitMany(_ series: [[Double]]) -> [Result<ETSFit, ForecastError>] {
        var results = [Result<ETSFit, ForecastError>](repeating: .failure(ForecastError("not fitted")),
                                                      count: series.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot, and the buffer outlives
            // concurrentPerform, which returns after every iteration has finished.
            nonisolated(unsafe) let slots = buffer
            OpenBLAS.withSingleThread {
                DispatchQueue.concurrentPerform(iterations: series.count) { i in
                    slots[i] = Result { () throws(ForecastError) in try fit(series[i]) }
                }
            }
        }
        return results
    }
}
