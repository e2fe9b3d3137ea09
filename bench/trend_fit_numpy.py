"""numpy side of `make bench`: the same trend fit as insights-bench, without standard errors.

Reads raw little-endian float64, column-major files written by insights-bench:
Y (n x k), X (n x p) and insights' coefficients (p x k) and HAC standard errors (p x k).
Times, best of R runs after one warm-up:
  - lstsq:      np.linalg.lstsq(X, Y, rcond=None)            (LAPACK gelsd, SVD based)
  - qr path:    Q, R = np.linalg.qr(X); C = Q.T @ Y; B = solve(R, C); U = Y - Q @ C
  - qr path with preallocated outputs (matmul/subtract out=), the cheapest numpy spelling
each for Y as laid out in the file (Fortran order, as insights holds it) and as a C-order copy.
Checks numpy's coefficients against insights' (rtol 1e-9, atol 1e-9 * max |coefficient| of that
term over all series) and statsmodels' HAC standard errors for a few series against insights'.
Prints one JSON object on stdout.

Usage: python3 bench/trend_fit_numpy.py Y_FILE --rows N --design X_FILE
           [--coefficients B_FILE] [--hac HAC_FILE --lags L] [--repetitions R]
"""
import argparse
import json
import statistics
import time

import numpy as np


def timed(repetitions, body):
    body()  # warm-up
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        samples.append(time.perf_counter() - start)
    return {"best": min(samples), "median": statistics.median(samples), "samples": samples}


def qr_path(X, Y):
    Q, R = np.linalg.qr(X)
    C = Q.T @ Y
    B = np.linalg.solve(R, C)
    U = Y - Q @ C
    return B, U


def make_qr_path_preallocated(X, Y):
    n, k = Y.shape
    p = X.shape[1]
    order = "F" if Y.flags.f_contiguous else "C"
    C = np.empty((p, k), order=order)
    U = np.empty((n, k), order=order)

    def run():
        Q, R = np.linalg.qr(X)
        np.matmul(Q.T, Y, out=C)
        B = np.linalg.solve(R, C)
        np.matmul(Q, C, out=U)
        np.subtract(Y, U, out=U)
        return B, U

    return run


def read_matrix(path, rows):
    flat = np.fromfile(path, dtype="<f8")
    assert flat.size % rows == 0, f"{path}: {flat.size} values is not a multiple of {rows} rows"
    return flat.reshape(flat.size // rows, rows).T  # column-major file -> Fortran-ordered view


def agreement(computed, reference):
    """Largest |computed - reference| / (|reference| + max over series of |reference| for that term)."""
    scale = np.abs(reference) + np.max(np.abs(reference), axis=1, keepdims=True)
    return float(np.max(np.abs(computed - reference) / scale))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("responses")
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--design", required=True)
    parser.add_argument("--coefficients")
    parser.add_argument("--hac")
    parser.add_argument("--lags", type=int)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()

    Y = read_matrix(args.responses, args.rows)
    X = np.ascontiguousarray(read_matrix(args.design, args.rows))
    Y_c = np.ascontiguousarray(Y)
    reps = args.repetitions
    result = {"numpy": np.__version__, "n": Y.shape[0], "k": Y.shape[1], "p": X.shape[1]}
    try:
        config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        result["blas"] = f'{config.get("name")} {config.get("version")}'
    except Exception:  # older numpy: no dict mode
        result["blas"] = "unknown"

    timings = {
        "lstsq": timed(reps, lambda: np.linalg.lstsq(X, Y, rcond=None)),
        "qr_path_f": timed(reps, lambda: qr_path(X, Y)),
        "qr_path_c": timed(reps, lambda: qr_path(X, Y_c)),
        "qr_path_prealloc_f": timed(reps, make_qr_path_preallocated(X, Y)),
        "qr_path_prealloc_c": timed(reps, make_qr_path_preallocated(X, Y_c)),
    }
    fastest = min((name for name in timings if name.startswith("qr_path")), key=lambda name: timings[name]["best"])
    result["timings"] = timings
    result["fastest_qr_path"] = fastest

    if args.coefficients:
        ours = read_matrix(args.coefficients, X.shape[1])
        B_lstsq = np.linalg.lstsq(X, Y, rcond=None)[0]
        B_qr, _ = qr_path(X, Y)
        result["coefficient_agreement"] = {"lstsq": agreement(ours, B_lstsq), "qr_path": agreement(ours, B_qr)}

    if args.hac:
        import statsmodels.api as sm

        ours = read_matrix(args.hac, X.shape[1])
        worst = 0.0
        for c in sorted({0, Y.shape[1] // 2, Y.shape[1] - 1}):
            fit = sm.OLS(Y[:, c], X).fit(cov_type="HAC", cov_kwds={"maxlags": args.lags})
            worst = max(worst, float(np.max(np.abs(ours[:, c] - fit.bse) / fit.bse)))
        result["hac_agreement_statsmodels"] = worst
        # What a statsmodels user runs per series: OLS with HAC standard errors, one series
        # at a time; timed on the first 200 series (best of 3), reported per series.
        count = min(200, Y.shape[1])
        def per_series():
            for c in range(count):
                sm.OLS(Y[:, c], X).fit(cov_type="HAC", cov_kwds={"maxlags": args.lags})
        per_series()
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            per_series()
            best = min(best, time.perf_counter() - start)
        result["statsmodels_hac_per_series_ms"] = best / count * 1e3

    print(json.dumps(result))


if __name__ == "__main__":
    main()
