import InsightsNumerics

extension Forecast {
    /// A forecast whose bands are normal prediction intervals around `mean`.
    ///
    /// Each band is `mean[h] ± z · sd[h]` with `z` the standard normal quantile at
    /// `(1 + level)/2` (1.2816 for 80 %, 1.9600 for 95 %).
    ///
    /// - Parameters:
    ///   - mean: The point forecast for steps 1…h.
    ///   - standardDeviations: The forecast error's standard deviation per step.
    ///   - levels: Interval levels in (0, 1), in the order the bands are wanted.
    public static func normal(mean: [Double], standardDeviations: [Double], levels: [Double]) -> Forecast {
        precondition(mean.count == standardDeviations.count, "one standard deviation per step")
        let bands = levels.map { level in
            let z = Normal().quantile(0.5 + level / 2)
            return Band(level: level,
                        lower: zip(mean, standardDeviations).map { $0 - z * $1 },
                        upper: zip(mean, standardDeviations).map { $0 + z * $1 })
        }
        return Forecast(mean: mean, bands: bands)
    }
}
