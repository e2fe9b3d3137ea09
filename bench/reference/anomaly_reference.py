"""Reference values for the anomaly tests (Tests/InsightsAnalysisTests/Anomaly/AnomalyReferenceTests.swift).

Benjamini-Hochberg adjusted p-values from statsmodels' multipletests(method="fdr_bh"),
and Rosner's generalized ESD statistics R_i and critical values lambda_i computed here
with numpy and scipy's Student t quantile on the annual Nile flow series (nile_yearly.csv
from ../shared/data/classic), max 10 outliers, alpha 0.05.

Usage (from the repository root): python3 bench/reference/anomaly_reference.py  (statsmodels 0.15, scipy 1.17, numpy)
"""
import csv
import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests

p = np.array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275,
              0.34, 0.341, 0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986])
print("bh", [float(v) for v in multipletests(p, method="fdr_bh")[1]])

with open("../shared/data/classic/nile_yearly.csv") as f:
    rows = list(csv.DictReader(f))
column = [k for k in rows[0].keys() if k not in ("year", "date", "time", "ds", "timestamp")][0]
x = np.array([float(r[column]) for r in rows])
remaining = list(range(len(x)))
n = len(x)
out = []
for i in range(1, 11):
    values = x[remaining]
    mean, sd = values.mean(), values.std(ddof=1)
    j = int(np.argmax(np.abs(values - mean)))
    r = abs(values[j] - mean) / sd
    pq = 1 - 0.05 / (2 * (n - i + 1))
    t = stats.t.ppf(pq, n - i - 1)
    lam = (n - i) * t / np.sqrt((n - i - 1 + t * t) * (n - i + 1))
    out.append((remaining[j], r, lam))
    remaining.pop(j)
print("esd_index", [o[0] for o in out])
print("esd_R", [float(o[1]) for o in out])
print("esd_lambda", [float(o[2]) for o in out])
