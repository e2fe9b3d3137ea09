"""End to end: `insights regress` against pandas + statsmodels on one CSV, same run.

A user with a CSV and a formula would otherwise run pandas.read_csv and
statsmodels.formula.api.ols(...).fit(cov_type='HAC'). This times both from a cold
process (including reading the file), best of 3, and checks the HAC standard
errors agree to 1e-8 relative.

Usage: python3 bench/regress_end_to_end.py INSIGHTS_BINARY [ROWS]
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROWS = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
MAXLAGS = 30
FORMULA = "y ~ x1 + x2 + C(region)"


def write_csv(path, rows):
    rng = random.Random(20261127)
    regions = ["eu", "us", "apac"]
    noise = 0.0
    with open(path, "w") as f:
        f.write("y,x1,x2,region\n")
        for _ in range(rows):
            x1, x2 = rng.random(), rng.random()
            noise = 0.5 * noise + rng.gauss(0, 0.1)
            region = regions[rng.randrange(3)]
            shift = {"eu": 0.0, "us": 0.3, "apac": -0.2}[region]
            f.write(f"{1 + 2 * x1 - 3 * x2 + shift + noise:.6f},{x1:.6f},{x2:.6f},{region}\n")


def time_best(command, repeats=3):
    best, output = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        best = min(best, time.perf_counter() - start)
    return best, output


STATSMODELS = """
import json, sys
import pandas as pd
import statsmodels.formula.api as smf
frame = pd.read_csv(sys.argv[1])
fit = smf.ols(sys.argv[2], data=frame).fit(cov_type="HAC", cov_kwds={"maxlags": int(sys.argv[3])})
print(json.dumps(dict(zip(fit.params.index, fit.bse.values.tolist()))))
"""


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "regress.csv")
        write_csv(path, ROWS)
        size = os.path.getsize(path) / 1e6
        ours, our_json = time_best([binary, "regress", "--csv", path, "--formula", FORMULA,
                                    "--cov", "hac", "--maxlags", str(MAXLAGS), "--format", "json"])
        theirs, their_json = time_best([sys.executable, "-c", STATSMODELS, path, FORMULA, str(MAXLAGS)])
    our_se = {row["term"]: row["std_error"] for row in json.loads(our_json)["coefficients"]}
    their_se = json.loads(their_json)
    worst = max(abs(our_se[t] - their_se[t]) / abs(their_se[t]) for t in their_se)
    print(f"## regress end to end: {ROWS:,} rows ({size:.0f} MB CSV), '{FORMULA}', HAC maxlags {MAXLAGS}")
    print()
    print("| run | best of 3, s | ratio |")
    print("|---|---:|---:|")
    print(f"| insights regress (read CSV, fit, HAC, JSON) | {ours:.2f} | 1.00× |")
    print(f"| pandas.read_csv + statsmodels ols HAC | {theirs:.2f} | {theirs / ours:.2f}× |")
    print()
    print(f"HAC standard errors, max relative difference: {worst:.1e} (limit 1e-8)")
    if worst > 1e-8:
        sys.exit("standard errors disagree")


if __name__ == "__main__":
    main()
