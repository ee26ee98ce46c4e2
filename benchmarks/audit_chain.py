"""Benchmark: the cost of the hash chain on the access log, which is written on every case read.

Run: `.venv/bin/python benchmarks/audit_chain.py [--rows N] [--repeat R] [--database-url URL]`.

Without `--database-url` (or BRYGGAN_DATABASE_URL) it uses a fresh SQLite file in a temporary
folder; with one, that database is migrated and the access log rows it writes are left in it.
Timed, best and median of `--repeat` rounds, the sides interleaved in each round:

- baseline: N × `AccessLogEntry.objects.create(...)`, each committed on its own: the write as it
  was before the chain;
- chained: N × `access_log_write(...)`: lock the chain head, insert, hash, update, move the head,
  commit;
- bulk baseline: one `bulk_create` of N rows; bulk chained: one `access_log_write_many` of N rows;
- verify: `chain_verify("access_log")` over every row written so far (rows per second).

After the chained sides the chain must verify, or the run fails. Results go in
benchmarks/README.md with the date.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _run(rows: int, repeat: int) -> int:
    import django  # noqa: PLC0415 - after the environment is set

    os.environ["DJANGO_SETTINGS_MODULE"] = "bryggan.settings"
    django.setup()
    from django.conf import settings  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from bryggan.accounts.models import User  # noqa: PLC0415
    from bryggan.audit.models import AccessLogEntry  # noqa: PLC0415
    from bryggan.audit.services import access_log_write, access_log_write_many  # noqa: PLC0415
    from bryggan.audit.verify import chain_verify  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    settings.DEBUG = False  # no query log in memory
    user, _ = User.objects.get_or_create(username="bench-reader", defaults={"role": "caseworker"})
    fields = {"object_type": "household", "purpose": "casework", "path": "/arenden/1/"}

    def baseline() -> None:
        for n in range(rows):
            AccessLogEntry.objects.create(
                user=user, object_id=str(n), case_id=n, ip_address="10.0.0.1", **fields
            )

    def chained() -> None:
        for n in range(rows):
            access_log_write(
                user=user, object_id=n, case_id=n, object_type="household", purpose="casework"
            )

    def bulk_baseline() -> None:
        AccessLogEntry.objects.bulk_create(
            [AccessLogEntry(user=user, object_id=str(n), case_id=n, **fields) for n in range(rows)],
            batch_size=2000,
        )

    def bulk_chained() -> None:
        access_log_write_many(
            user=user, object_type="household", rows=[(n, n) for n in range(rows)], purpose="c"
        )

    times: dict[str, list[float]] = {"baseline": [], "chained": [], "bulk": [], "bulk_chained": []}
    verify_times: list[tuple[float, int]] = []
    for _ in range(repeat):
        times["baseline"].append(_timed(baseline))
        times["chained"].append(_timed(chained))
        times["bulk"].append(_timed(bulk_baseline))
        times["bulk_chained"].append(_timed(bulk_chained))
        # The baseline rows are not chained: remove them so the chain can be checked.
        AccessLogEntry.objects.filter(hash="")._raw_delete(using="default")
        start = time.perf_counter()
        report = chain_verify("access_log")
        verify_times.append((time.perf_counter() - start, report.rows_checked))
        if not report.intact:
            print(f"FAILED: the chain does not verify: {report.broken}")
            return 1

    print(f"{connection.vendor}, {rows:,} rows per side, {repeat} rounds")
    for name, values in times.items():
        best, median = min(values), statistics.median(values)
        print(f"  {name:13} best {best:.3f} s ({rows / best:,.0f}/s), median {median:.3f} s")
    per_row = (min(times["chained"]) - min(times["baseline"])) / rows * 1000
    print(f"  chained / baseline: {min(times['chained']) / min(times['baseline']):.2f} ×")
    print(f"  added per single write: {per_row:.3f} ms")
    print(f"  bulk chained / bulk: {min(times['bulk_chained']) / min(times['bulk']):.2f} ×")
    seconds, checked = verify_times[-1]  # the last round: every row written
    print(f"  verify: {checked:,} rows in {seconds:.3f} s ({checked / seconds:,.0f} rows/s)")
    print(f"  Python {platform.python_version()}, Django {django.get_version()}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default=os.environ.get("BRYGGAN_DATABASE_URL", ""))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bryggan-bench-") as folder:
        os.environ["BRYGGAN_DATA_DIR"] = folder
        if args.database_url:
            os.environ["BRYGGAN_DATABASE_URL"] = args.database_url
        else:
            os.environ.pop("BRYGGAN_DATABASE_URL", None)
            print(f"SQLite in {Path(folder) / 'bryggan.sqlite3'}")
        return _run(args.rows, args.repeat)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
