"""statsmodels reference for BatchedRegressionTests (coefficients, nonrobust and HAC SEs).

Data: n = 200 points, design [1, t, sin(2πt/24), cos(2πt/24)], three series with a
trend, a daily-like cycle and AR(1) noise driven by an integer sequence. Everything is
plain double arithmetic plus libm sin/cos (math.sin, as Swift's Glibc sin), so the Swift
test rebuilds the same doubles. HAC: OLS(y, X).fit(cov_type='HAC', cov_kwds={'maxlags': L}),
which applies no small-sample correction (use_correction=False by default).
Run: python3 bench/reference/batched_hac.py   (statsmodels 0.15.0, numpy 2.4)
"""
import math

import numpy as np
import statsmodels
import statsmodels.api as sm

n, k = 200, 3


def design_row(t):
    angle = 2 * math.pi * t / 24
    return [1.0, float(t), math.sin(angle), math.cos(angle)]


def series(c):
    values, ar = [], 0.0
    for t in range(n):
        shock = ((t * 7919 + 104729 * c) % 1000) / 1000 - 0.5
        ar = 0.7 * ar + shock
        angle = 2 * math.pi * t / 24
        values.append((1 + c) + 0.01 * (c + 1) * t + (0.5 + c) * math.sin(angle) + 0.3 * math.cos(angle) + ar)
    return values


X = np.array([design_row(t) for t in range(n)])
auto = int(np.floor(4 * (n / 100) ** (2 / 9)))
print(f"# statsmodels {statsmodels.__version__}, automatic lags = {auto}")
for c in range(k):
    y = np.array(series(c))
    plain = sm.OLS(y, X).fit()
    print(f"series {c}")
    print("  params   =", [float(v) for v in plain.params])
    print("  bse      =", [float(v) for v in plain.bse])
    print("  sd       =", float(math.sqrt(plain.scale)))
    for lags in (auto, 10, 0):
        hac = sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": lags})
        print(f"  hac[{lags:2d}]  =", [float(v) for v in hac.bse])
    if c == 1:
        cov = sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": auto}).cov_params()
        print("  hac cov (row-major, lags = auto) =", [float(v) for v in cov.ravel()])
