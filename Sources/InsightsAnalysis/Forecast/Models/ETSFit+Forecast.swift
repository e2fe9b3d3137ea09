import InsightsNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ETSFit {
    /// Point forecasts for steps 1…`horizon`: the recursions run forward with zero errors
    /// (ŷ_{n+h|n} = (ℓ_n + (φ + … + φ^h) b_n) ⊕ s_{n+h−m(k+1)}, HKOS Table 2.3; statsmodels'
    /// `forecast`). For models with a multiplicative error or season this is the conditional
    /// mean only approximately (HKOS §6.3); it is what statsmodels and `forecast::ets` report.
    public func pointForecast(horizon: Int) -> [Double] {
        precondition(horizon >= 0, "horizon must be non-negative")
        let spec = specification
        let phi = spec.trend == .damped ? parameters.phi : 1
        var out = [Double](repeating: 0, count: horizon)
        var damping = 0.0, power = 1.0
        for h in stride(from: 1, through: horizon, by: 1) {
            power *= phi
            damping += power
            let base = state.level + damping * state.trend
            let s = spec.hasSeason ? state.seasonal[(state.count + h - 1) % spec.period] : 0
            out[h - 1] = spec.season == .multiplicative ? base * s : base + s
        }
        return out
    }

    /// Var(y_{n+h} − ŷ_{n+h|n}) / σ² for the linear (class 1) models: fpp3 Table 8.8 /
    /// HKOS Table 6.1, as statsmodels' `_relative_forecast_variance` writes them.
    /// - Precondition: `specification.hasAnalyticVariance`.
    public func relativeForecastVariance(step h: Int) -> Double {
        let spec = specification
        precondition(spec.hasAnalyticVariance, "analytic variances exist for the linear models only")
        let a = parameters.alpha, b = parameters.beta, g = parameters.gamma, phi = parameters.phi
        let hd = Double(h), m = spec.period
        let k = spec.hasSeason ? Double((h - 1) / m) : 0
        let seasonal = spec.hasSeason ? g * k * (2 * a + g) : 0
        switch spec.trend {
        case .none:
            return 1 + a * a * (hd - 1) + seasonal
        case .additive:
            var v = 1 + (hd - 1) * (a * a + a * b * hd + b * b * hd * (2 * hd - 1) / 6)
            if spec.hasSeason { v += g * k * (2 * a + g + b * Double(m) * (k + 1)) }
            return v
        case .damped:
            let phiH = pow(phi, hd), oneMinus = 1 - phi
            var v = 1 + a * a * (hd - 1) + seasonal
                + b * phi * hd / (oneMinus * oneMinus) * (2 * a * oneMinus + b * phi)
                - b * phi * (1 - phiH) / (oneMinus * oneMinus * (1 - phi * phi))
                * (2 * a * (1 - phi * phi) + b * phi * (1 + 2 * phi - phiH))
            if spec.hasSeason {
                let phiM = pow(phi, Double(m))
                v += 2 * b * g * phi / (oneMinus * (1 - phiM)) * (k * (1 - phiM) - phiM * (1 - pow(phi, Double(m) * k)))
            }
            return v
        }
    }

    /// Point forecasts and prediction intervals.
    ///
    /// Linear models (additive error, no multiplicative season) get the analytic intervals
    /// ŷ ± z σ̂ √v_h with v_h from `relativeForecastVariance` and σ̂² = SSE/n (statsmodels'
    /// `get_prediction(method="exact")`). Other models get empirical quantiles (type 7) of
    /// `paths` simulated sample paths with Gaussian innovations of variance σ̂² fed through the
    /// recursions (HKOS §6.1), drawn from a SplitMix64 generator seeded by `seed`.
    /// - Parameters:
    ///   - horizon: Steps ahead.
    ///   - levels: Interval levels in (0, 1).
    ///   - paths: Simulated paths for the non-linear models.
    ///   - seed: The simulation seed.
    public func forecast(horizon: Int, levels: [Double], paths: Int = 1000, seed: UInt64 = 0x5EED) -> Forecast {
        precondition(levels.allSatisfy { $0 > 0 && $0 < 1 }, "levels lie in (0, 1)")
        let mean = pointForecast(horizon: horizon)
        guard !levels.isEmpty, horizon > 0 else { return Forecast(mean: mean) }
        let normal = Normal()
        let sigma = variance.squareRoot()
        if specification.hasAnalyticVariance {
            let widths = (1...horizon).map { sigma * relativeForecastVariance(step: $0).squareRoot() }
            let bands = levels.map { level in
                let z = normal.quantile(0.5 + level / 2)
                return Forecast.Band(level: level, lower: zip(mean, widths).map { $0 - z * $1 },
                                     upper: zip(mean, widths).map { $0 + z * $1 })
            }
            return Forecast(mean: mean, bands: bands)
        }
        let samples = simulate(horizon: horizon, paths: paths, seed: seed)
        var bands = levels.map { Forecast.Band(level: $0, lower: [], upper: []) }
        for h in 0..<horizon {
            let column = samples[(h * paths)..<((h + 1) * paths)]
            for (b, level) in levels.enumerated() {
                bands[b].lower.append(Statistics.quantile(column, 0.5 - level / 2))
                bands[b].upper.append(Statistics.quantile(column, 0.5 + level / 2))
            }
        }
        return Forecast(mean: mean, bands: bands)
    }

    /// `paths` future sample paths of length `horizon`, step-major (`[h * paths + path]`).
    public func simulate(horizon: Int, paths: Int, seed: UInt64) -> [Double] {
        let spec = specification, p = parameters
        let m = spec.period
        let betaStar = spec.hasTrend ? p.beta / p.alpha : 0
        let gammaStar = spec.hasSeason ? p.gamma / (1 - p.alpha) : 0
        let phi = spec.trend == .damped ? p.phi : 1
        let sigma = variance.squareRoot()
        var generator = SplitMix64(seed: seed)
        var out = [Double](repeating: 0, count: horizon * paths)
        var seasonal = [Double](repeating: 0, count: m)
        var spare: Double? = nil
        func gaussian() -> Double {
            if let s = spare { spare = nil; return s }
            // Box–Muller on (0, 1] × [0, 1).
            let u = 1 - generator.uniform(), v = generator.uniform()
            let r = (-2 * log(u)).squareRoot()
            spare = r * sin(2 * Double.pi * v)
            return r * cos(2 * Double.pi * v)
        }
        for path in 0..<paths {
            var l = state.level, b = state.trend
            for j in 0..<m { seasonal[j] = spec.hasSeason ? state.seasonal[j] : 0 }
            for h in 0..<horizon {
                let j = (state.count + h) % m
                let phib = phi * b, base = l + phib
                let s = seasonal[j]
                let yhat = spec.season == .multiplicative ? base * s : base + s
                let e = sigma * gaussian()
                let y = spec.error == .multiplicative ? yhat * (1 + e) : yhat + e
                out[h * paths + path] = y
                let newLevel = p.alpha * (spec.season == .multiplicative ? y / s : y - s) + (1 - p.alpha) * base
                b = spec.hasTrend ? betaStar * (newLevel - l) + (1 - betaStar) * phib : 0
                l = newLevel
                if spec.season == .multiplicative {
                    seasonal[j] = gammaStar * (y / newLevel) + (1 - gammaStar) * s
                } else if spec.season == .additive {
                    seasonal[j] = gammaStar * (y - newLevel) + (1 - gammaStar) * s
                }
            }
        }
        return out
    }

}
