"""Shell latency: start-up, one-series statements on 10M points, completion with 100k series.

Targets (shell issue): interactive statements on one series under 50 ms on a 10M-point
database; completion with 100k series in the catalog under 50 ms. Start-up and the `sql`
statement are compared with the sqlite3 shell, the tool a user would otherwise open, in the
same run.

1. Start-up: wall time of `insights -c .quit` against `sqlite3 :memory: .quit` (fork to exit,
   >= 20 runs each, interleaved), and the time from spawning the REPL in a pseudo-terminal to
   its `insights> ` prompt.
2. Statements on one series of a 10M-point database (1,000 series x 10,000 points, built once
   with the CSV writer of ingest_vs_sqlite3.py and `insights ingest`, kept under .build): each
   statement's own `Run Time` from `.timer on` in one `-c` invocation (start-up excluded),
   median over repetitions; the `sql` count against the same SQL in sqlite3 with `.timer on`.
3. Completion: a database of 100,000 series (10,000 metrics x 10 hosts, 2 points each); the
   REPL in a pseudo-terminal gets a metric prefix and Tab, and the time until the completed
   text is echoed is measured. The first Tab of a session includes reading the catalog.

Usage: python3 bench/shell_latency.py INSIGHTS [--repetitions R] [--parts startup,statements,completion]
"""
import importlib.util
import os
import pty
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, "..", ".build", "bench-shell")
TARGET_MS = 50.0


def ingest_module():
    spec = importlib.util.spec_from_file_location("ingest_vs_sqlite3", os.path.join(HERE, "ingest_vs_sqlite3.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.POINTS = 10_000_000
    return module


def quantiles(values):
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def wall(command, env=None):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return (time.perf_counter() - start) * 1000


def database_10m(insights):
    """The 10M-point database, built once and reused by later runs."""
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, "points-10m.db")
    if not os.path.exists(path):
        module = ingest_module()
        csv = os.path.join(CACHE, "points-10m.csv")
        module.write_csv(csv)
        subprocess.run([insights, "ingest", "--db", path + ".tmp", csv], check=True, stdout=subprocess.DEVNULL)
        os.rename(path + ".tmp", path)
        os.remove(csv)
    return path


def database_100k_series(insights):
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, "series-100k.db")
    if not os.path.exists(path):
        csv = os.path.join(CACHE, "series-100k.csv")
        with open(csv, "w") as f:
            f.write("timestamp,metric,value,host\n")
            for m in range(10_000):
                for h in range(10):
                    f.write(f"2026-01-05T00:00:00Z,m{m:05d}_latency_seconds,{m % 7 + h},h{h}\n")
                    f.write(f"2026-01-05T00:01:00Z,m{m:05d}_latency_seconds,{m % 5 + h},h{h}\n")
        subprocess.run([insights, "ingest", "--db", path + ".tmp", csv], check=True, stdout=subprocess.DEVNULL)
        os.rename(path + ".tmp", path)
        os.remove(csv)
    return path


