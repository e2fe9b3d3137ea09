"""When does a noisy, steadily filling series first reach a limit? insights' answer against the truth.

A disk fills linearly (+0.8 %/day, as the demo's) with white noise, 14 days of 15-minute points;
the limit is where the true trend line will be 36 hours after the last point. For each draw,
`insights forecast --threshold` gives the probability of crossing within 3 days and the 5/50/95 %
quantiles of the first crossing (from its backtest error paths), and the truth is the same
quantiles over 4,000 simulated futures of the process: the first *observed* point at or over the
limit. With noise, that comes well before the trend line's own crossing.

    python3 bench/crossing_calibration.py .build/release/insights [--draws 40] [--noise 0.003]
"""
import argparse, json, os, subprocess, tempfile
import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("--draws", type=int, default=40)
parser.add_argument("--noise", type=float, default=0.003)
parser.add_argument("--seed", type=int, default=7)
args = parser.parse_args()

rng = np.random.default_rng(args.seed)
n, horizon, slope = 14 * 96, 3 * 96, 0.008 / 96
trend_crossing = 36 * 4
rows = []
with tempfile.TemporaryDirectory() as directory:
    path = os.path.join(directory, "disk.csv")
    for draw in range(args.draws):
        mean = 0.55 + slope * np.arange(n + horizon)
        y = mean + rng.normal(0, args.noise, n + horizon)
        limit = mean[n - 1] + slope * trend_crossing
        with open(path, "w") as f:
            f.write("unique_id,ds,y\n" + "".join(f"disk,{i},{y[i]:.6f}\n" for i in range(n)))
        out = subprocess.run([args.binary, "forecast", "--csv", path, "--horizon", str(horizon),
                              "--threshold", repr(float(limit)), "--format", "json"],
                             capture_output=True, text=True, check=True).stdout
        crossing = json.loads(out)["series"][0]["threshold"]
        futures = mean[n:][None, :] + rng.normal(0, args.noise, (4000, horizon))
        hit = futures >= limit
        first = np.where(hit.any(axis=1), hit.argmax(axis=1) + 1, horizon + 1)
        truth = np.percentile(first, [5, 50, 95])
        q = crossing.get("first_crossing", {})
        rows.append((q.get("p05"), q.get("p50"), q.get("p95"), crossing["probability"], crossing.get("point_crossing"), truth))

truth_median = float(np.median([t[1] for *_, t in rows]))
estimates = [r[1] for r in rows if r[1] is not None]
inside = sum(1 for r in rows if r[0] is not None and r[0] <= r[5][1] and (r[2] is None or r[5][1] <= r[2]))
points = [r[4] for r in rows if r[4] is not None]
print(f"draws {len(rows)}, noise sd {args.noise}, steps of 15 min; the trend line crosses at step {trend_crossing}")
print(f"truth: first observed crossing, median step {truth_median:.0f} "
      f"(5-95 % {np.median([t[0] for *_, t in rows]):.0f}-{np.median([t[2] for *_, t in rows]):.0f}), P(cross in 3 days) 1.00")
print(f"insights: median of its p50 estimates {np.median(estimates):.0f} (quartiles {np.percentile(estimates, 25):.0f}-"
      f"{np.percentile(estimates, 75):.0f}); its 5-95 % range holds the true median in {inside}/{len(rows)} draws; "
      f"mean P(cross) {np.mean([r[3] for r in rows]):.2f}")
print(f"point forecast's own crossing: median step {np.median(points):.0f} ({len(points)}/{len(rows)} draws cross)")
