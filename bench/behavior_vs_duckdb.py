#!/usr/bin/env python3
"""Behavior analytics: insights' subcommands against DuckDB SQL on the same events.

Usage: python3 bench/behavior_vs_duckdb.py PATH/TO/insights [--users N] [--repetitions R]

Builds (once, in .build/bench-behavior/) a database of the generated product events
(`insights datasets generate --users N --days 28 --services 1`), exports the events to CSV
with the sqlite3 shell, loads them into an in-memory DuckDB table, and times, for four
questions, the whole `insights` process (start-up, reading SQLite into columns, the pass per
actor, output) against DuckDB's query on the already-loaded table (load time reported
apart). Each pair's answers are compared, so the two compute the same thing.
"""
import csv
import json
import os
import statistics
import subprocess
import sys
import time

CACHE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "bench-behavior")
WEEK_NS = 7 * 86_400 * 10**9


def database(insights, users):
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, f"events-{users}.db")
    if not os.path.exists(path):
        subprocess.run([insights, "datasets", "generate", "--db", path + ".tmp", "--users", str(users), "--days", "28",
                        "--services", "1"], check=True, stdout=subprocess.DEVNULL)
        os.rename(path + ".tmp", path)
    # Opening for writing brings an older file to the current schema (and its indexes);
    # keeping 100 years of history deletes nothing.
    subprocess.run([insights, "compact", "--db", path, "--keep", "36500d"], check=True, stdout=subprocess.DEVNULL)
    return path


def export_csv(db):
    path = db + ".csv"
    if not os.path.exists(path):
        with open(path + ".tmp", "w") as out:
            subprocess.run(["sqlite3", "-readonly", "-csv", "-header", db,
                            "SELECT e.ts AS ts, a.distinct_id AS actor, n.name AS name FROM event e "
                            "JOIN actor a ON a.id = e.actor_id JOIN event_name n ON n.id = e.name_id"],
                           check=True, stdout=out)
        os.rename(path + ".tmp", path)
    return path


def timed(function, repetitions):
    times, result = [], None
    for _ in range(repetitions):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def run_json(insights, arguments):
    output = subprocess.run([insights] + arguments + ["--format", "json"], check=True, capture_output=True, text=True)
    return json.loads(output.stdout)


