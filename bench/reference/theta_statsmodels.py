"""Reference values for the Theta tests (Tests/InsightsAnalysisTests/Forecast/ThetaTests.swift).

statsmodels' ThetaModel (theta = 2, method "multiplicative") on three deterministic series the
Swift test rebuilds from the same formulas. statsmodels 0.15 tests seasonality with
n*r(m)^2 / sum_{k<m} r(k)^2 > 1.645^2, which is not M4's test; so the decision is made here with
the M4 / forecast::thetaf test, |r(m)| > 1.645 sqrt((1 + 2 sum_{k=1}^{m-1} r(k)^2) / n) and
n >= 3m, and passed in (use_test=False). statsmodels estimates SES alpha with initial level y[0]
(known); the printed alpha is fed to the Swift model so the comparison does not depend on the
optimiser.

Usage (from the repository root): python3 bench/reference/theta_statsmodels.py  (statsmodels 0.15, numpy)
"""
import numpy as np
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.stattools import acf


def series(kind, n):
    t = np.arange(n, dtype=np.float64)
    if kind == "seasonal12":
        return 100 + 0.5 * t + 15 * np.sin(2 * np.pi * t / 12) + 3 * np.sin(1.3 * t * t)
    if kind == "plain":
        return 50 + 0.2 * t + 4 * np.sin(0.7 * t) + 2 * np.sin(1.3 * t * t)
    if kind == "hourly":
        return (200 + 0.1 * t) * (1 + 0.3 * np.sin(2 * np.pi * t / 24)) + 5 * np.sin(1.7 * t * t)
    raise ValueError(kind)


def m4_seasonal(y, m):
    if len(y) < 3 * m:
        return False
    r = acf(y, nlags=m, fft=False)
    limit = 1.6448536269514722 * np.sqrt((1 + 2 * np.sum(r[1:m] ** 2)) / len(y))
    return abs(r[m]) > limit


for kind, n, m, h in [("seasonal12", 120, 12, 12), ("plain", 80, 12, 6), ("hourly", 240, 24, 24)]:
    y = series(kind, n)
    seasonal = bool(m4_seasonal(y, m))
    res = ThetaModel(y, period=m, deseasonalize=seasonal, use_test=False, method="multiplicative").fit()
    fc = np.asarray(res.forecast(h, theta=2))
    print(kind, "seasonal", seasonal, "alpha", repr(float(res.params["alpha"])), "b0", repr(float(res.params["b0"])))
    print("  forecast", [float(v) for v in fc])
