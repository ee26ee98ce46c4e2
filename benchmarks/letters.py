"""Benchmark: rendering a long register extract as a PDF, with and without reportlab's accelerator.

Run: `.venv/bin/python benchmarks/letters.py [--records N] [--repeat R]`.

The register extract (`people.letters_register_extract.register_extract_pdf`) is the longest letter
Bryggan makes: every section of `people.register_extract.SECTIONS`, here each with `--records`
records of eight short text fields, rendered through the same code a caseworker's download uses
(no database: the extract is a dict). Its time goes to measuring text widths while lines are broken
and table cells sized; reportlab does that in Python unless its C accelerator (`rl_accel`, the
module `_rl_accel`) is installed, which `pyproject.toml` now requires.

Timed, best and median of `--repeat` renders, each in a child process started twice: once as
installed (accelerated), and once with `_rl_accel` hidden from the import system (reportlab then
falls back to its Python functions), the baseline of the same run. Results go in
benchmarks/README.md with the date.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, os, sys, time
if {hide}:
    sys.modules["_rl_accel"] = None  # an import of it now fails: reportlab's Python fallback
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bryggan.settings")
import django
django.setup()
from reportlab.lib import rl_accel
from bryggan.people.letters_register_extract import register_extract_pdf
from bryggan.people.register_extract import SECTIONS

record = {{
    "case_number": "2026-00042",
    "kind": "Besök",
    "what": "Ett möte om planen, med arbetscoachen och handläggaren, på enheten",
    "created_at": "2026-11-12T10:15:00+01:00",
    "note": "Klienten berättade om sina ansökningar och om praktiken hos arbetsgivaren.",
    "amount": 11050,
    "user": "Anna Handläggare",
    "source": "Handläggare",
}}
extract = {{
    "made_at": "2026-12-07T12:00:00+01:00",
    "note": "Registerutdrag enligt artikel 15 i dataskyddsförordningen.",
    **{{section: [dict(record) for _ in range({records})] for section in SECTIONS}},
    "person": {{"identity_number": "19800101-1234", "first_name": "Nora", "last_name": "Berg"}},
}}
times = []
for _ in range({repeat}):
    started = time.perf_counter()
    pdf = register_extract_pdf(extract, unit_name="Arbete och försörjning")
    times.append(time.perf_counter() - started)
accelerated = getattr(rl_accel.instanceStringWidthT1, "__module__", "") != "reportlab.lib.rl_accel"
print(json.dumps({{"times": times, "bytes": len(pdf), "accelerated": accelerated}}))
"""


def _run(*, hide: bool, records: int, repeat: int) -> dict[str, object]:
    code = CHILD.format(hide=hide, records=records, repeat=repeat)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run(  # noqa: S603 - this interpreter running the script above
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5, help="records per section")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, load average {os.getloadavg()[0]:.1f}")
    results = {}
    for label, hide in (("as installed", False), ("accelerator hidden (baseline)", True)):
        result = _run(hide=hide, records=args.records, repeat=args.repeat)
        times = [float(t) for t in result["times"]]  # type: ignore[attr-defined]
        results[label] = statistics.median(times)
        print(
            f"{label:32} accelerated={result['accelerated']!s:5} "
            f"best {min(times) * 1000:7.0f} ms  median {statistics.median(times) * 1000:7.0f} ms  "
            f"({result['bytes']:,} bytes)"
        )
    base, fast = results["accelerator hidden (baseline)"], results["as installed"]
    print(f"ratio (baseline / as installed, medians): {base / fast:.2f}")


if __name__ == "__main__":
    main()
