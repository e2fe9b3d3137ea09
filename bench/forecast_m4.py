"""M4 Hourly (the 276-series developer split) through `insights forecast --csv`.

  python3 bench/forecast_m4.py long OUT.csv         # the training parts as a long CSV unique_id,ds,y (ds = 1..n)
  insights forecast --csv OUT.csv --horizon 48 --season 24 --model mstl --format csv > F.csv
  python3 bench/forecast_m4.py score F.csv          # sMAPE, MASE, OWA (vs Naive2), test coverage per level

Metrics as defined in ../shared/data/m4/README.md (m = 24; OWA against Naive2's sMAPE 17.931 and MASE
2.325 on this subset). Coverage is the fraction of the 276 x 48 test values inside each band.
Run from the repository root.
"""
import csv
import sys

import numpy as np

DATA = "../shared/data/m4"
NAIVE2_SMAPE, NAIVE2_MASE, M = 17.931, 2.325, 24


def wide(path):
    rows = list(csv.reader(open(path)))[1:]
    return {r[0]: np.array([float(v) for v in r[1:] if v != ""]) for r in rows}


def long(out):
    with open(out, "w") as f:
        f.write("unique_id,ds,y\n")
        for sid, y in wide(f"{DATA}/Hourly-train.csv").items():
            for i, v in enumerate(y):
                f.write(f"{sid},{i + 1},{v:.17g}\n")


def score(path):
    train, test = wide(f"{DATA}/Hourly-train.csv"), wide(f"{DATA}/Hourly-test.csv")
    rows = list(csv.DictReader(open(path)))
    levels = [c[3:] for c in rows[0] if c.startswith("lo-")]
    by = {}
    for r in rows:
        by.setdefault(r["unique_id"], []).append(r)
    smapes, mases, inside, total = [], [], {l: 0 for l in levels}, 0
    for sid, y in test.items():
        f = sorted(by[sid], key=lambda r: int(r["ds"]))
        mean = np.array([float(r["mean"]) for r in f])
        smapes.append(200 * np.mean(np.abs(y - mean) / (np.abs(y) + np.abs(mean))))
        x = train[sid]
        mases.append(np.mean(np.abs(y - mean)) / np.mean(np.abs(x[M:] - x[:-M])))
        for l in levels:
            lo = np.array([float(r[f"lo-{l}"]) for r in f])
            hi = np.array([float(r[f"hi-{l}"]) for r in f])
            inside[l] += int(np.sum((y >= lo) & (y <= hi)))
        total += len(y)
    s, m = float(np.mean(smapes)), float(np.mean(mases))
    print(f"series {len(smapes)}  sMAPE {s:.3f}  MASE {m:.3f}  OWA {0.5 * (s / NAIVE2_SMAPE + m / NAIVE2_MASE):.3f}  "
          + "  ".join(f"coverage-{l} {inside[l] / total:.3f}" for l in levels))


if __name__ == "__main__":
    {"long": long, "score": score}[sys.argv[1]](sys.argv[2])
