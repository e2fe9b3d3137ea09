"""Exact HC3 and HAC standard errors for NIST Longley (arbiter for statsmodels).

Longley's design is ill-conditioned (κ ≈ 5·10⁹ unscaled), and statsmodels'
pinv-based fit is only good to ~1e-8 there. This script computes the same
estimators in exact rational arithmetic from the double-valued data (Python
`fractions`; square roots with mpmath at 50 digits), so a test can hold our
numbers to 1e-12 against the truth. Run: python3 longley_sandwich_exact.py
"""
import json
from fractions import Fraction

import mpmath

mpmath.mp.dps = 50
data = json.load(open("../shared/data/nist-strd/Longley.json"))
X = [[Fraction(1)] + [Fraction(v) for v in row] for row in data["x"]]
y = [Fraction(v) for v in data["y"]]
n, p = len(X), len(X[0])


def inverse(matrix):
    size = len(matrix)
    m = [row[:] + [Fraction(int(i == j)) for j in range(size)] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = next(r for r in range(col, size) if m[r][col] != 0)
        m[col], m[pivot] = m[pivot], m[col]
        lead = m[col][col]
        m[col] = [v / lead for v in m[col]]
        for r in range(size):
            if r != col and m[r][col] != 0:
                factor = m[r][col]
                m[r] = [a - factor * b for a, b in zip(m[r], m[col])]
    return [row[size:] for row in m]


def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


bread = inverse([[sum(X[t][i] * X[t][j] for t in range(n)) for j in range(p)] for i in range(p)])
beta = [sum(bread[i][j] * sum(X[t][j] * y[t] for t in range(n)) for j in range(p)) for i in range(p)]
u = [y[t] - sum(X[t][j] * beta[j] for j in range(p)) for t in range(n)]


def sandwich(meat):
    return matmul(matmul(bread, meat), bread)


def standard_errors(cov):
    return [float(mpmath.sqrt(mpmath.mpf(cov[j][j].numerator) / cov[j][j].denominator)) for j in range(p)]


leverage = [sum(X[t][i] * bread[i][j] * X[t][j] for i in range(p) for j in range(p)) for t in range(n)]
hc3_meat = [[sum(X[t][i] * X[t][j] * u[t] ** 2 / (1 - leverage[t]) ** 2 for t in range(n)) for j in range(p)]
            for i in range(p)]
print("hc3:", standard_errors(sandwich(hc3_meat)))

maxlags = 2
scores = [[X[t][j] * u[t] for j in range(p)] for t in range(n)]
hac_meat = [[sum(scores[t][i] * scores[t][j] for t in range(n)) for j in range(p)] for i in range(p)]
for lag in range(1, maxlags + 1):
    weight = 1 - Fraction(lag, maxlags + 1)
    for i in range(p):
        for j in range(p):
            gamma = sum(scores[t][i] * scores[t - lag][j] for t in range(lag, n))
            gamma_t = sum(scores[t][j] * scores[t - lag][i] for t in range(lag, n))
            hac_meat[i][j] += weight * (gamma + gamma_t)
print("hac_maxlags_2:", standard_errors(sandwich(hac_meat)))
