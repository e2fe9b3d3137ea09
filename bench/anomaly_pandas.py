"""The residual anomaly score of insights' ResidualDetector, written in pandas/numpy.

Reads K series of N float64 values (series after series) and times, best of 3 after a
warm-up: trend = centred rolling median over one period (pandas shrinks the window at the
ends where insights keeps it full, the only difference), seasonal = per-phase median of the
detrended values centred on its median, score = |r - median r| / (1.4826 MAD r).
Prints the best time in seconds.

Usage: python3 bench/anomaly_pandas.py FILE K N PERIOD   (run by `insights-bench anomaly`)
"""
import sys
import time
import numpy as np
import pandas as pd

path, k, n, period = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
values = np.fromfile(path, dtype=np.float64).reshape(k, n)
phase = np.arange(n) % period


def score(x):
    s = pd.Series(x)
    trend = s.rolling(period | 1, center=True, min_periods=1).median()
    detrended = s - trend
    seasonal = detrended.groupby(phase).median()
    seasonal = seasonal - seasonal.median()
    r = (detrended - seasonal.to_numpy()[phase]).to_numpy()
    center = np.median(r)
    mad = np.median(np.abs(r - center)) / 0.6744897501960817
    return np.abs(r - center) / mad


def run():
    return [score(values[i]) for i in range(k)]


run()
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    run()
    best = min(best, time.perf_counter() - start)
print(best)