class Terminal:
    """The REPL on a pseudo-terminal; `until` reads output until a pattern appears."""

    def __init__(self, command, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(command[0], command, env)
        self.buffer = b""

    def until(self, pattern, timeout=30.0):
        deadline = time.perf_counter() + timeout
        while pattern not in self.buffer:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no {pattern!r} in {self.buffer[-300:]!r}")
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                self.buffer += os.read(self.fd, 65536)
        self.buffer = self.buffer[self.buffer.index(pattern) + len(pattern):]
        return time.perf_counter()

    def send(self, text):
        os.write(self.fd, text.encode())

    def settle(self):
        """Waits for libedit to switch the terminal mode after a prompt: that switch flushes
        input already sent."""
        time.sleep(0.05)

    def close(self):
        for _ in range(100):
            self.send("\x04")
            time.sleep(0.05)
            if os.waitpid(self.pid, os.WNOHANG)[0] != 0:
                break
        else:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def repl_env(directory):
    env = dict(os.environ, INSIGHTS_HISTORY=os.path.join(directory, "history"), TERM="xterm")
    return env


def startup(insights, sqlite3, repetitions, directory):
    ours, theirs, prompt = [], [], []
    database = os.path.join(directory, "empty.db")
    for _ in range(repetitions):
        ours.append(wall([insights, "--db", database, "-c", ".quit"]))
        theirs.append(wall([sqlite3, ":memory:", ".quit"]))
    for _ in range(max(5, repetitions // 4)):
        start = time.perf_counter()
        terminal = Terminal([insights, "--db", database], repl_env(directory))
        prompt.append((terminal.until(b"insights> ") - start) * 1000)
        terminal.close()
    return ours, theirs, prompt


STATEMENTS = [
    ("bare selector query", 'cpu_usage{host="h0001"}'),
    ("trend", 'trend cpu_usage{host="h0001"}'),
    ("anomalies", 'anomalies cpu_usage{host="h0001"}'),
    ("forecast horizon 1h", 'forecast cpu_usage{host="h0001"} horizon 1h'),
    ("sql count on one series", "sql " + "SELECT count(*), avg(value) FROM point WHERE series_id = "
     "(SELECT series_id FROM series_label WHERE key = 'host' AND value = 'h0001')"),
]


def run_times(stderr):
    return [float(x) * 1000 for x in re.findall(r"Run Time: ([0-9.]+) s", stderr)]


def statements(insights, sqlite3, database, repetitions):
    script = ".timer on\n" + "\n".join(text + ";" for _, text in STATEMENTS)
    samples = [[] for _ in STATEMENTS]
    walls = []
    for _ in range(repetitions):
        start = time.perf_counter()
        result = subprocess.run([insights, "--db", database, "-c", script], capture_output=True, text=True)
        walls.append((time.perf_counter() - start) * 1000)
        if result.returncode != 0:
            sys.exit(f"insights failed: {result.stderr[-2000:]}")
        times = run_times(result.stderr)[1:]  # the first is `.timer on` itself
        if len(times) != len(STATEMENTS):
            sys.exit(f"expected {len(STATEMENTS)} run times, got {times}: {result.stderr[-2000:]}")
        for sample, value in zip(samples, times):
            sample.append(value)
    sql = STATEMENTS[-1][1][len("sql "):] + ";"
    sqlite_samples = []
    for _ in range(repetitions):
        result = subprocess.run([sqlite3, database], input=".timer on\n" + sql + "\n", capture_output=True, text=True, check=True)
        sqlite_samples += [float(x) * 1000 for x in re.findall(r"Run Time: real ([0-9.]+)", result.stdout + result.stderr)]
    return samples, sqlite_samples, walls


def completion(insights, database, directory, sessions, per_session):
    first, later, keys, values = [], [], [], []
    for session in range(sessions):
        terminal = Terminal([insights, "--db", database], repl_env(directory))
        terminal.until(b"insights> ")
        for k in range(per_session):
            terminal.settle()
            metric = f"m{(session * 997 + k * 131) % 10_000:05d}_latency_seconds"
            typed = "trend " + metric[:8]
            terminal.send(typed)
            terminal.until(typed[-4:].encode())
            start = time.perf_counter()
            terminal.send("\t")
            elapsed = (terminal.until(metric[8:].encode()) - start) * 1000
            (first if k == 0 else later).append(elapsed)
            # A label key of this metric after `{` (its first lookup), then its values listed
            # by a second Tab after `="` (ten hosts, no common prefix beyond `h`).
            terminal.send("{ho")
            terminal.until(b"{ho")
            start = time.perf_counter()
            terminal.send("\t")
            keys.append((terminal.until(b"st") - start) * 1000)
            terminal.send('="')
            terminal.until(b'="')
            start = time.perf_counter()
            terminal.send("\t\t")
            values.append((terminal.until(b"h9") - start) * 1000)
            terminal.until(b'="h')
            terminal.send('0"}\n')  # runs the statement (a trend of 2 points) and prompts again
            terminal.until(b"insights> ")
        terminal.close()
    return first, later, keys, values


def row(name, values, versus=None):
    median, p90 = quantiles(values)
    ratio = f"{median / versus:.2f}x" if versus else ""
    verdict = "" if versus is not None else ("yes" if median < TARGET_MS else "**no**")
    print(f"| {name} | {len(values)} | {median:.1f} | {p90:.1f} | {ratio or verdict} |")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    insights = os.path.abspath(sys.argv[1])
    repetitions = int(sys.argv[sys.argv.index("--repetitions") + 1]) if "--repetitions" in sys.argv else 20
    parts = sys.argv[sys.argv.index("--parts") + 1].split(",") if "--parts" in sys.argv else ["startup", "statements", "completion"]
    sqlite3 = shutil.which("sqlite3") or sys.exit("sqlite3 shell not found (apt-get install sqlite3)")
    with tempfile.TemporaryDirectory() as directory:
        if "startup" in parts:
            startup_part(insights, sqlite3, repetitions, directory)
        if "statements" in parts:
            statements_part(insights, sqlite3, repetitions)
        if "completion" in parts:
            completion_part(insights, directory)


def startup_part(insights, sqlite3, repetitions, directory):
    ours, theirs, prompt = startup(insights, sqlite3, repetitions, directory)
    print("## start-up (ms, wall time from spawn to exit / to the prompt)")
    print()
    print("| run | n | median | p90 | vs sqlite3 |")
    print("|---|---:|---:|---:|---:|")
    row("sqlite3 :memory: .quit", theirs, versus=0)
    row("insights -c .quit", ours, versus=statistics.median(theirs))
    row("insights REPL to `insights> ` prompt (pty)", prompt, versus=statistics.median(theirs))
    print()


def statements_part(insights, sqlite3, repetitions):
    database = database_10m(insights)
    samples, sqlite_samples, walls = statements(insights, sqlite3, database, max(3, repetitions // 6))
    print("## one series (10,000 points) of a 10M-point database (ms, `.timer on` run time per statement)")
    print()
    print("| statement | n | median | p90 | < 50 ms |")
    print("|---|---:|---:|---:|---:|")
    for (name, _), values in zip(STATEMENTS, samples):
        row(name, values)
    row("sqlite3 shell, same SQL, same file", sqlite_samples)
    print()
    print(f"sql count: insights / sqlite3 = {statistics.median(samples[-1]) / statistics.median(sqlite_samples):.2f}x; "
          f"whole `-c` invocation of {len(STATEMENTS)} statements: median {statistics.median(walls):.0f} ms wall")
    print()


def completion_part(insights, directory):
    database = database_100k_series(insights)
    first, later, keys, values = completion(insights, database, directory, sessions=5, per_session=11)
    print("## completion, 100,000 series (10,000 metrics) in the catalog (ms, Tab to completed text on the pty)")
    print()
    print("| completion | n | median | p90 | < 50 ms |")
    print("|---|---:|---:|---:|---:|")
    row("first Tab of a session (reads the catalog)", first)
    row("later Tabs", later)
    row("label key after `{` (first lookup of that metric's keys)", keys)
    row("label values after `=\"`, listed by Tab Tab (first lookup)", values)


if __name__ == "__main__":
    main()
