#!/usr/bin/env python3
"""Exact mean, SD and r(1) of the NIST StRD univariate sets *as binary64 inputs*.

NIST certifies statistics of the decimal data. A function that receives `Double`s
sees each value rounded to binary64 first, and for NumAcc3/NumAcc4 (values ~1e6 and
~1e7 with steps of 0.1) that rounding alone moves the SD and r(1) by more than
1e-12. This script computes the statistics of the rounded inputs with exact
rational arithmetic (square root with mpmath at 50 digits), so the tests can check
our algorithms against the best any binary64 algorithm can do, and print the
ceiling LRE against the certified value.

Run from the project root:  python3 bench/reference/nist_binary64.py
"""
import json
import pathlib
from fractions import Fraction

import mpmath

mpmath.mp.dps = 50
ROOT = pathlib.Path(__file__).resolve().parents[2]
NIST = ROOT.parent / "shared" / "data" / "nist-strd" / "univariate"
NAMES = ["Lew", "Lottery", "Mavro", "Michelso", "NumAcc1", "NumAcc2", "NumAcc3", "NumAcc4", "PiDigits"]


def mp(q):
    return mpmath.mpf(q.numerator) / q.denominator


def lre(value, certified):
    c = mpmath.mpf(certified)  # the decimal string NIST printed
    if value == c:
        return 15.0
    return min(15.0, float(-mpmath.log10(abs(value - c) / abs(c))))


for name in NAMES:
    text = (NIST / f"{name}.json").read_text()
    data = json.loads(text)
    certified = json.loads(text, parse_float=str)["certified"]
    y = [Fraction(v) for v in data["y"]]  # Fraction(float) is the exact binary64 value
    n = len(y)
    mean = sum(y) / n
    ss = sum((v - mean) ** 2 for v in y)
    sd = mpmath.sqrt(mp(ss / (n - 1)))
    r1 = sum((y[i] - mean) * (y[i - 1] - mean) for i in range(1, n)) / ss
    print(f'("{name}", {mpmath.nstr(mp(mean), 17)}, {mpmath.nstr(sd, 17)}, {mpmath.nstr(mp(r1), 17)}),'
          f"  // ceiling LRE mean {lre(mp(mean), certified['mean']):.2f}"
          f" sd {lre(sd, certified['std_dev']):.2f} r1 {lre(mp(r1), certified['autocorr_lag1']):.2f}")
