"""statsmodels / scipy / numpy references for the trend and change-point tests.

Series: the classic shared data sets (../shared/data/classic, beside the project):
nile_yearly, co2_weekly_maunaloa (59 missing values), airpassengers_monthly and
elnino_sst_monthly. Time is the row index t = 0, 1, ..., n-1 of the file; rows with a
missing value are dropped (their index is skipped, not renumbered), as `TrendAnalysis` does.

Printed, and used by Tests/InsightsAnalysisTests/Trend/ and .../ChangePoints/:
  [ols-hac]    TrendReferenceTests.linearTrendMatchesStatsmodelsHAC and
               .fourierSeasonalTrendMatchesStatsmodelsHAC:
               OLS(y, [1, t, (sin, cos)...]).fit(cov_type='HAC', cov_kwds={'maxlags': L})
               with L = floor(4 (n/100)^(2/9)) (no small-sample correction, Bartlett kernel);
               params, bse, p-values and 95% intervals (normal, as statsmodels for HAC).
               TrendReferenceTests.seasonalDummyTrendMatchesStatsmodelsHAC: indicators
               [t mod P == s] for s = 1..P-1 instead of Fourier pairs.
  [theil-sen]  RobustTrendReferenceTests.theilSenMatchesScipy:
               scipy.stats.theilslopes(y, t, alpha=0.95, method='separate').
               In scipy 1.17 `alpha` is the confidence degree (0.95 gives a 95% interval;
               values below 0.5 are read as 1 - alpha), and 'separate' is the default method.
  [mann-kendall] RobustTrendReferenceTests.mannKendallMatchesKendallTauAndHamedRao:
               S from scipy.stats.kendalltau(t, y) (tau-b; t has no ties, so
               S = tau * sqrt(n0 (n0 - n_y)) with n0 = n(n-1)/2 and n_y the tied pairs of y);
               Var(S) with the ties correction, Z with continuity correction, two-sided p;
               then the Hamed & Rao (1998) correction computed here in numpy (detrended by
               the Theil-Sen slope, ranks, acf of the ranks, lags 1..n-1 whose |r_k| exceeds
               z_0.975 / sqrt(n)).
  [crossing]   CrossingTimeTests.fiellerIntervalMatchesReference:
               t* = (T - a)/b and Fieller's 95% interval from the HAC covariance of (a, b).
  [sup-f]      ChangePointReferenceTests.singleSplitMatchesReference:
               the Chow F statistic of a shift in mean at each split k (segments [0, k)
               and [k, n)), F(k) = (RSS0 - RSS1) / (RSS1 / (n - 2)), maximised over
               k in [ceil(0.15 n), n - ceil(0.15 n)], with the James-James-Siegmund
               approximation of its asymptotic p-value.
  [sup-f-mc]   no test: a seeded simulation of sup F under iid normal noise, to judge the
               James-James-Siegmund tail approximation (reported in docs/STATISTICS.md).
  [pelt]       ChangePointReferenceTests.peltMatchesOptimalPartitioning: optimal
               partitioning (exact dynamic programme, no pruning) with the same cost and
               penalty as PELT, which must give the same change points.
  [pelt-slope] ChangePointReferenceTests.slopePeltMatchesOptimalPartitioning: the same for
               piecewise-linear segments, each segment's RSS from np.linalg.lstsq on [1, t],
               penalty 3 log n, minimum segment 3.

Run: python3 bench/reference/trend_statsmodels.py   (statsmodels 0.15.0, scipy 1.17.1, numpy 2.4)
"""
import math
import os

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "shared", "data", "classic")
SERIES = ["nile_yearly", "co2_weekly_maunaloa", "airpassengers_monthly", "elnino_sst_monthly"]


def load(name):
    values = []
    with open(os.path.join(DATA, name + ".csv")) as f:
        next(f)
        for line in f:
            cell = line.rstrip("\n").split(",")[1]
            values.append(float(cell) if cell else math.nan)
    y = np.array(values)
    t = np.arange(len(y), dtype=float)
    keep = ~np.isnan(y)
    return t[keep], y[keep]


def automatic_lag(n):
    return int(np.floor(4 * (n / 100) ** (2 / 9)))


def fourier(t, period, harmonics):
    columns = []
    for h in range(1, harmonics + 1):
        angle = 2 * np.pi * h * t / period
        columns += [np.sin(angle), np.cos(angle)]
    return columns


def hac_fit(t, y, extra=()):
    X = np.column_stack([np.ones_like(t), t, *extra])
    lags = automatic_lag(len(y))
    return sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": lags}), lags


