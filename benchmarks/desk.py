"""Benchmark: My work for a caseworker with 45 cases and for the manager of a unit of 15,000
households, and the search of those households.

Run: `.venv/bin/python benchmarks/desk.py [--households N] [--repeat R]
[--database-url postgres://… | --sqlite]`.

Without `--database-url` (or BRYGGAN_DATABASE_URL) the script starts a throw-away PostgreSQL cluster
as `benchmarks/payment_run.py` does (127.0.0.1 only, `fsync=off`) and removes it at the end;
`--sqlite` uses a new SQLite file in a temporary folder. A given database must hold no households.

Setup (with `bulk_create`, not timed): one unit of `--households` households, 45 to a caseworker,
each applicant a person with a personnummer; for every household last month's signed decision (3 %
refusals without a receipt date, 2 % of adults without a reason for need) and this month's
application (80 % decided and signed, 5 % drafted, the rest waiting); 2 % new applications with a
first meeting (a tenth today, a quarter overdue, the rest held); 1.5 % sanction proposals (a third
assessed); half the households with a signed plan (signed in the last twelve months) and a
follow-up due within ±30 days (held when past, but one in five); 0.2 % case discussions requested.

Timed, best and median of `--repeat` runs, through Django's test client:
- GET /mitt-arbete/ as a caseworker with 45 cases (target < 200 ms) and as the unit's manager, whose
  desk is the whole unit (target < 200 ms); the menu's counts come from the same items;
- `desk(limit=300)` alone for both (the queries and the merge, no template), and as the same-run
  baseline the manager's desk with every item built (as before the limit), and the menu's counts
  counted afresh (one COUNT per kind, no cache);
- GET /sok/?q=… as the caseworker: a personnummer without century, a case number and a name (target
  < 100 ms each); each search writes its rows to the access log, as in use; the menu's counts come
  from the cache (30 s) after the first page, and once more with the cache cleared before each;
- GET /halsa/ (one query), the machine's baseline in the same run.
Each page's query count is reported. Results go in benchmarks/README.md with the date.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
import payment_run  # the throw-away cluster, the timer and the personnummer generator

DESK_TARGET = 0.200
SEARCH_TARGET = 0.100
DATABASE_NAME = "bryggan_desk"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
CASES_EACH = 45
UNUSABLE = "!"  # Django's mark of an unusable password: nobody signs in with it
_timed = payment_run._timed
_bulk = payment_run._bulk


@dataclass
class Fixture:
    caseworker: Any
    manager: Any
    sought_number: str  # a personnummer of one of the caseworker's cases, long form
    sought_case: str
    rows: dict[str, int]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, clock(hour), tzinfo=STOCKHOLM)


def setup(households: int, seed: int, today: date) -> Fixture:  # noqa: PLR0915 - one long recipe
    from bryggan.accounts.models import Unit, User  # noqa: PLC0415
    from bryggan.accounts.roles import Role  # noqa: PLC0415
    from bryggan.activities.models import SanctionProposal  # noqa: PLC0415
    from bryggan.casefile.models import CaseDiscussion  # noqa: PLC0415
    from bryggan.core.month import Month  # noqa: PLC0415
    from bryggan.decisions.models import Decision, SavedCalculation  # noqa: PLC0415
    from bryggan.intake.models import Application, FirstMeeting  # noqa: PLC0415
    from bryggan.people.models import Household, HouseholdMember, Person  # noqa: PLC0415
    from bryggan.planning.models import ActionPlan, FollowUp, PlanVersion  # noqa: PLC0415
    from bryggan.reporting.models import ReasonForNeed  # noqa: PLC0415

    rng = random.Random(seed)
    unit = Unit.objects.create(name="Arbete och försörjning Storstad")
    _bulk(
        User,
        [
            User(
                username=f"hl{n}",
                first_name="Handläggare",
                last_name=str(n),
                role=Role.CASEWORKER,
                unit=unit,
                password=UNUSABLE,
            )
            for n in range((households + CASES_EACH - 1) // CASES_EACH)
        ],
    )
    staff = list(User.objects.filter(unit=unit, role=Role.CASEWORKER).order_by("pk"))
    manager = User.objects.create(
        username="chef", role=Role.UNIT_MANAGER, unit=unit, password=UNUSABLE, first_name="Maria"
    )
    coach = User.objects.create(
        username="coach", role=Role.WORK_COACH, unit=unit, password=UNUSABLE
    )
    this_month, last_month = Month.of(today), Month.of(today).plus(-1)
    persons = _bulk(
        Person,
        [
            Person(
                identity_number=payment_run.identity_number(
                    date(1950, 1, 1) + timedelta(days=n // 900), n % 900 + 50
                ),
                identity_kind="personnummer",
                birth_date=date(1950, 1, 1) + timedelta(days=n // 900),
                first_name=rng.choice(("Sara", "Ali", "Eva", "Omar", "Lena", "Johan", "Amira")),
                last_name=rng.choice(("Lind", "Berg", "Haddad", "Nyström", "Ek", "Ahmadi"))
                + str(n),
                protected_identity=rng.random() < 0.01,
            )
            for n in range(households)
        ],
    )
    cases = _bulk(
        Household,
        [
            Household(
                unit=unit,
                caseworker=staff[n // CASES_EACH],
                opened_on=today - timedelta(days=rng.randint(40, 1500)),
            )
            for n in range(households)
        ],
    )
    _bulk(
        HouseholdMember,
        [
            HouseholdMember(household=h, person=p, role="applicant", valid_from=h.opened_on)
            for h, p in zip(cases, persons, strict=True)
        ],
    )
    by = staff[0]
    calculations = _bulk(
        SavedCalculation,
        [
            SavedCalculation(
                household=h,
                month=str(month),
                norm_year=2026,
                amount=8000,
                input={},
                result={},
                created_by=by,
            )
            for h in cases
            for month in (last_month, this_month)
        ],
    )
    decisions, applications, reasons = [], [], []
    for index, household in enumerate(cases):
        last_calc, this_calc = calculations[2 * index], calculations[2 * index + 1]
        refused = rng.random() < 0.03
        decisions.append(
            Decision(
                household=household,
                month=str(last_month),
                kind="livelihood_support",
                outcome="refused" if refused else "granted",
                calculation=last_calc,
                calculated_amount=8000,
                amount=0 if refused else 8000,
                reasons="Skäl.",
                status="signed",
                created_by=by,
                signed_by=by,
                signed_at=_at(last_month.first_day + timedelta(days=3)),
                notified_on=None if refused else last_month.first_day + timedelta(days=5),
            )
        )
        if rng.random() > 0.02:
            reasons.append(
                ReasonForNeed(
                    household=household,
                    month=str(last_month),
                    person=persons[index],
                    code="unemployed_no_benefit",
                    recorded_by=by,
                    recorded_at=_at(last_month.first_day),
                )
            )
        applications.append(
            Application(
                household=household,
                month=str(this_month),
                channel="e_service",
                received_at=_at(this_month.first_day),
                track="standard",
                registered_by=by,
            )
        )
        draw = rng.random()
        if draw < 0.85:
            decisions.append(
                Decision(
                    household=household,
                    month=str(this_month),
                    kind="livelihood_support",
                    outcome="granted",
                    calculation=this_calc,
                    calculated_amount=8000,
                    amount=8000,
                    reasons="Skäl.",
                    created_by=by,
                    status="signed" if draw < 0.80 else "draft",
                    signed_by=by if draw < 0.80 else None,
                    signed_at=_at(this_month.first_day) if draw < 0.80 else None,
                    notified_on=this_month.first_day if draw < 0.80 else None,
                )
            )
    _bulk(Decision, decisions)
    _bulk(ReasonForNeed, reasons)
    applications = _bulk(Application, applications)
    meetings = []
    for application in rng.sample(applications, households // 50):
        draw = rng.random()
        if draw < 0.1:
            starts, deadline, status = _at(today, 13), today + timedelta(days=1), "booked"
        elif draw < 0.35:
            starts, deadline, status = (
                _at(today - timedelta(days=5)),
                today - timedelta(days=4),
                "booked",
            )
        else:
            starts, deadline, status = (
                _at(today - timedelta(days=5)),
                today - timedelta(days=4),
                "held",
            )
        meetings.append(
            FirstMeeting(
                application=application,
                starts_at=starts,
                deadline=deadline,
                caseworker=application.household.caseworker,
                work_coach=coach,
                status=status,
            )
        )
    _bulk(FirstMeeting, meetings)
    proposals = []
    for household, person in rng.sample(
        list(zip(cases, persons, strict=True)), households * 3 // 200
    ):
        assessed = rng.random() < 1 / 3
        proposals.append(
            SanctionProposal(
                household=household,
                person=person,
                month=str(this_month.plus(1)),
                status="assessed" if assessed else "proposed",
                proposed_by=coach,
                assessed_by=household.caseworker if assessed else None,
            )
        )
    _bulk(SanctionProposal, proposals)
    planned = [(h, p) for h, p in zip(cases, persons, strict=True) if rng.random() < 0.5]
    plans = _bulk(ActionPlan, [ActionPlan(household=h, person=p) for h, p in planned])
    _bulk(
        PlanVersion,
        [
            PlanVersion(
                plan=plan,
                number=1,
                goal="work",
                written_by="caseworker",
                created_by=by,
                signed_at=_at(today - timedelta(days=rng.randint(1, 365))),
                signed_how="in_person",
                signature_recorded_by=by,
            )
            for plan in plans
        ],
    )
    follow_ups = []
    for plan in plans:
        due = today + timedelta(days=rng.randint(-30, 30))
        held = due < today and rng.random() < 0.8
        follow_ups.append(
            FollowUp(
                plan=plan,
                due_on=due,
                booked_by=by,
                held_on=due if held else None,
                held_by=by if held else None,
            )
        )
    _bulk(FollowUp, follow_ups)
    _bulk(
        CaseDiscussion,
        [
            CaseDiscussion(
                household=h,
                requested_by=h.caseworker,
                question="?",
                requested_at=_at(today - timedelta(days=rng.randint(0, 10))),
            )
            for h in rng.sample(cases, households // 500)
        ],
    )
    mine = cases[CASES_EACH : 2 * CASES_EACH]
    sought = mine[7]
    return Fixture(
        caseworker=staff[1],
        manager=manager,
        sought_number=persons[CASES_EACH + 7].identity_number,
        sought_case=sought.case_number,
        rows={
            "households": households,
            "decisions": len(decisions),
            "applications": len(applications),
            "first meetings": len(meetings),
            "sanction proposals": len(proposals),
            "plans": len(plans),
        },
    )


def _line(label: str, times: list[float], note: str = "") -> None:
    print(
        f"{label:<58}best {min(times) * 1000:7.1f} ms   "
        f"median {statistics.median(times) * 1000:7.1f} ms  {note}"
    )


def measure(fixture: Fixture, repeat: int, today: date) -> bool:
    from django.core.cache import cache  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from bryggan.desk.registry import desk, desk_counts  # noqa: PLC0415
    from bryggan.desk.views import DESK_ROWS  # noqa: PLC0415

    met = True

    def page(user: Any, url: str, *, cold: bool = False) -> Callable[[], tuple[int, int]]:
        client = Client()
        client.force_login(user)

        def get() -> tuple[int, int]:
            if cold:  # the menu's counts not in the cache: counted in this request
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                answer = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
            assert answer.status_code == 200, (url, answer.status_code)
            return len(queries.captured_queries), len(answer.content)

        return get

    short = fixture.sought_number[2:].replace("-", "")
    checks: list[tuple[str, Callable[[], Any], float | None]] = [
        (
            "My work page, caseworker with 45 cases",
            page(fixture.caseworker, "/mitt-arbete/"),
            DESK_TARGET,
        ),
        (
            "My work page, manager of the whole unit",
            page(fixture.manager, "/mitt-arbete/"),
            DESK_TARGET,
        ),
        (
            f"desk(limit={DESK_ROWS}) alone, caseworker",
            lambda: desk(fixture.caseworker, today=today, limit=DESK_ROWS).total,
            None,
        ),
        (
            f"desk(limit={DESK_ROWS}) alone, manager",
            lambda: desk(fixture.manager, today=today, limit=DESK_ROWS).total,
            None,
        ),
        (
            "baseline: desk() unlimited, manager (every item built)",
            lambda: len(desk(fixture.manager, today=today).items),
            None,
        ),
        (
            "menu counts uncached (one COUNT per kind), manager",
            lambda: (cache.clear(), sum(desk_counts(fixture.manager, today=today).values()))[1],
            None,
        ),
        (
            f"search page, personnummer without century ({short})",
            page(fixture.caseworker, f"/sok/?q={short}"),
            SEARCH_TARGET,
        ),
        (
            f"search page, case number ({fixture.sought_case})",
            page(fixture.caseworker, f"/sok/?q={fixture.sought_case}"),
            SEARCH_TARGET,
        ),
        ("search page, a name (Lind)", page(fixture.caseworker, "/sok/?q=Lind"), SEARCH_TARGET),
        (
            "search page, a name (Lind), menu counts not cached",
            page(fixture.caseworker, "/sok/?q=Lind", cold=True),
            None,
        ),
        ("baseline: GET /halsa/ (one query)", page(fixture.caseworker, "/halsa/"), None),
    ]
    from bryggan.desk.registry import kinds_for, scope_for  # noqa: PLC0415

    scope = scope_for(fixture.manager, today=today, limit=DESK_ROWS)
    for kind in kinds_for(fixture.manager):
        kind.answer(scope)  # warm
        times = [_timed(kind.answer, scope)[0] for _ in range(repeat)]
        _line(f"  manager's kind {kind.key}", times, f"{kind.answer(scope).count:,} waiting")
    for label, run, target in checks:
        run()  # warm: the first request compiles templates and fills caches
        times, result = [], None
        for _ in range(repeat):
            seconds, result = _timed(run)
            times.append(seconds)
        note = ""
        if isinstance(result, tuple):
            note = f"{result[0]} queries, {result[1] / 1024:.0f} KiB"
        else:
            note = f"{result:,} items"
        if target is not None:
            ok = min(times) < target
            met = met and ok
            note += f"; target < {target * 1000:.0f} ms: {'met' if ok else 'MISSED'}"
        _line(label, times, note)
    return met


def bench(households: int, repeat: int, seed: int) -> int:
    import django  # noqa: PLC0415

    os.environ["DJANGO_SETTINGS_MODULE"] = "bryggan.settings"
    os.environ.setdefault("BRYGGAN_ALLOWED_HOSTS", "testserver")  # Django's test client
    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from bryggan.people.models import Household  # noqa: PLC0415

    migrate_seconds, _ = _timed(call_command, "migrate", verbosity=0, skip_checks=True)
    if Household.objects.exists():
        sys.exit("The database already holds households; give an empty one.")
    today = timezone.localdate()
    setup_seconds, fixture = _timed(setup, households, seed, today)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SELECT version()")
            server = cursor.fetchone()[0].split(" on ")[0]
        else:
            cursor.execute("ANALYZE")
            cursor.execute("SELECT sqlite_version()")
            server = f"SQLite {cursor.fetchone()[0]}"
    print(f"{server}; {today}; " + ", ".join(f"{k} {v:,}" for k, v in fixture.rows.items()))
    print(f"{'setup (bulk_create)':<58}{setup_seconds:7.1f} s (migrate {migrate_seconds:.1f} s)")
    met = measure(fixture, repeat, today)
    print(f"Python {platform.python_version()} {platform.machine()}, {os.cpu_count()} CPUs on host")
    print(f"RESULT targets={'met' if met else 'MISSED'}")
    return 0 if met else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=15_000)
    parser.add_argument("--database-url", default=os.environ.get("BRYGGAN_DATABASE_URL", ""))
    parser.add_argument("--sqlite", action="store_true", help="a new SQLite file instead")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args(argv)
    payment_run.DATABASE_NAME = DATABASE_NAME  # the cluster helper names the database it makes
    with contextlib.ExitStack() as stack:
        if args.sqlite:
            folder = Path(tempfile.mkdtemp(prefix="bryggan-desk-"))
            stack.callback(shutil.rmtree, folder, ignore_errors=True)
            url = f"sqlite:///{folder / 'desk.sqlite3'}"
        else:
            url = args.database_url or stack.enter_context(payment_run.postgres_cluster())
        os.environ["BRYGGAN_DATABASE_URL"] = url
        try:
            return bench(args.households, args.repeat, args.seed)
        finally:
            from django.db import connections  # noqa: PLC0415

            connections.close_all()  # before the cluster stops
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
