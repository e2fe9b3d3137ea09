import InsightsAnalysis
import InsightsNumerics
import Testing

/// The batched fit (one QR, GEMMs, moving-sum HAC) against per-series `TrendAnalysis.fit`,
/// which is itself checked against statsmodels: agreement to 1e-10 relative.
struct BatchedTrendTests {
    @Test(arguments: [SeasonalTerms.none, .fourier(period: 12, harmonics: 2), .dummies(period: 12)])
    func batchedEqualsPerSeries(_ seasonal: SeasonalTerms) throws {
        let n = 100
        var columns = [
            try ClassicSeries.values("nile_yearly"),
            Array(try ClassicSeries.values("airpassengers_monthly").prefix(n)),
            Array(try ClassicSeries.values("elnino_sst_monthly").prefix(n)),
            Array(try ClassicSeries.values("wineind_monthly").prefix(n)),
        ]
        // One series with gaps goes through the per-series path.
        var gappy = columns[1]
        gappy[10] = .nan; gappy[57] = .nan
        columns.append(gappy)
        let options = TrendOptions(seasonal: seasonal)
        let batched = TrendAnalysis.fitBatched(Matrix(columns: columns), options: options)
        #expect(batched.count == columns.count)
        for (c, column) in columns.enumerated() {
            let single = try TrendAnalysis.fit(column, options: options).estimate
            let estimate = try batched[c].get()
            #expect(estimate.hacLags == single.hacLags)
            #expect(estimate.observationCount == single.observationCount)
            for j in single.coefficients.indices {
                #expect(close(estimate.coefficients[j], single.coefficients[j], 1e-10),
                        "series \(c) coefficient \(j): \(estimate.coefficients[j]) vs \(single.coefficients[j])")
                #expect(close(estimate.standardErrors[j], single.standardErrors[j], 1e-10),
                        "series \(c) se \(j): \(estimate.standardErrors[j]) vs \(single.standardErrors[j])")
            }
        }
    }

    @Test func aShortSeriesFailsAloneInTheBatch() throws {
        var short = [Double](repeating: .nan, count: 20)
        short[3] = 1; short[9] = 2
        let good = (0..<20).map { Double($0) * 0.5 + ($0 % 3 == 0 ? 1 : 0) }
        let results = TrendAnalysis.fitBatched(Matrix(columns: [good, short]))
        #expect(abs(try results[0].get().slope - 0.5) < 0.1)
        guard case .failure(let error) = results[1] else { Issue.record("expected a failure"); return }
        #expect(error.isTooFewPoints)
    }
}

