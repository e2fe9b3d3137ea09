#!/usr/bin/env python3
"""Reference values for the descriptive statistics in InsightsNumerics/Statistics.

Prints Swift literals that are pasted into
Tests/InsightsNumericsTests/Statistics/ReferenceValues.swift. Every value comes from
numpy / scipy / statsmodels, or from exact rational arithmetic (fractions) on the
binary64 inputs for the mean, variances and autocorrelations; never from our own code.

Run from the project root:  python3 bench/reference/descriptive.py
Versions used for the committed values: see the first line of the output.
"""
import json
import pathlib
from fractions import Fraction

import numpy as np
import scipy
import scipy.stats
import statsmodels
from statsmodels.tsa.stattools import acf

ROOT = pathlib.Path(__file__).resolve().parents[2]
NIST = ROOT.parent / "shared" / "data" / "nist-strd" / "univariate"


def lcg_sample(count, seed):
    """Heavy-tailed sample that the Swift tests regenerate bit for bit.

    Only integer arithmetic and correctly rounded IEEE operations are used, so
    Swift (`&*`, `&+` on UInt64) and Python produce identical doubles.
    """
    state = seed
    out = []
    for _ in range(count):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        u = float(state >> 11) * 2.0**-53
        v = u * 200.0 - 100.0
        out.append(v * v * v / 1e4)
    return out


def nist(name):
    with open(NIST / f"{name}.json") as f:
        return json.load(f)["y"]


SAMPLES = {
    "small": [3.1, -2.7, 0.5, 8.25, 3.1, 1e-3, -11.0, 4.4, 7.0, 2.2, 0.0],
    "even": [10.5, -3.25, 7.0, 7.0, 1.0e6, 2.5, -0.125, 42.0, 3.0, 0.75],
    "lcg257": lcg_sample(257, seed=20240611),
    "Michelso": nist("Michelso"),
    "Lew": nist("Lew"),
}
PS = [0.0, 0.01, 0.1, 0.25, 1.0 / 3.0, 0.5, 0.6, 0.75, 0.9, 0.99, 1.0]
CUTS = [0.0, 0.1, 0.2, 0.25, 0.3, 0.45]
MAX_LAG = 10


def lit(x):
    return repr(float(x))


def lits(xs):
    return "[" + ", ".join(lit(x) for x in xs) + "]"


def exact(values):
    """Exact mean and sample/population variance of binary64 values, rounded once."""
    q = [Fraction(v) for v in values]
    n = len(q)
    m = sum(q) / n
    ss = sum((v - m) ** 2 for v in q)
    return float(m), float(ss / (n - 1)), float(ss / n)


def exact_acf(values, max_lag):
    """Exact r(0..max_lag) of binary64 values (the statsmodels definition), rounded once."""
    q = [Fraction(v) for v in values]
    n = len(q)
    m = sum(q) / n
    d = [v - m for v in q]
    den = sum(e * e for e in d)
    return [float(sum(d[i] * d[i - k] for i in range(k, n)) / den) for k in range(max_lag + 1)]


print(f"// numpy {np.__version__}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")
print(f"// ps = {lits(PS)}")
print(f"// proportionsToCut = {lits(CUTS)}; maxLag = {MAX_LAG}")
for name, x in SAMPLES.items():
    a = np.asarray(x, dtype=np.float64)
    mean, var_sample, var_population = exact(x)
    print(f'ReferenceCase(name: "{name}",  // n = {a.size}')
    # np.quantile's default method is 'linear' (Hyndman & Fan definition 7).
    print(f"              quantiles: {lits(np.quantile(a, PS))},")
    print(f"              median: {lit(np.median(a))},")
    print(f"              mad: {lit(scipy.stats.median_abs_deviation(a))},")
    print(f"              madNormal: {lit(scipy.stats.median_abs_deviation(a, scale='normal'))},")
    print(f"              trimmedMeans: {lits(scipy.stats.trim_mean(a, c) for c in CUTS)},")
    print(f"              acf: {lits(acf(a, nlags=MAX_LAG, fft=False))},")
    print(f"              exactACF: {lits(exact_acf(x, MAX_LAG))},")
    print(f"              exactMean: {lit(mean)}, exactSampleVariance: {lit(var_sample)},")
    print(f"              exactPopulationVariance: {lit(var_population)}),")
