"""M4 Hourly (the 276-series developer split): `insights eval m4` against statsforecast, same run, same cores.

  python3 bench/forecast_vs_statsforecast.py .build/release/insights [--skip-arima]

Runs, one after the other on the same machine:
  * `insights eval m4 --model auto` (the default model, conformal 80/95 bands), wall time of the process;
  * statsforecast AutoETS(season_length=24) and AutoARIMA(season_length=24, approximation=True) (the best
    statsforecast model on this split), n_jobs = all cores, 80/95 intervals. Numba compiles each model on
    a short series first; that compile time is excluded, which favours statsforecast;
and prints sMAPE, MASE, OWA (against Naive2's 17.931 / 2.325 on this split, ../shared/data/m4/README.md),
coverage of both bands on the test values, seconds, and the wall-time ratio statsforecast / insights.
Run from the repository root.
"""
import json
import os
import subprocess
import sys
import time
import warnings

# AutoARIMA warns about optimiser convergence on many series, also in its worker processes.
os.environ.setdefault("PYTHONWARNINGS", "ignore")
warnings.filterwarnings("ignore")

import numpy as np
import pandas as pd

DATA = "../shared/data/m4"
NAIVE2_SMAPE, NAIVE2_MASE, M, H = 17.931, 2.325, 24, 48


def wide(path):
    frame = pd.read_csv(path)
    return {row[0]: np.array([v for v in row[1:] if not pd.isna(v)], dtype=float) for row in frame.itertuples(index=False)}


def scores(train, test, mean, bands):
    smapes, mases = [], []
    inside = {level: 0 for level in bands}
    for sid, actual in test.items():
        f = mean[sid]
        smapes.append(200 * np.mean(np.abs(actual - f) / (np.abs(actual) + np.abs(f))))
        x = train[sid]
        mases.append(np.mean(np.abs(actual - f)) / np.mean(np.abs(x[M:] - x[:-M])))
        for level, (lo, hi) in bands.items():
            inside[level] += int(np.sum((actual >= lo[sid]) & (actual <= hi[sid])))
    s, m = float(np.mean(smapes)), float(np.mean(mases))
    total = sum(len(a) for a in test.values())
    return {"smape": s, "mase": m, "owa": 0.5 * (s / NAIVE2_SMAPE + m / NAIVE2_MASE),
            "coverage_80": inside[80] / total, "coverage_95": inside[95] / total}


def statsforecast_run(model, train, test):
    from statsforecast import StatsForecast
    long = pd.DataFrame([(sid, i + 1, v) for sid, y in train.items() for i, v in enumerate(y)],
                        columns=["unique_id", "ds", "y"])
    warm = long[long.unique_id == long.unique_id.iloc[0]].head(24 * 14)
    StatsForecast(models=[model], freq=1, n_jobs=1).forecast(df=warm, h=H, level=[80, 95])
    started = time.perf_counter()
    out = StatsForecast(models=[model], freq=1, n_jobs=os.cpu_count()).forecast(df=long, h=H, level=[80, 95])
    seconds = time.perf_counter() - started
    out = out.reset_index() if "unique_id" not in out.columns else out
    name = repr(model)
    column = next(c for c in out.columns if c not in ("unique_id", "ds") and "-lo-" not in c and "-hi-" not in c)
    grouped = {sid: g.sort_values("ds") for sid, g in out.groupby("unique_id")}
    mean = {sid: g[column].to_numpy() for sid, g in grouped.items()}
    bands = {level: ({sid: g[f"{column}-lo-{level}"].to_numpy() for sid, g in grouped.items()},
                     {sid: g[f"{column}-hi-{level}"].to_numpy() for sid, g in grouped.items()}) for level in (80, 95)}
    return name, seconds, scores(train, test, mean, bands)


def main():
    binary = sys.argv[1]
    skip_arima = "--skip-arima" in sys.argv
    train, test = wide(f"{DATA}/Hourly-train.csv"), wide(f"{DATA}/Hourly-test.csv")
    test = {sid: y[:H] for sid, y in test.items()}

    started = time.perf_counter()
    result = subprocess.run([binary, "eval", "m4", "--train", f"{DATA}/Hourly-train.csv", "--test", f"{DATA}/Hourly-test.csv",
                             "--horizon", str(H), "--season", str(M), "--model", "auto", "--format", "json"],
                            check=True, capture_output=True, text=True)
    ours_seconds = time.perf_counter() - started
    ours = json.loads(result.stdout)
    rows = [("insights auto", ours_seconds, ours)]

    from statsforecast.models import AutoARIMA, AutoETS
    models = [AutoETS(season_length=M)] + ([] if skip_arima else [AutoARIMA(season_length=M, approximation=True)])
    for model in models:
        rows.append(statsforecast_run(model, train, test))

    print(f"M4 Hourly, {len(train)} series, h = {H}, {os.cpu_count()} cores")
    print(f"{'model':<16} {'sMAPE':>7} {'MASE':>6} {'OWA':>6} {'cov80':>6} {'cov95':>6} {'seconds':>8} {'ratio':>7}")
    for name, seconds, s in rows:
        print(f"{name:<16} {s['smape']:7.3f} {s['mase']:6.3f} {s['owa']:6.3f} {s['coverage_80']:6.3f} {s['coverage_95']:6.3f} "
              f"{seconds:8.2f} {seconds / ours_seconds:6.1f}x")
    print("ratio: wall time / insights' wall time (process start to exit, reading and scoring included)")


if __name__ == "__main__":
    main()
