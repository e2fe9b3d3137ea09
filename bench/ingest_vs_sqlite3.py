"""Ingest of a 10M-point long CSV: `insights ingest` against sqlite3's `.import`, same run.

A user with a big CSV and SQLite would otherwise run the sqlite3 shell's `.import`
into a plain table (no types, no keys). `insights ingest` instead parses every
timestamp and number, interns series and builds the clustered (series, time) key.
This script writes a seeded long CSV (1,000 series x 10,000 points, ISO 8601
timestamps), times both from a cold process, reports insights' peak resident memory
(ru_maxrss of the child), then times reading every point back into arrays with
`insights-bench read-back`.

Usage: python3 bench/ingest_vs_sqlite3.py INSIGHTS INSIGHTS_BENCH [POINTS]
"""
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

POINTS = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000_000
SERIES = 1_000


def write_csv(path):
    rng = random.Random(20261127)
    per_series = POINTS // SERIES
    start = 1_767_571_200  # 2026-01-05T00:00:00Z
    with open(path, "w") as f:
        f.write("timestamp,metric,value,host,region\n")
        for s in range(SERIES):
            host, region = f"h{s:04d}", ("eu", "us", "ap")[s % 3]
            level = rng.uniform(10, 100)
            lines = []
            for i in range(per_series):
                t = start + i * 60
                stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
                lines.append(f"{stamp},cpu_usage,{level + rng.gauss(0, 1):.4f},{host},{region}\n")
            f.writelines(lines)


def timed(command):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execvp(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{command[0]} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024  # MiB


def main():
    insights, bench = sys.argv[1], sys.argv[2]
    sqlite3 = shutil.which("sqlite3") or sys.exit("sqlite3 shell not found (apt-get install sqlite3)")
    with tempfile.TemporaryDirectory() as directory:
        csv = os.path.join(directory, "points.csv")
        write_csv(csv)
        size = os.path.getsize(csv) / 1e6
        plain = os.path.join(directory, "plain.db")
        theirs, their_memory = timed([sqlite3, plain, "-cmd", ".mode csv", f".import {csv} points"])
        database = os.path.join(directory, "insights.db")
        ours, our_memory = timed([insights, "ingest", "--db", database, csv])
        start = time.perf_counter()
        read = subprocess.run([bench, "read-back", database], check=True, capture_output=True, text=True).stdout
        print(f"## ingest: {POINTS:,} points ({size:.0f} MB long CSV, {SERIES} series)")
        print()
        print("| run | seconds | points/s | peak RSS MiB |")
        print("|---|---:|---:|---:|")
        print(f"| insights ingest (typed, clustered (series, time) key) | {ours:.2f} | {POINTS / ours / 1e6:.2f}M | {our_memory:.0f} |")
        print(f"| sqlite3 .import into a plain table | {theirs:.2f} | {POINTS / theirs / 1e6:.2f}M | {their_memory:.0f} |")
        print()
        print(f"ratio: insights is {theirs / ours:.2f}x the speed of sqlite3 .import (target >= 1.5x); "
              f"peak memory {our_memory:.0f} MiB (target < 200)")
        print(read.strip())


if __name__ == "__main__":
    main()
