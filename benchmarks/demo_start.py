"""Benchmark: `make demo` on a fresh clone, from the command to a server that answers.

Run: `.venv/bin/python benchmarks/demo_start.py [--households N] [--port P] [--ref REF] [--keep]`.

What a new user does (issue 15: serving within 3 minutes, the install included): the repository's
committed state (or `--ref`'s, e.g. an earlier commit as the baseline) is cloned into a temporary
folder, and `make demo` runs there with pip's cache turned off (`PIP_NO_CACHE_DIR=1`, so every
package is fetched and installed as on a fresh machine; a machine's own package index may still
be nearer than the internet). The clock stops when the
server answers `GET /halsa/` with 200. Each phase is timed from the lines `make` prints (the
virtual environment and its install, migrate, the demo's load, the server's start), with the load
average before and after. The server is then stopped and the clone removed (`--keep` leaves it).
Results go in benchmarks/README.md with the date.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The line that starts each phase, as `make demo` prints it, in order.
PHASES = [
    ("install", "python3 -m venv"),
    ("migrate", "bryggan migrate"),
    ("demo", "bryggan demo"),
    ("server start", "bryggan runserver"),
]


def _load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
            return bool(response.status == 200)
    except OSError:
        return False


def _clone(clone: Path, ref: str) -> None:
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)  # noqa: S603,S607
    if ref:
        git = ["git", "-C", str(clone), "checkout", "--quiet", ref]
        subprocess.run(git, check=True)  # noqa: S603


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1000)
    parser.add_argument("--port", type=int, default=8771)
    parser.add_argument("--ref", default="", help="a commit to check out (default: HEAD)")
    parser.add_argument("--keep", action="store_true", help="leave the clone in place")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bryggan-demo-start-"))
    clone = folder / "bryggan"
    _clone(clone, options.ref)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRYGGAN_", "VIRTUAL_ENV"))}
    env["PIP_NO_CACHE_DIR"] = "1"
    env.pop("PYTHONPATH", None)
    print(f"load average before: {_load()}; clone at {clone}", flush=True)
    marks: dict[str, float] = {}
    start = time.perf_counter()
    make = subprocess.Popen(  # noqa: S603
        ["make", "demo", f"HOUSEHOLDS={options.households}", f"PORT={options.port}"],  # noqa: S607
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output: list[str] = []

    def read() -> None:
        assert make.stdout is not None
        for line in make.stdout:
            output.append(line)
            for phase, marker in PHASES:
                if phase not in marks and marker in line:
                    marks[phase] = time.perf_counter() - start

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{options.port}/halsa/"
    served = 0.0
    try:
        while make.poll() is None:
            if "server start" in marks and _answers(url):
                served = time.perf_counter() - start
                break
            time.sleep(0.25)
    finally:
        os.killpg(make.pid, signal.SIGTERM)
        make.wait(timeout=30)
        reader.join(timeout=5)
    if not served:
        sys.stderr.write("".join(output[-40:]))
        raise SystemExit("make demo ended before the server answered")
    ends = [*(marks[p] for p, _ in PHASES[1:]), served]
    phases = zip((p for p, _ in PHASES), ends, strict=True)
    shown = [f"{phase} {end - marks.get(phase, 0.0):.1f} s" for phase, end in phases]
    print("; ".join(shown))
    print(f"make demo --households {options.households}: serving after {served:.1f} s")
    print(f"load average after: {_load()}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    if not options.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
