"""Writes checkout_latency_daily.csv, the demo data `make run` regresses.

Twelve weeks of daily p95 latency for a checkout service: a slow upward drift
(0.45 ms/day), a weekly pattern (busier weekdays, quiet weekends), a 12 ms step
after a deploy on day 50, and AR(1) noise (phi = 0.6), so ordinary standard errors are
too small and HAC ones are needed. Deterministic: same file on every run.
"""
import csv
import datetime
import random

rng = random.Random(20261127)
start = datetime.date(2026, 8, 3)  # a Monday
weekday_effect = {"Mon": 9.0, "Tue": 7.5, "Wed": 6.0, "Thu": 6.5, "Fri": 3.0, "Sat": -12.0, "Sun": -14.0}
noise = 0.0
with open("checkout_latency_daily.csv", "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["date", "day", "weekday", "after_deploy", "requests_k", "p95_ms"])
    for day in range(84):
        date = start + datetime.timedelta(days=day)
        weekday = date.strftime("%a")
        after_deploy = int(day >= 50)
        requests = 420 + 3.0 * day + (60 if weekday not in ("Sat", "Sun") else -80) + rng.gauss(0, 15)
        noise = 0.6 * noise + rng.gauss(0, 4.0)
        p95 = 182.0 + 0.45 * day + weekday_effect[weekday] + 12.0 * after_deploy + noise
        writer.writerow([date.isoformat(), day, weekday, after_deploy, f"{requests:.1f}", f"{p95:.2f}"])
