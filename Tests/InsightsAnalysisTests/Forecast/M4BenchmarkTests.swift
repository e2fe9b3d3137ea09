import InsightsAnalysis
import Testing
import TestSupport

/// The M4 Hourly developer split (276 series, h = 48, m = 24): the metric code on the M4 team's
/// own benchmark forecasts, and the baseline models, against the official scores in
/// `benchmark_metrics_subset.csv` (given to three decimals, so a computed value must round to
/// it: tolerance 0.0005 plus the forecast files' 10-significant-digit rounding).
struct M4BenchmarkTests {
    static let tolerance = 0.0006

    struct Data {
        let train: [M4Reference.Series]
        let test: [M4Reference.Series]
        let scales: [Double]
    }

    /// Read once; a missing file fails each test that needs it instead of the whole run.
    static let loaded = Result { () throws -> Data in
        let train = try M4Reference.series("m4/Hourly-train.csv")
        let test = try M4Reference.series("m4/Hourly-test.csv")
        let scales = train.map { ForecastMetrics.maseScale(history: $0.values, period: M4Reference.season) }
        return Data(train: train, test: test, scales: scales)
    }

    static var data: Data { get throws { try loaded.get() } }

    /// Set-level sMAPE and MASE (plain means over series) of `forecasts`, one per series.
    static func scores(_ forecasts: [[Double]]) throws -> (smape: Double, mase: Double) {
        let d = try data
        var smape = 0.0, mase = 0.0
        for i in d.test.indices {
            smape += ForecastMetrics.smape(actual: d.test[i].values, forecast: forecasts[i])
            mase += ForecastMetrics.mase(actual: d.test[i].values, forecast: forecasts[i], scale: d.scales[i])
        }
        let n = Double(d.test.count)
        return (smape / n, mase / n)
    }

    static func official(_ method: String) throws -> [[Double]] {
        let series = try M4Reference.series("m4/benchmark_forecasts/Hourly-\(method).csv")
        #expect(try series.map(\.id) == data.train.map(\.id), "forecast rows in series order")
        return series.map(\.values)
    }

    @Test func splitHasTheDocumentedShape() throws {
        let data = try Self.data
        #expect(data.train.count == 276)
        #expect(data.test.map(\.id) == data.train.map(\.id))
        #expect(data.test.allSatisfy { $0.values.count == 48 })
        #expect(Set(data.train.map(\.values.count)) == [700, 960])
    }

    /// The metric code alone: M4's forecast files give M4's published subset scores.
    @Test(arguments: ["Naive", "sNaive", "Naive2", "SES"])
    func officialForecastsGiveOfficialScores(method: String) throws {
        let reference = try #require(try M4Reference.officialScores()[method])
        let naive2 = try Self.scores(try Self.official("Naive2"))
        let computed = try Self.scores(try Self.official(method))
        let owa = ForecastMetrics.owa(smape: computed.smape, mase: computed.mase,
                                      naive2Smape: naive2.smape, naive2Mase: naive2.mase)
        #expect(abs(computed.smape - reference.smape) <= Self.tolerance, "sMAPE \(computed.smape)")
        #expect(abs(computed.mase - reference.mase) <= Self.tolerance, "MASE \(computed.mase)")
        #expect(abs(owa - reference.owa) <= Self.tolerance, "OWA \(owa)")
    }

    static func forecasts(_ model: some ForecastModel) throws -> [[Double]] {
        try data.train.map { try model.forecast($0.values, horizon: M4Reference.horizon, levels: []).mean }
    }

    static let models: [(any ForecastModel, String)] = [
        (Naive(), "Naive"), (SeasonalNaive(period: 24), "sNaive"), (Naive2(period: 24), "Naive2"),
    ]

    /// Our models give M4's forecasts value by value (the files hold 10 significant digits).
    @Test(arguments: 0..<3)
    func modelsReproduceOfficialForecasts(index: Int) throws {
        let (model, method) = Self.models[index]
        let ours = try Self.forecasts(model)
        let theirs = try Self.official(method)
        var worst = 0.0
        for (a, b) in zip(ours, theirs) {
            #expect(a.count == b.count)
            for (x, y) in zip(a, b) { worst = max(worst, abs(x - y) / abs(y)) }
        }
        #expect(worst < 1e-9, "\(method): largest relative difference \(worst)")
    }

    /// Our models' set-level scores equal M4's, with OWA relative to our own Naive2.
    @Test(arguments: 0..<3)
    func modelsReproduceOfficialScores(index: Int) throws {
        let (model, method) = Self.models[index]
        let reference = try #require(try M4Reference.officialScores()[method])
        let computed = try Self.scores(try Self.forecasts(model))
        let naive2 = try Self.scores(try Self.forecasts(Naive2(period: 24)))
        let owa = ForecastMetrics.owa(smape: computed.smape, mase: computed.mase,
                                      naive2Smape: naive2.smape, naive2Mase: naive2.mase)
        #expect(abs(computed.smape - reference.smape) <= Self.tolerance, "sMAPE \(computed.smape)")
        #expect(abs(computed.mase - reference.mase) <= Self.tolerance, "MASE \(computed.mase)")
        #expect(abs(owa - reference.owa) <= Self.tolerance, "OWA \(owa)")
    }
}
