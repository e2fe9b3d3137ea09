"""Reference designs for Tests/InsightsNumericsTests/Formula, computed by patsy.

Run: python3 bench/reference/formula_patsy.py > /tmp/patsy_cases.swift
Prints Swift case literals: formula as our parser reads it, column names, term names
with their column ranges, used rows, response and the design row by row, every value
printed with 17 significant digits. patsy 1.0.3, numpy, pandas.

patsy evaluates Python, so formulas that differ in spelling are given twice: the text
our tests parse and the text patsy evaluates (``x1**2`` for ``x1^2``). log/exp/sqrt/abs
are bound to numpy functions under those names so patsy's factor names match ours.
"""
import numpy as np
import pandas as pd
import patsy

log, exp, sqrt = np.log, np.exp, np.sqrt

DATA = {
    "y": [3.1, 4.7, 2.2, 5.9, 6.3, 4.4, 7.8, 5.1, 6.6, 8.2],
    "x1": [0.5, 1.2, 2.0, 2.7, 3.1, 3.9, 4.4, 5.8, 6.1, 7.3],
    "x2": [2.0, 1.5, 3.5, 0.25, 4.0, 2.75, 1.0, 3.25, 0.5, 2.5],
    "k": [1.0, 2.0, 1.0, 3.0, 2.0, 1.0, 3.0, 2.0, 1.0, 3.0],
    "g": ["b", "a", "c", "a", "b", "c", "a", "c", "b", "a"],
    "h": ["v", "u", "u", "v", "v", "u", "v", "u", "u", "v"],
}

# (formula we parse, formula patsy evaluates or None when the same)
CASES = [
    ("y ~ x1 + x2", None),
    ("y ~ 0 + x1 + x2", None),
    ("y ~ x1 + x2 - 1", None),
    ("y ~ x1 + 0 + x2", None),
    ("y ~ C(g)", None),
    ("y ~ g", None),
    ("y ~ 0 + C(g)", None),
    ("y ~ C(k)", None),
    ("y ~ x1 * g", None),
    ("y ~ g * x1", None),
    ("y ~ g:h", None),
    ("y ~ 0 + g:h", None),
    ("y ~ g * h", None),
    ("y ~ x1:x2", None),
    ("y ~ x1 * x2", None),
    ("y ~ x1:g + g", None),
    ("y ~ 0 + g + h", None),
    ("y ~ 0 + x1 + g", None),
    ("y ~ x1:x2:g", None),
    ("y ~ x1 * x2 * k", None),
    ("y ~ g * h * x1", None),
    ("y ~ x1:g:h + x1", None),
    ("y ~ (x1 + g + h)^2", "y ~ (x1 + g + h)**2"),
    ("y ~ x1 / g", None),
    ("y ~ x1 * g - g", None),
    ("y ~ x2 + x1 + x2:x1 + x1:x2", None),
    ("log(y) ~ I(x1**2) + exp(x2)", None),
    ("y ~ I(-x1 + 2*x2) + sqrt(x2) + abs(x1 - 3)", None),
    ("y ~ I((x1 + 1) / x2) + log(x1):g", None),
]


def swift_number(value):
    return repr(float(value))


def dump(ours, theirs, data, label):
    y, X = patsy.dmatrices(theirs or ours, data, return_type="dataframe", NA_action="drop")
    info = X.design_info
    names = ", ".join('"%s"' % n for n in info.column_names)
    slices = ", ".join('("%s", %d..<%d)' % (t.name(), s.start, s.stop)
                       for t, s in info.term_slices.items())
    rows = ", ".join(str(int(i)) for i in X.index)
    response = ", ".join(swift_number(v) for v in y.iloc[:, 0])
    matrix = ",\n            ".join(
        "[" + ", ".join(swift_number(v) for v in row) + "]" for row in X.to_numpy())
    print('    PatsyCase(%s"%s", responseName: "%s",' % (label, ours, y.columns[0]))
    print("        names: [%s]," % names)
    print("        terms: [%s]," % slices)
    print("        rows: [%s]," % rows)
    print("        response: [%s]," % response)
    print("        design: [\n            %s]),\n" % matrix)


if __name__ == "__main__":
    frame = pd.DataFrame(DATA)
    print("// patsy %s, bench/reference/formula_patsy.py" % patsy.__version__)
    for ours, theirs in CASES:
        dump(ours, theirs, frame, "")
    # Missing values: NaN in x2 (row 3) and y (row 7) drop those rows; NaN in a column
    # the formula does not read (k, row 5) drops nothing.
    missing = frame.copy()
    missing.loc[3, "x2"] = np.nan
    missing.loc[7, "y"] = np.nan
    missing.loc[5, "k"] = np.nan
    print("// with NaN at x2[3], y[7], k[5]")
    dump("y ~ x2 + g", None, missing, "missing: true, ")
