"""Load test: 50 caseworkers at once on `bryggan serve` (gunicorn), PostgreSQL, 15,000 households.

Run: `.venv/bin/python benchmarks/load/run.py` (or `make load`); `--help` for the sizes.

1. Starts a throw-away PostgreSQL cluster as `benchmarks/payment_run.py` does (127.0.0.1 only,
   `fsync=off`, every other setting at its default), or uses `--database-url`: an empty database,
   or one this script filled before (its households are used as they are, tiled if too few).
2. Migrates, loads the demo (`bryggan demo --households D`, through the services), measures the
   database's size and rows, then tiles the demo (`tile.py`) up to `--households` (15,000 by
   default) and measures again; `VACUUM ANALYZE`.
3. Starts `bryggan serve` on 127.0.0.1 (debug off, no second factor: BRYGGAN_REQUIRE_OTP=0, plain
   HTTP on the loopback) with `--workers` and `--threads`, waits for `/halsa/`.
4. Runs `locustfile.py` headless: `--users` caseworkers (each a different demo caseworker with
   cases; the demo's password set for them), spawned at `--spawn-rate` a second, for `--duration`
   counted from when all have signed in (`--reset-stats`: sign-in, a slow password hash once a
   day, is not in the figures); then prints the table (requests, failures, median, p95, p99, max
   per page) with the target (p95 < 200 ms, no failure) and the
   health endpoint as the baseline in the same run; then the time inside the worker per page
   (the server's request log, `duration_ms`) and where the CPU went while Locust ran (Locust,
   the server, the whole machine) with the load average. Exits 1 on any failure.
Everything runs on the loopback and stops at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import json
import math
import os
import platform
import re
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import payment_run  # noqa: E402 - the throw-away cluster

TARGET_P95_MS = 200
DEMO_PASSWORD = "bryggan-demo"  # noqa: S105 - the demo's printed password
BIN = Path(sys.executable).parent
PORT = 8791


def _bryggan(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "bryggan"), *args], env=env, check=True)  # noqa: S603


def measure_size(env: dict[str, str]) -> dict[str, int]:
    import psycopg  # noqa: PLC0415

    with psycopg.connect(env["BRYGGAN_DATABASE_URL"]) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        rows = sum(
            connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
            for t in tables
        )
        households = connection.execute("SELECT count(*) FROM people_household").fetchone()[0]
        size = connection.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return {"households": households, "rows": rows, "bytes": size}


def _tile(env: dict[str, str], copies: int) -> None:
    code = (
        "import django; django.setup()\n"
        f"import sys; sys.path.insert(0, {str(HERE)!r})\n"
        "import tile\n"
        f"tile.tile({copies}, progress=lambda m: print(m, flush=True))\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)  # noqa: S603


def _vacuum(url: str) -> None:
    import psycopg  # noqa: PLC0415

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def caseworkers(url: str, count: int) -> list[str]:
    """Caseworkers with active cases, spread over the units and copies."""
    import psycopg  # noqa: PLC0415

    with psycopg.connect(url) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT u.username FROM accounts_user u WHERE u.role = 'caseworker' AND "
                "EXISTS (SELECT 1 FROM people_household h WHERE h.caseworker_id = u.id "
                "AND h.status = 'active') ORDER BY u.id"
            )
        ]
    if len(names) <= count:
        return names
    step = len(names) / count
    return [names[math.floor(i * step)] for i in range(count)]


def _demo_password(env: dict[str, str], users: list[str]) -> None:
    """The demo gives its staff no password (only the persona logins have one): give the chosen
    caseworkers the demo's, hashed as Django does."""
    import psycopg  # noqa: PLC0415

    code = (
        "import django; django.setup()\n"
        "from django.contrib.auth.hashers import make_password\n"
        f"print(make_password({DEMO_PASSWORD!r}))"
    )
    hashed = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    with psycopg.connect(env["BRYGGAN_DATABASE_URL"]) as connection:
        connection.execute(
            "UPDATE accounts_user SET password = %s WHERE username = ANY(%s)", [hashed, users]
        )


@contextlib.contextmanager
def server(env: dict[str, str], workers: int, threads: int, log: Path) -> Iterator[tuple[str, int]]:
    base = f"http://127.0.0.1:{PORT}"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "bryggan"),
                "serve",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                f"{workers}",
                "--threads",
                f"{threads}",
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(base + "/halsa/", timeout=5) as health:  # noqa: S310
                        if health.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"bryggan serve did not come up; see {log}")
                time.sleep(0.5)
            yield base, process.pid
        finally:
            process.terminate()
            process.wait(timeout=30)