QUESTIONS = [
    ("weekly distinct $pageview actors",
     ["trends", "--events", "$pageview", "--interval", "week", "--measure", "actors"],
     lambda r: [int(v) for v in r["series"][0]["values"]],
     f"""SELECT count(DISTINCT actor) FROM ev WHERE name = '$pageview'
        GROUP BY (ts - 345600000000000) // {WEEK_NS} ORDER BY (ts - 345600000000000) // {WEEK_NS}""",
     lambda rows: [r[0] for r in rows]),
    ("weekly lifecycle of $pageview",
     ["lifecycle", "--event", "$pageview", "--interval", "week"],
     lambda r: [[p["new"], p["returning"], p["resurrecting"], p["dormant"]] for p in r["periods"]],
     f"""WITH active AS (SELECT DISTINCT actor, (ts - 345600000000000) // {WEEK_NS} AS k FROM ev WHERE name = '$pageview'),
        s AS (SELECT actor, k, min(k) OVER (PARTITION BY actor) AS first,
                     lag(k) OVER (PARTITION BY actor ORDER BY k) AS prev,
                     lead(k) OVER (PARTITION BY actor ORDER BY k) AS next FROM active),
        weeks AS (SELECT DISTINCT k FROM active),
        st AS (SELECT k, sum(CASE WHEN k = first THEN 1 ELSE 0 END) AS n, sum(CASE WHEN prev = k - 1 THEN 1 ELSE 0 END) AS r,
                      sum(CASE WHEN k <> first AND prev <> k - 1 THEN 1 ELSE 0 END) AS z FROM s GROUP BY k),
        d AS (SELECT k + 1 AS k, count(*) AS d FROM s WHERE next IS NULL OR next <> k + 1 GROUP BY k + 1)
        SELECT coalesce(st.n, 0), coalesce(st.r, 0), coalesce(st.z, 0), coalesce(d.d, 0)
        FROM weeks w LEFT JOIN st ON st.k = w.k LEFT JOIN d ON d.k = w.k ORDER BY w.k""",
     lambda rows: [list(map(int, r)) for r in rows]),
    ("funnel signup_started → signed_up → purchase, 7 days",
     ["funnel", "--steps", "signup_started,signed_up,purchase", "--window", "7d"],
     lambda r: [s["count"] for s in r["steps"]],
     # Earliest next step after each start (the greedy choice reaches furthest), every start
     # evaluated, actors counted at the furthest step any start reaches.
     f"""WITH s1 AS (SELECT actor, ts AS t1 FROM ev WHERE name = 'signup_started'),
        s2 AS (SELECT s1.actor, s1.t1, min(e.ts) AS t2 FROM s1 JOIN ev e ON e.actor = s1.actor AND e.name = 'signed_up'
               AND e.ts >= s1.t1 AND e.ts <= s1.t1 + {WEEK_NS} GROUP BY s1.actor, s1.t1),
        s3 AS (SELECT s2.actor FROM s2 JOIN ev e ON e.actor = s2.actor AND e.name = 'purchase'
               AND e.ts >= s2.t2 AND e.ts <= s2.t1 + {WEEK_NS})
        SELECT (SELECT count(DISTINCT actor) FROM s1), (SELECT count(DISTINCT actor) FROM s2), (SELECT count(DISTINCT actor) FROM s3)""",
     lambda rows: list(map(int, rows[0]))),
    ("weekly retention signed_up → $pageview, 4 weeks",
     ["retention", "--start", "signed_up", "--return", "$pageview", "--period", "week", "--periods", "4"],
     lambda r: [c["counts"] for c in r["cohorts"]],
     f"""WITH first AS (SELECT actor, min((ts - 345600000000000) // {WEEK_NS}) AS c FROM ev WHERE name = 'signed_up' GROUP BY actor),
        back AS (SELECT DISTINCT f.actor, f.c, (e.ts - 345600000000000) // {WEEK_NS} - f.c AS k FROM first f
                 JOIN ev e ON e.actor = f.actor AND e.name = '$pageview'
                 WHERE (e.ts - 345600000000000) // {WEEK_NS} - f.c BETWEEN 0 AND 3)
        SELECT f.c, count(DISTINCT f.actor),
               (SELECT count(*) FROM back b WHERE b.c = f.c AND b.k = 0), (SELECT count(*) FROM back b WHERE b.c = f.c AND b.k = 1),
               (SELECT count(*) FROM back b WHERE b.c = f.c AND b.k = 2), (SELECT count(*) FROM back b WHERE b.c = f.c AND b.k = 3)
        FROM first f GROUP BY f.c ORDER BY f.c""",
     lambda rows: [list(map(int, r[2:])) for r in rows]),
]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    insights = os.path.abspath(sys.argv[1])
    users = int(sys.argv[sys.argv.index("--users") + 1]) if "--users" in sys.argv else 200_000
    repetitions = int(sys.argv[sys.argv.index("--repetitions") + 1]) if "--repetitions" in sys.argv else 5
    import duckdb
    db = database(insights, users)
    events = int(subprocess.run(["sqlite3", "-readonly", db, "SELECT count(*) FROM event"], check=True,
                                capture_output=True, text=True).stdout)
    csv_path = export_csv(db)
    connection = duckdb.connect()
    connection.execute("SET threads TO 2")
    start = time.perf_counter()
    connection.execute(f"CREATE TABLE ev AS SELECT ts::BIGINT AS ts, actor::VARCHAR AS actor, name::VARCHAR AS name "
                       f"FROM read_csv('{csv_path}', header = true, all_varchar = true)")
    load = (time.perf_counter() - start) * 1000
    print(f"## behavior analytics, {events:,} events of {users:,} users (DuckDB {duckdb.__version__}, 2 threads; "
          f"CSV load into DuckDB {load:.0f} ms, not counted below)")
    print()
    print("| question | insights ms (whole process) | DuckDB ms (query only) | DuckDB / insights | same answer |")
    print("|---|---:|---:|---:|---|")
    for name, arguments, ours, sql, theirs in QUESTIONS:
        ours_ms, report = timed(lambda: run_json(insights, arguments + ["--db", db]), repetitions)
        theirs_ms, rows = timed(lambda: connection.execute(sql).fetchall(), repetitions)
        same = ours(report) == theirs(rows)
        print(f"| {name} | {ours_ms:.0f} | {theirs_ms:.0f} | {theirs_ms / ours_ms:.2f}x | {'yes' if same else '**no**'} |")
        if not same:
            print(f"<!-- insights: {ours(report)}\n     duckdb: {theirs(rows)} -->")


if __name__ == "__main__":
    main()
