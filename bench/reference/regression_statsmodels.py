"""statsmodels reference values for `insights regress` (nonrobust, HC3 and HAC fits).

Run from the project root with ../shared beside it:
    python3 bench/reference/regression_statsmodels.py
Prints, per dataset and covariance type, the Swift entries pasted verbatim into
Tests/InsightsNumericsTests/LinearModel/StatsmodelsReference.swift.
Derived columns (t, month) are built here exactly as the test builds them.
"""
import json
import sys

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.formula.api as smf

SHARED = "../shared/data"


def longley():
    data = json.load(open(f"{SHARED}/nist-strd/Longley.json"))
    frame = pd.DataFrame(data["x"], columns=data["predictors"])
    frame["y"] = data["y"]
    return frame, "y ~ x1 + x2 + x3 + x4 + x5 + x6"


def airpassengers():
    frame = pd.read_csv(f"{SHARED}/classic/airpassengers_monthly.csv")
    frame["t"] = np.arange(len(frame), dtype=float)
    frame["month"] = frame["timestamp"].str[5:7]
    return frame, "np.log(value) ~ t + C(month)"


def checkout():
    frame = pd.read_csv("datasets/checkout_latency_daily.csv")
    return frame, "p95_ms ~ day + C(weekday) + after_deploy"


def nile():
    frame = pd.read_csv(f"{SHARED}/classic/nile_yearly.csv")
    frame["t"] = np.arange(len(frame), dtype=float)
    return frame, "value ~ t"


CASES = [
    ("longley", longley, [("nonrobust", {}), ("HC3", {}), ("HAC", {"maxlags": 2})]),
    ("airpassengers", airpassengers, [("HC3", {}), ("HAC", {"maxlags": 12})]),
    ("checkout", checkout, [("HC3", {}), ("HAC", {"maxlags": 7})]),
    # maxlags 150 > n = 100: every pair of observations is inside the window.
    ("nile", nile, [("HAC", {"maxlags": 4}), ("HAC", {"maxlags": 150})]),
    # Weighted: each day weighted by its request volume (thousands).
    ("checkout_wls", checkout, [("nonrobust", {}), ("HC3", {}), ("HAC", {"maxlags": 7})]),
]


def main():
    print(f"// statsmodels {statsmodels.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}")
    for name, load, fits in CASES:
        frame, formula = load()
        for cov_type, kwds in fits:
            if name.endswith("_wls"):
                model = smf.wls(formula, data=frame, weights=frame["requests_k"])
            else:
                model = smf.ols(formula, data=frame)
            res = model.fit(cov_type=cov_type, cov_kwds=kwds or None)
            ci = res.conf_int(alpha=0.05)
            print(f"    // {name}: smf.{'wls' if name.endswith('_wls') else 'ols'}({formula!r}).fit(cov_type={cov_type!r}, cov_kwds={kwds})")
            print(f"    StatsmodelsFit(dataset: \"{name}\", covariance: \"{cov_type}\", "
                  f"maxLags: {kwds.get('maxlags', 'nil')},")
            print(f"        terms: {json.dumps(list(res.params.index))},")
            for label, values in [("estimates", res.params), ("standardErrors", res.bse), ("pValues", res.pvalues),
                                  ("ciLow", ci[0]), ("ciHigh", ci[1])]:
                print(f"        {label}: [{', '.join(repr(float(v)) for v in values)}],")
            print(f"        fStatistic: {float(res.fvalue)!r}, fPValue: {float(res.f_pvalue)!r},")
            print(f"        rSquared: {float(res.rsquared)!r}, logLikelihood: {float(res.llf)!r}, aic: {float(res.aic)!r}, bic: {float(res.bic)!r}),")


if __name__ == "__main__":
    main()