def _machine_cpu() -> tuple[float, float]:
    """Seconds the machine's CPUs have been busy and in all, summed over CPUs (/proc/stat)."""
    ticks = [int(t) for t in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    hertz = os.sysconf("SC_CLK_TCK")
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks) - idle) / hertz, sum(ticks) / hertz


def _process_cpu(pid: int) -> float:
    """CPU seconds of a running process and of its running children (gunicorn's workers)."""
    hertz, total = os.sysconf("SC_CLK_TCK"), 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(stat.parent.name) == pid or int(fields[1]) == pid:
                total += (int(fields[11]) + int(fields[12])) / hertz  # utime, stime
    return total


def run_locust(
    base: str, users: list[str], args: argparse.Namespace, prefix: Path, server_pid: int
) -> tuple[list[dict[str, str]], dict[str, float]]:
    """Locust's rows, and where the CPU went while it ran: Locust itself, the server (gunicorn's
    master and workers), the whole machine (PostgreSQL and anything else included)."""
    env = dict(os.environ, LOAD_USERS=",".join(users), LOAD_PASSWORD=DEMO_PASSWORD)
    count, spawn_rate, duration = args.users, args.spawn_rate, args.duration
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before, (busy_before, all_before) = _process_cpu(server_pid), _machine_cpu()
    load_before, started = os.getloadavg()[0], time.monotonic()
    subprocess.run(  # noqa: S603
        [
            *(str(BIN / "locust"), "-f", args.locustfile, "--headless"),
            *("--users", str(count), "--spawn-rate", str(spawn_rate), "--run-time", duration),
            *("--host", base, "--csv", str(prefix), "--only-summary", "--stop-timeout", "10"),
            "--reset-stats",  # the figures are the work after every user has signed in
            "--exit-code-on-error",
            "0",
        ],
        env=env,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_after, all_after = _machine_cpu()
    cpu = {
        "seconds": time.monotonic() - started,
        "locust": after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime,
        "server": _process_cpu(server_pid) - server_before,
        "machine busy": busy_after - busy_before,
        "machine": all_after - all_before,
        "load before": load_before,
        "load after": os.getloadavg()[0],
    }
    with Path(f"{prefix}_stats.csv").open() as stats:
        return list(csv.DictReader(stats)), cpu


def report_cpu(cpu: dict[str, float]) -> None:
    machine = cpu["machine"]
    print(
        f"\nCPU while Locust ran ({cpu['seconds']:.0f} s; shares of all {os.cpu_count()} CPUs): "
        f"machine busy {cpu['machine busy'] / machine:.0%}, of which the server "
        f"{cpu['server'] / machine:.0%}, Locust {cpu['locust'] / machine:.0%}, the rest "
        f"(PostgreSQL, anything else) "
        f"{(cpu['machine busy'] - cpu['server'] - cpu['locust']) / machine:.0%}; "
        f"load average (1 min) {cpu['load before']:.2f} before, {cpu['load after']:.2f} after"
    )


# The server's own request log (`core/request_log.py`): time inside the worker, by page.
_PAGES = [
    ("GET", re.compile(r"^/arenden/$"), "caseload (both)"),
    ("GET", re.compile(r"^/arenden/\d+/$"), "case"),
    ("GET", re.compile(r"^/arenden/\d+/tidslinje/$"), "timeline"),
    ("GET", re.compile(r"^/arenden/\d+/berakning/$"), "calculation"),
    ("POST", re.compile(r"^/arenden/\d+/berakning/forhandsvisning/$"), "calculation preview"),
    ("POST", re.compile(r"^/arenden/\d+/berakning/$"), "calculation save"),
    ("GET", re.compile(r"^/arenden/\d+/plan/\d+/$"), "plan"),
    ("GET", re.compile(r"^/halsa/$"), "health /halsa/ (baseline)"),
]


def report_inside(log: Path) -> None:
    """Median and p95 of `duration_ms` per page, from the server's log of the whole run."""
    durations: dict[str, list[float]] = {name: [] for _m, _p, name in _PAGES}
    for line in log.read_text().splitlines():
        if not line.startswith("{"):
            continue
        with contextlib.suppress(ValueError, KeyError):
            entry = json.loads(line)
            for method, path, name in _PAGES:
                if entry["method"] == method and path.match(entry["path"]):
                    durations[name].append(float(entry["duration_ms"]))
    print("\n| inside the worker (`duration_ms`) | requests | median | p95 |")
    print("|---|---|---|---|")
    for name, values in durations.items():
        if len(values) >= 2:
            p95 = statistics.quantiles(values, n=20)[-1]
            print(f"| {name} | {len(values)} | {statistics.median(values):.0f} ms | {p95:.0f} ms |")


def report(rows: list[dict[str, str]]) -> int:
    """Print the table; return the number of failed requests."""
    print()
    print("| page | requests | failures | median | p95 | p99 | max | p95 < 200 ms |")
    print("|---|---|---|---|---|---|---|---|")
    failures = 0
    for row in rows:
        name = f"{row['Type']} {row['Name']}" if row["Name"] != "Aggregated" else "**all**"
        p95 = float(row["95%"])
        failures += int(row["Failure Count"])
        met = "yes" if p95 < TARGET_P95_MS else "**no**"
        print(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | "
            f"{float(row['50%']):.0f} ms | {p95:.0f} ms | {float(row['99%']):.0f} ms | "
            f"{float(row['Max Response Time']):.0f} ms | {met} |"
        )
    return failures


def bench(args: argparse.Namespace, url: str) -> int:
    data = Path(tempfile.mkdtemp(prefix="bryggan-load-"))
    env = dict(
        os.environ,
        BRYGGAN_DATABASE_URL=url,
        BRYGGAN_DEBUG="0",
        BRYGGAN_SECRET_KEY=secrets.token_urlsafe(40),
        BRYGGAN_DATA_DIR=str(data),
        BRYGGAN_SECURE_COOKIES="0",  # plain HTTP on the loopback
        BRYGGAN_REQUIRE_OTP="0",  # the demo's logins have no authenticator app
        BRYGGAN_LOG_LEVEL="WARNING",
        # The demo's applicants are made up: their news notices go nowhere (no mail server here).
        BRYGGAN_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DJANGO_SETTINGS_MODULE="bryggan.settings",
    )
    started = time.monotonic()
    _bryggan(env, "migrate", "--verbosity", "0")
    if not measure_size(env)["households"]:
        _bryggan(env, "demo", "--households", str(args.demo_households), "--seed", str(args.seed))
    generated = time.monotonic() - started
    _vacuum(url)
    small = measure_size(env)
    print(f"demo in {generated:.0f} s: {_size_line(small)}", flush=True)
    copies = math.ceil(args.households / small["households"])
    if copies > 1:
        started = time.monotonic()
        _tile(env, copies)
        _vacuum(url)
        large = measure_size(env)
        print(f"tiled {copies} × in {time.monotonic() - started:.0f} s: {_size_line(large)}")
    else:
        large = small
    users = caseworkers(url, args.users)
    _demo_password(env, users)
    print(f"{len(users)} caseworkers sign in, e.g. {', '.join(users[:3])}")
    with server(env, args.workers, args.threads, data / "serve.log") as (base, pid):
        rows, cpu = run_locust(base, users, args, data / "locust", pid)
    failures = report(rows)
    report_inside(data / "serve.log")
    report_cpu(cpu)
    print(
        f"\n{datetime.date.today()}, {args.users} users for {args.duration}, "  # noqa: DTZ011
        f"gunicorn --workers {args.workers} --threads {args.threads}, "
        f"{large['households']:,} households; "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs; server log {data}/serve.log"
    )
    return 1 if failures else 0


def _size_line(size: dict[str, int]) -> str:
    return (
        f"{size['households']:,} households, {size['rows']:,} rows "
        f"({size['rows'] / size['households']:.0f} a household), "
        f"{size['bytes'] / 2**20:.0f} MiB ({size['bytes'] / size['households'] / 1024:.0f} KiB "
        "a household)"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=15_000)
    parser.add_argument(
        "--demo-households", type=int, default=500, help="generated; the rest are copies"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--duration", default="3m")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=1, help="threads a worker (gthread if > 1)")
    parser.add_argument("--database-url", help="PostgreSQL database (else a temporary one)")
    parser.add_argument(
        "--locustfile", default=str(HERE / "locustfile.py"), help="the scenario (another version)"
    )
    args = parser.parse_args(argv)
    if args.database_url:
        return bench(args, args.database_url)
    with payment_run.postgres_cluster() as url:
        return bench(args, url)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
