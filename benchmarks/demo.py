"""Benchmark: how long `make demo` takes to load the demo municipality before it serves.

Run: `.venv/bin/python benchmarks/demo.py [--households N] [--seed S] [--database-url URL]`.

Without `--database-url` it uses a fresh SQLite file in a temporary folder (the embedded default
`make demo` uses, documents and letters in the same folder); with one, that database must be
empty and is left loaded. It runs the two commands `make demo` runs before the server starts,
each in its own process as `make` does: `bryggan migrate`, then `bryggan demo --households N
--seed S` (both with `--skip-checks`, as `make demo` runs them: its server runs the checks).
Timed: the wall time of each and the CPU time of the demo's process (user + system, which other
work on a shared machine inflates much less than the wall time); the load average before and
after is printed with them. Then `bryggan audit-verify` must find both hash chains
intact, or the run fails. Results go in benchmarks/README.md with the date.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _bryggan(*args: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Run `bryggan ARGS` in a child process: wall seconds, CPU seconds, standard output."""
    command = [sys.executable, "-c", "import sys; from bryggan.cli import main; sys.exit(main())"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own command
        [*command, *args], env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"bryggan {' '.join(args)} failed ({done.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def _load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bryggan-demo-bench-") as folder:
        env = dict(os.environ)
        env["BRYGGAN_DATA_DIR"] = folder
        env["BRYGGAN_DATABASE_URL"] = options.database_url or f"sqlite:///{Path(folder) / 'd.db'}"
        src = str(Path(__file__).resolve().parent.parent / "src")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
        print(f"load average before: {_load()} on {os.cpu_count()} CPUs")
        migrate_wall, _, _ = _bryggan("migrate", "--verbosity", "0", "--skip-checks", env=env)
        wall, cpu, out = _bryggan(
            "demo",
            "--households",
            str(options.households),
            "--seed",
            str(options.seed),
            "--skip-checks",  # as `make demo` loads it (its server runs the checks)
            env=env,
        )
        load_after = _load()
        _, _, verified = _bryggan("audit-verify", env=env)
        summary = next(line for line in out.splitlines() if line.startswith("Demo loaded"))
        print(summary)
        print(verified.strip())
        print(
            f"migrate {migrate_wall:.1f} s; demo --households {options.households}: "
            f"{wall:.1f} s wall, {cpu:.1f} s CPU ({cpu / options.households * 1000:.0f} ms "
            f"a household); migrate + demo {migrate_wall + wall:.1f} s"
        )
        print(f"load average after: {load_after}; Python {platform.python_version()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
