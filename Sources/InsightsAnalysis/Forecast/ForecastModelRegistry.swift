/// The forecasting models the command line can name, each made from the series' season.
///
/// To offer a new model, add one `Entry` to ``entries``; `insights eval m4 --model NAME` and
/// every other command that takes a model name look it up here.
public enum ForecastModelRegistry {
    /// What a model is made for: the series' seasonal periods (empty when none), whether
    /// the multi-season models work in logarithms on positive series, and how much recent
    /// history the ensemble's members fit.
    public struct Setting: Sendable, Equatable {
        public var periods: [Int]
        public var logTransform: Bool
        /// The most recent observations each ensemble member fits (so also `auto`'s per-series
        /// fallback); `Int.max` for all of them.
        public var historyLimit: Int

        /// - Parameter historyLimit: nil for ``defaultHistoryLimit(periods:)``.
        public init(periods: [Int], logTransform: Bool = true, historyLimit: Int? = nil) {
            self.periods = periods
            self.logTransform = logTransform
            self.historyLimit = historyLimit ?? Self.defaultHistoryLimit(periods: periods)
        }

        /// Four cycles of the longest period, and never fewer than 4,032 observations (24 weeks
        /// of hours): enough for MSTL (two cycles) and the Theta seasonality test (three) at
        /// every backtest origin, while a series of 10,000 minutes with a daily period is fitted
        /// on its last 5,760. M4's hourly series (at most 1,008 values) are never cut.
        public static func defaultHistoryLimit(periods: [Int]) -> Int {
            max(4 * (periods.max() ?? 1), 4032)
        }

        /// The shortest period, the one single-season models use (1 when none).
        public var primary: Int { periods.min() ?? 1 }
    }

    /// One named model.
    public struct Entry: Sendable {
        /// The name users type (`--model NAME`), lowercase.
        public let name: String
        /// A one-line description for help text.
        public let summary: String
        /// Makes the model for a series with these periods.
        public let build: @Sendable (_ setting: Setting) -> any ForecastModel

        public init(name: String, summary: String, build: @escaping @Sendable (_ setting: Setting) -> any ForecastModel) {
            self.name = name
            self.summary = summary
            self.build = build
        }

        /// The model for a series whose only known period is `season` (≥ 1; 1 when none), with
        /// the periods ``ForecastModelRegistry/periods(season:)`` derives from it.
        public func make(_ season: Int) -> any ForecastModel {
            build(Setting(periods: ForecastModelRegistry.periods(season: season)))
        }
    }

    /// Every model, in the order help lists them.
    public static let entries: [Entry] = [
        Entry(name: "naive", summary: "last value (random walk)") { _ in Naive() },
        Entry(name: "snaive", summary: "value one season earlier") { SeasonalNaive(period: $0.primary) },
        Entry(name: "naive2", summary: "naive on the seasonally adjusted series (M4 benchmark)") { Naive2(period: $0.primary) },
        Entry(name: "drift", summary: "random walk with drift") { _ in Drift() },
        Entry(name: "ets", summary: "exponential smoothing state space, chosen by AICc (AutoETS)") { AutoETS(period: $0.primary) },
        Entry(name: "theta", summary: "standard Theta on the M4-adjusted series") { Theta(period: $0.primary) },
        Entry(name: "otm", summary: "Theta with theta chosen by in-sample MSE") { Theta.optimised(period: $0.primary) },
        Entry(name: "mstl", summary: "MSTL seasons repeated, Theta on the rest (logs)") {
            MSTLForecast(periods: $0.periods, logTransform: $0.logTransform)
        },
        Entry(name: "dhr", summary: "trend + Fourier terms per period, AR(1) errors (logs)") {
            DynamicHarmonicRegression(periods: $0.periods, logTransform: $0.logTransform)
        },
        Entry(name: "ensemble", summary: "median of the 3 best-validated of theta, otm, mstl, snaive") { ensemble($0) },
        Entry(name: "pooled", summary: "one autoregression on standardised windows of all series, 3 longest seasons of lags") {
            PooledAutoregression(periods: $0.periods, logTransform: $0.logTransform)
        },
        Entry(name: "auto", summary: "the default: pooled when the series give it enough windows, else ensemble; conformal bands") {
            AutoForecaster(pooled: PooledAutoregression(periods: $0.periods, logTransform: $0.logTransform),
                           fallback: ensemble($0))
        },
    ]

    /// The seasonal periods a model with several seasons uses for a series of period
    /// `season`: hourly data (24) also gets the weekly period 168; none for 1.
    public static func periods(season: Int) -> [Int] {
        season == 24 ? [24, 168] : season > 1 ? [season] : []
    }

    /// The default ensemble's members, each fitted on at most the setting's `historyLimit`
    /// most recent observations.
    public static func ensemble(_ setting: Setting) -> Ensemble {
        let members: [any ForecastModel] = [Theta(period: setting.primary), Theta.optimised(period: setting.primary),
                                            MSTLForecast(periods: setting.periods, logTransform: setting.logTransform),
                                            SeasonalNaive(period: setting.primary)]
        return Ensemble(members: setting.historyLimit == .max ? members
                            : members.map { RecentHistory($0, limit: setting.historyLimit) })
    }

    /// The names of ``entries``, in order.
    public static var names: [String] { entries.map(\.name) }

    /// The entry called `name`, if any.
    public static func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }
}
