"""Reference values for DynamicHarmonicRegressionTests (Tests/InsightsAnalysisTests/Forecast).

OLS of y on [1, t, sin(2 pi k t/12), cos(2 pi k t/12), k = 1, 2] (the harmonic count fixed, no AR
correction, no transform) by statsmodels; point forecasts and 95% prediction intervals
(obs_ci_lower/upper, Student t on n - q degrees of freedom) for the 6 steps after n = 96.

Usage (from the repository root): python3 bench/reference/dhr_statsmodels.py  (statsmodels 0.15, numpy)
"""
import numpy as np
import statsmodels.api as sm

n, h, m = 96, 6, 12
t = np.arange(n + h, dtype=np.float64)
y = (20 + 0.05 * t + 3 * np.sin(2 * np.pi * t / m) - np.cos(4 * np.pi * t / m) + 0.8 * np.sin(1.3 * t * t))[:n]
cols = [np.ones(n + h), t]
for k in (1, 2):
    cols += [np.sin(2 * np.pi * k * (t % m) / m), np.cos(2 * np.pi * k * (t % m) / m)]
X = np.column_stack(cols)
fit = sm.OLS(y, X[:n]).fit()
frame = fit.get_prediction(X[n:]).summary_frame(alpha=0.05)
print("mean", [float(v) for v in frame["mean"]])
print("lower", [float(v) for v in frame["obs_ci_lower"]])
print("upper", [float(v) for v in frame["obs_ci_upper"]])
