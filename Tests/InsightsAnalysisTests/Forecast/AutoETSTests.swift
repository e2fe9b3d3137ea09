import Foundation
import InsightsAnalysis
import InsightsNumerics
import Testing
import TestSupport

/// AutoETS selection against statsmodels fits of every candidate (etsSelectionReference, from
/// bench/reference/ets_statsmodels.py), plus the candidate rules and the simulated intervals.
@Suite("AutoETS")
struct AutoETSTests {
    /// Our selected model's AICc is no worse than the best statsmodels candidate's (AICc under
    /// forecast::ets' parameter count), within 1e-4 relative, and is the same model, on the
    /// series where our fits reach statsmodels' optima (Nile, m = 1; Australian beer, m = 4).
    @Test("Selects the smallest-AICc model", arguments: ["classic:nile_yearly", "classic:ausbeer_quarterly"])
    func selection(_ source: String) throws {
        let reference = try #require(etsSelectionReference.first { $0.source == source })
        let y = try ETSReferenceTests.series(source)
        let auto = AutoETS(period: reference.period)
        #expect(auto.candidates(for: y).count == reference.fits.count)
        let fit = try auto.fit(y)
        let best = try #require(reference.fits.min { $0.2 < $1.2 })
        #expect(fit.aicc <= best.2 + 1e-4 * abs(best.2), "ours \(fit.specification) \(fit.aicc), statsmodels \(best)")
        let name = fit.specification.description
            .replacingOccurrences(of: "ETS(", with: "").replacingOccurrences(of: ")", with: "")
            .replacingOccurrences(of: ",", with: "")
        #expect(name == best.0)
    }

    @Test("Candidate rules: seasonal only for 1 < m ≤ 24 with two cycles; multiplicative only on positive data")
    func candidateRules() {
        let positive = (0..<100).map { 10 + sin(Double($0)) }
        #expect(AutoETS(period: 1).candidates(for: positive).count == 6)
        #expect(AutoETS(period: 12).candidates(for: positive).count == 15)
        #expect(AutoETS(period: 168).candidates(for: positive).count == 6)
        #expect(AutoETS(period: 12).candidates(for: Array(positive.prefix(23))).count == 6)
        let signed = positive.map { $0 - 10 }
        #expect(AutoETS(period: 12).candidates(for: signed).count == 6)
        #expect(AutoETS(period: 12).candidates(for: signed).allSatisfy { $0.error == .additive })
    }

    /// The simulated intervals of a linear model converge on its analytic ones: 20 000 paths of
    /// ETS(A,A,A) on the airline data at statsmodels' estimates, 95% bounds within 2% of the
    /// half-width (Monte Carlo error of a 2.5% quantile from 20 000 draws is about 0.6%).
    @Test("Simulated intervals agree with analytic ones for ETS(A,A,A)")
    func simulationMatchesAnalytic() throws {
        let c = try #require(etsReferenceCases.first { $0.name == "airpassengers AAA" })
        let y = try ETSReferenceTests.series(c.source)
        let fit = ETSFit(y, specification: ETSReferenceTests.specification(c),
                         parameters: ETSReferenceTests.parameters(c))
        let horizon = 24, paths = 20_000
        let analytic = try #require(fit.forecast(horizon: horizon, levels: [0.95]).band(0.95))
        let samples = fit.simulate(horizon: horizon, paths: paths, seed: 42)
        for h in [0, 11, 23] {
            let column = samples[(h * paths)..<((h + 1) * paths)]
            let halfWidth = analytic.upper[h] - fit.pointForecast(horizon: horizon)[h]
            #expect(abs(Statistics.quantile(column, 0.975) - analytic.upper[h]) <= 0.02 * halfWidth)
            #expect(abs(Statistics.quantile(column, 0.025) - analytic.lower[h]) <= 0.02 * halfWidth)
        }
    }

    @Test("Multiplicative models get simulated bands around the point forecast, reproducibly")
    func multiplicativeBands() throws {
        let y = try ETSReferenceTests.series("classic:airpassengers_monthly")
        let model = ETSModel(ETSSpecification(error: .multiplicative, trend: .none, season: .multiplicative, period: 12))
        let a = try model.forecast(y, horizon: 12, levels: [0.8, 0.95])
        let b = try model.forecast(y, horizon: 12, levels: [0.8, 0.95])
        #expect(a == b)
        let b80 = try #require(a.band(0.8)), b95 = try #require(a.band(0.95))
        for h in 0..<12 {
            #expect(b95.lower[h] < b80.lower[h] && b80.lower[h] < a.mean[h])
            #expect(a.mean[h] < b80.upper[h] && b80.upper[h] < b95.upper[h])
        }
    }

    /// The parallel batch gives the same fits as one-by-one fitting, in input order.
    @Test("fitMany matches fit, in order")
    func batch() throws {
        let all = try M4Hourly.firstSeries(3)
        let series = [try ETSReferenceTests.series("classic:nile_yearly")] + all.prefix(3).map { Array($0.suffix(96)) }
        let auto = AutoETS(period: 4)
        let many = auto.fitMany(series)
        #expect(many.count == series.count)
        for (y, result) in zip(series, many) {
            let single = try auto.fit(y)
            let batched = try result.get()
            #expect(batched.specification == single.specification)
            #expect(batched.logLikelihood == single.logLikelihood)
        }
    }
}
