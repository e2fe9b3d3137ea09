import InsightsNumerics
import Testing
import TestSupport

/// The Wilson score interval against statsmodels 0.15
/// (`statsmodels.stats.proportion.proportion_confint(x, n, alpha=1 - level, method='wilson')`),
/// values printed with `repr` and written here. Relative tolerance 1e-12 (exact 0 and 1 ends
/// compared exactly).
struct WilsonIntervalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let successes: Int, trials: Int, level: Double, low: Double, high: Double
        var testDescription: String { "\(successes)/\(trials) at \(level)" }
    }

    static let cases: [Case] = [
        Case(successes: 0, trials: 10, level: 0.95, low: 0.0, high: 0.27753279986288926),
        Case(successes: 1, trials: 10, level: 0.95, low: 0.017876213095072924, high: 0.40415002679523854),
        Case(successes: 5, trials: 10, level: 0.95, low: 0.23659309051256394, high: 0.7634069094874361),
        Case(successes: 10, trials: 10, level: 0.95, low: 0.7224672001371106, high: 1.0),
        Case(successes: 2497, trials: 4139, level: 0.95, low: 0.5882927195375073, high: 0.6180873721214638),
        Case(successes: 1, trials: 1, level: 0.95, low: 0.2065493143772374, high: 1.0),
        Case(successes: 37, trials: 400, level: 0.95, low: 0.06785393449857381, high: 0.12489858538387787),
        Case(successes: 3, trials: 7, level: 0.90, low: 0.186443190363956, high: 0.7105229089864071),
        Case(successes: 999, trials: 1000, level: 0.99, low: 0.9915394337800183, high: 0.9998825836463816),
    ]

    @Test(arguments: cases)
    func matchesStatsmodels(_ reference: Case) {
        let interval = Proportion.wilsonInterval(successes: reference.successes, trials: reference.trials,
                                                 level: reference.level)
        for (value, expected) in [(interval.low, reference.low), (interval.high, reference.high)] {
            if expected == 0 || expected == 1 {
                #expect(value == expected)
            } else {
                #expect(Accuracy.relativeError(value, expected) <= 1e-12, "\(value) vs \(expected)")
            }
        }
    }

    @Test func noTrialsGiveNaN() {
        let interval = Proportion.wilsonInterval(successes: 0, trials: 0)
        #expect(interval.low.isNaN && interval.high.isNaN)
    }
}
