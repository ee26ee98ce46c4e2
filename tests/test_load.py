"""The load scenario (`benchmarks/load/locustfile.py`) for a few seconds against the test server.

Not a measurement (the full load test is `benchmarks/load/run.py`, figures in benchmarks/README.md):
simulated caseworkers click through the scenario's pages on a caseworker's cases, and no request
may fail. Three at once on PostgreSQL; one on SQLite, where the test database is in memory with a
shared cache whose table locks make concurrent writers fail at once ("database table is locked")
instead of waiting as a SQLite file or PostgreSQL does.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from tests.conftest import PASSWORD
from tests.decisions.conftest import current_year_norm  # noqa: F401 - the fixture
from tests.followup.factories import household
from tests.planning.factories import make_version

LOCUSTFILE = Path(__file__).resolve().parents[1] / "benchmarks" / "load" / "locustfile.py"

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_few_caseworkers_for_a_few_seconds_meet_no_error(
    live_server: object,
    tmp_path: Path,
    unit: Unit,
    persona: Callable[..., User],
    current_year_norm: int,  # noqa: F811 - the fixture
) -> None:
    caseworker = persona("caseworker")
    for _ in range(3):
        case = household(unit, by=caseworker, caseworker=caseworker)
        make_version(case, caseworker, today=timezone.localdate())
    users = "3" if connection.vendor == "postgresql" else "1"
    env = dict(
        os.environ,
        LOAD_USERS=caseworker.username,
        LOAD_PASSWORD=PASSWORD,
        LOAD_THINK_SECONDS="0,0.2",
    )
    locust = subprocess.run(  # noqa: S603 - fixed arguments
        [
            *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"),
            *("--users", users, "--spawn-rate", users, "--run-time", "10s", "--stop-timeout", "5"),
            *("--host", str(live_server), "--csv", str(tmp_path / "load"), "--only-summary"),
            *("--exit-code-on-error", "0"),
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    with (tmp_path / "load_stats.csv").open() as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    failures = (tmp_path / "load_failures.csv").read_text()
    assert int(rows["Aggregated"]["Failure Count"]) == 0, failures
    pages = {"sign-in", "caseload", "case", "timeline", "calculation", "plan"}
    assert pages <= set(rows), locust.stderr[-2000:]