def show(label, values):
    print(f"  {label} = [{', '.join(repr(float(v)) for v in np.ravel(values))}]")


def mann_kendall(t, y, sen_slope):
    n = len(y)
    tau, _ = st.kendalltau(t, y)
    n0 = n * (n - 1) / 2
    _, counts = np.unique(y, return_counts=True)
    ties_y = float(np.sum(counts * (counts - 1) / 2))
    s = tau * math.sqrt(n0 * (n0 - ties_y))
    var_s = (n * (n - 1) * (2 * n + 5) - float(np.sum(counts * (counts - 1) * (2 * counts + 5)))) / 18
    s_int = round(s)

    def z_of(variance):
        if s_int > 0:
            return (s_int - 1) / math.sqrt(variance)
        if s_int < 0:
            return (s_int + 1) / math.sqrt(variance)
        return 0.0

    z = z_of(var_s)
    p = 2 * st.norm.sf(abs(z))
    # Hamed & Rao (1998): ranks of the series detrended by the Theil-Sen slope.
    ranks = st.rankdata(y - sen_slope * t)
    d = ranks - ranks.mean()
    denominator = np.dot(d, d)
    bound = st.norm.ppf(0.975) / math.sqrt(n)
    total = 0.0
    for k in range(1, n):
        r = np.dot(d[k:], d[:-k]) / denominator
        if abs(r) > bound:
            total += (n - k) * (n - k - 1) * (n - k - 2) * r
    factor = 1 + 2 / (n * (n - 1) * (n - 2)) * total
    var_corrected = var_s * factor
    z_corrected = z_of(var_corrected)
    p_corrected = 2 * st.norm.sf(abs(z_corrected))
    return s, s_int, var_s, z, p, factor, z_corrected, p_corrected


def fieller(a, b, cov, threshold, level=0.95):
    z = st.norm.ppf(1 - (1 - level) / 2)
    d = a - threshold
    qa = b * b - z * z * cov[1, 1]
    qb = 2 * (d * b - z * z * cov[0, 1])
    qc = d * d - z * z * cov[0, 0]
    estimate = -d / b
    if qa <= 0:
        return estimate, None
    root = math.sqrt(qb * qb - 4 * qa * qc)
    low, high = sorted([(-qb - root) / (2 * qa), (-qb + root) / (2 * qa)])
    return estimate, (low, high)


def sup_f(y, trim=0.15):
    n = len(y)
    rss0 = np.sum((y - y.mean()) ** 2)
    edge = math.ceil(trim * n)
    best = (-math.inf, None)
    for k in range(edge, n - edge + 1):
        left, right = y[:k], y[k:]
        rss1 = np.sum((left - left.mean()) ** 2) + np.sum((right - right.mean()) ** 2)
        f = (rss0 - rss1) / (rss1 / (n - 2))
        if f > best[0]:
            best = (f, k)
    # James, James & Siegmund (1987): P(sup |B(u)|/sqrt(u(1-u)) > b), u in [u0, u1].
    b = math.sqrt(best[0])
    u0, u1 = edge / n, (n - edge) / n
    p = b * st.norm.pdf(b) * ((1 - 1 / b**2) * math.log(u1 * (1 - u0) / (u0 * (1 - u1))) + 4 / b**2)
    return best[0], best[1], min(1.0, p)


def optimal_partitioning(y, penalty, min_size, linear=False):
    """Exact minimiser of sum of segment costs + penalty per change (Jackson et al. 2005)."""
    n = len(y)
    sigma = st.median_abs_deviation(np.diff(y), scale="normal") / math.sqrt(2)
    c1 = np.concatenate([[0.0], np.cumsum(y)])
    c2 = np.concatenate([[0.0], np.cumsum(y * y)])

    def cost(s, e):
        if linear:
            t = np.arange(s, e, dtype=float)
            X = np.column_stack([np.ones_like(t), t])
            residuals = y[s:e] - X @ np.linalg.lstsq(X, y[s:e], rcond=None)[0]
            return float(residuals @ residuals) / sigma**2
        m = e - s
        return (c2[e] - c2[s] - (c1[e] - c1[s]) ** 2 / m) / sigma**2

    best = [0.0] + [math.inf] * n
    last = [0] * (n + 1)
    best[0] = -penalty
    for e in range(min_size, n + 1):
        for s in range(0, e - min_size + 1):
            if s != 0 and s < min_size:
                continue
            value = best[s] + cost(s, e) + penalty
            if value < best[e]:
                best[e], last[e] = value, s
    points, e = [], n
    while e > 0:
        s = last[e]
        if s > 0:
            points.append(s)
        e = s
    return sorted(points), sigma


