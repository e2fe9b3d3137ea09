"""NIST StRD linear regression through `insights regress`: digits reproduced.

Writes each problem in ../shared/data/nist-strd as a CSV, fits it with the formula
a user would write (`y ~ x + I(x^2) + ...`, `y ~ 0 + x` for NoInt), and prints the
log relative error (LRE, agreeing significant digits, capped at 15; for a certified
0, −log10 of the absolute error) of the worst coefficient, the worst standard error,
the residual SD and R².

Usage: python3 bench/nist_regress_lre.py [INSIGHTS_BINARY]   (default .build/release/insights)
"""
import json
import math
import os
import subprocess
import sys
import tempfile

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/release/insights"
DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "nist-strd")
PROBLEMS = ["Norris", "Pontius", "NoInt1", "NoInt2", "Longley", "Wampler1", "Wampler2", "Wampler3", "Wampler4"]


def lre(computed, certified):
    if computed == certified:
        return 15.0
    if certified == 0:
        return min(15.0, -math.log10(abs(computed)))
    return max(0.0, min(15.0, -math.log10(abs(computed - certified) / abs(certified))))


def main():
    print("| problem | coefficients | std errors | residual SD | R² |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as directory:
        for name in PROBLEMS:
            problem = json.load(open(os.path.join(DATA, f"{name}.json")))
            path = os.path.join(directory, f"{name}.csv")
            with open(path, "w") as f:
                f.write(",".join(["y"] + problem["predictors"]) + "\n")
                for y, xs in zip(problem["y"], problem["x"]):
                    f.write(",".join(repr(float(v)) for v in [y] + xs) + "\n")
            if problem.get("degree"):
                terms = ["x"] + [f"I(x^{k})" for k in range(2, problem["degree"] + 1)]
            else:
                terms = problem["predictors"]
            formula = "y ~ " + ("" if problem["intercept"] else "0 + ") + " + ".join(terms)
            run = subprocess.run([BINARY, "regress", "--csv", path, "--formula", formula, "--format", "json"],
                                 capture_output=True, text=True, check=True)
            fit = json.loads(run.stdout)
            certified = problem["certified"]
            rows = fit["coefficients"]
            coefficients = min(lre(r["estimate"], c) for r, c in zip(rows, certified["coefficients"]))
            errors = min(lre(r["std_error"], c) for r, c in zip(rows, certified["std_errors"]))
            print(f"| {name} | {coefficients:.1f} | {errors:.1f} | "
                  f"{lre(fit['residual_sd'], certified['residual_sd']):.1f} | "
                  f"{lre(fit['r_squared'], certified['r_squared']):.1f} |")


if __name__ == "__main__":
    main()
