/// The forecasting models the command line can name, each made from the series' season.
///
/// To offer a new model, add one `Entry` to ``entries``; `insights eval m4 --model NAME` and
/// every other command that takes a model name look it up here.
public enum ForecastModelRegistry {
    /// One named model.
    public struct Entry: Sendable {
        /// The name users type (`--model NAME`), lowercase.
        public let name: String
        /// A one-line description for help text.
        public let summary: String
        /// Makes the model for a series with seasonal period `season` (≥ 1; 1 when none).
        public let make: @Sendable (_ season: Int) -> any ForecastModel

        public init(name: String, summary: String, make: @escaping @Sendable (_ season: Int) -> any ForecastModel) {
            self.name = name
            self.summary = summary
            self.make = make
        }
    }

    /// Every model, in the order help lists them.
    public static let entries: [Entry] = [
        Entry(name: "naive", summary: "last value (random walk)") { _ in Naive() },
        Entry(name: "snaive", summary: "value one season earlier") { SeasonalNaive(period: $0) },
        Entry(name: "naive2", summary: "naive on the seasonally adjusted series (M4 benchmark)") { Naive2(period: $0) },
        Entry(name: "drift", summary: "random walk with drift") { _ in Drift() },
        Entry(name: "ets", summary: "exponential smoothing state space, chosen by AICc (AutoETS)") { AutoETS(period: $0) },
        Entry(name: "theta", summary: "standard Theta on the M4-adjusted series") { Theta(period: $0) },
        Entry(name: "otm", summary: "Theta with theta chosen by in-sample MSE") { Theta.optimised(period: $0) },
        Entry(name: "mstl", summary: "MSTL seasons repeated, Theta on the rest (logs)") { MSTLForecast(periods: periods(season: $0)) },
        Entry(name: "dhr", summary: "trend + Fourier terms per period, AR(1) errors (logs)") {
            DynamicHarmonicRegression(periods: periods(season: $0))
        },
        Entry(name: "ensemble", summary: "median of the 3 best-validated of theta, otm, mstl, snaive") { ensemble(season: $0) },
        Entry(name: "auto", summary: "the default: the ensemble with conformal intervals from rolling-origin backtests") {
            ConformalForecaster(ensemble(season: $0), windows: 20, spacing: 12)
        },
    ]

    /// The seasonal periods a model with several seasons uses for a series of period
    /// `season`: hourly data (24) also gets the weekly period 168.
    public static func periods(season: Int) -> [Int] {
        season == 24 ? [24, 168] : [season]
    }

    /// The default ensemble's members for period `season`.
    public static func ensemble(season: Int) -> Ensemble {
        Ensemble(members: [Theta(period: season), Theta.optimised(period: season),
                           MSTLForecast(periods: periods(season: season)), SeasonalNaive(period: season)])
    }

    /// The names of ``entries``, in order.
    public static var names: [String] { entries.map(\.name) }

    /// The entry called `name`, if any.
    public static func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }
}