print(f"# statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")
for name in SERIES:
    t, y = load(name)
    n = len(y)
    print(f"{name}: n = {n}")
    fit, lags = hac_fit(t, y)
    print(f"  [ols-hac] lags = {lags}")
    show("params", fit.params)
    show("bse", fit.bse)
    show("pvalues", fit.pvalues)
    show("conf_int", fit.conf_int())
    ts = st.theilslopes(y, t, alpha=0.95, method="separate")
    print("  [theil-sen]")
    show("slope_intercept_low_high", [ts.slope, ts.intercept, ts.low_slope, ts.high_slope])
    s, s_int, var_s, z, p, factor, zc, pc = mann_kendall(t, y, ts.slope)
    print("  [mann-kendall]")
    show("S_from_tau_b", [s])
    show("S_varS_z_p", [s_int, var_s, z, p])
    show("hamedRaoFactor_z_p", [factor, zc, pc])

print("seasonal fits, Fourier terms sin/cos(2 pi h t / period), h = 1..K")
for name, period, harmonics in [("airpassengers_monthly", 12.0, 2), ("co2_weekly_maunaloa", 365.25 / 7, 2)]:
    t, y = load(name)
    fit, lags = hac_fit(t, y, fourier(t, period, harmonics))
    print(f"{name}: period = {period!r}, K = {harmonics} [ols-hac] lags = {lags}")
    show("params", fit.params)
    show("bse", fit.bse)

print("seasonal dummies [t mod P == s], s = 1..P-1")
for name, period in [("airpassengers_monthly", 12), ("ausbeer_quarterly", 4)]:
    t, y = load(name)
    dummies = [(t.astype(int) % period == s).astype(float) for s in range(1, period)]
    fit, lags = hac_fit(t, y, dummies)
    print(f"{name}: period = {period} [ols-hac] lags = {lags}")
    show("params", fit.params)
    show("bse", fit.bse)

print("[crossing] Fieller 95% interval for (T - a)/b, HAC covariance, linear trend")
for name, threshold in [("co2_weekly_maunaloa", 400.0), ("nile_yearly", 700.0), ("elnino_sst_monthly", 24.0)]:
    t, y = load(name)
    fit, _ = hac_fit(t, y)
    a, b = fit.params
    estimate, interval = fieller(a, b, fit.cov_params(), threshold)
    print(f"{name}: T = {threshold}")
    show("estimate", [estimate])
    print("  interval =", "unbounded" if interval is None else [float(v) for v in interval])

print("[sup-f] best single split in mean, trimming 0.15")
for name in ["nile_yearly", "elnino_sst_monthly"]:
    _, y = load(name)
    f, k, p = sup_f(y)
    print(f"{name}: supF = {float(f)!r}, split index = {k}, p (JJS 1987) = {float(p)!r}")

print("[sup-f-mc] P(sup F > x) under iid N(0, 1), n = 100, 4000 series, numpy default_rng(1)")
rng = np.random.default_rng(1)
simulated = np.array([sup_f(rng.standard_normal(100))[0] for _ in range(4000)])
for x in (8.85, 12.16):
    edge = math.ceil(0.15 * 100) / 100
    b = math.sqrt(x)
    approximation = b * st.norm.pdf(b) * ((1 - 1 / x) * math.log((1 - edge) ** 2 / edge**2) + 4 / x)
    print(f"  x = {x}: simulated {float((simulated > x).mean())!r}, approximation {float(approximation)!r}")

print("[pelt] optimal partitioning, cost sum (y - mean)^2 / sigma^2, sigma = MAD(diff y)/(0.6745 sqrt 2),"
      " penalty 2 log n, minimum segment 2")
for name in ["nile_yearly", "elnino_sst_monthly"]:
    _, y = load(name)
    points, sigma = optimal_partitioning(y, 2 * math.log(len(y)), 2)
    print(f"{name}: sigma = {float(sigma)!r}, change points = {points}")

print("[pelt-slope] optimal partitioning, piecewise-linear segments, penalty 3 log n, minimum segment 3")
for name in ["nile_yearly", "airpassengers_monthly"]:
    _, y = load(name)
    points, sigma = optimal_partitioning(y, 3 * math.log(len(y)), 3, linear=True)
    print(f"{name}: change points = {points}")
