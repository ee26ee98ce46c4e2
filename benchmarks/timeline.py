"""Benchmark: the timeline of a case with five years of history (about 1,000 entries).

Run: `.venv/bin/python benchmarks/timeline.py [--years Y] [--others N] [--repeat R]
[--database-url postgres://… | --sqlite]`.

Without `--database-url` (or BRYGGAN_DATABASE_URL) the script starts a throw-away PostgreSQL cluster
as `benchmarks/payment_run.py` does (127.0.0.1 only, `fsync=off`, every other setting at its
default) and removes it at the end; `--sqlite` uses a new SQLite file in a temporary folder, also
removed. A given database must hold no households; it is migrated and filled, and left filled.

Setup (timed apart, not part of the figure), with `bulk_create` and the time stamps a real case
would have (auto_now_add is switched off while writing): one unit, a caseworker, a work coach and a
unit manager; one case with `--years` of monthly history: per month an application and a first
meeting held, a saved calculation, a decision drafted, signed and received, a payment sent (one in
twelve returned), a reason for need; a follow-up of the plan a month, booked and held; a new plan
version each half year, signed; a referral to an activity each half year with its four steps and
two or three absences a month while it runs; a sanction a quarter (proposed, assessed, decided,
received), a third of them reconsidered; one closure and reopening; and the change history the
services write for all of it (about 1,500 rows). Around it `--others` households with a year of
applications, decisions, payments and history each, so that the case's rows are found by index among
many.

Timed, best and median of `--repeat` runs, through Django's test client as the caseworker:
- the whole timeline page with every entry shown (GET /arenden/<id>/tidslinje/?antal=5000), the
  figure with the target of 200 ms, and with the first page of 100 entries (the default);
- the case page, which shows the latest 15 entries;
- `selectors_timeline.case_timeline` alone (the queries and the merge, no template);
- baseline in the same run: the case's whole change history read with its users
  (`audit.selectors.change_history_for_case`), the rows the old history list came from.
Each page's query count is reported. Results go in benchmarks/README.md with the date.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
import payment_run  # the throw-away cluster, the timer and the personnummer generator

TARGET_SECONDS = 0.200
DATABASE_NAME = "bryggan_timeline"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
BATCH = 2000
_timed = payment_run._timed
_rss_mib = payment_run._rss_mib


@dataclass
class Fixture:
    household_id: int
    caseworker: Any
    rows: dict[str, int]


@contextlib.contextmanager
def _stamps_as_given() -> Iterator[None]:
    """Let bulk_create keep the time stamps given (created_at, at) instead of now."""
    from django.apps import apps  # noqa: PLC0415

    switched = []
    for model in apps.get_models():
        for field in model._meta.fields:
            for flag in ("auto_now", "auto_now_add"):
                if getattr(field, flag, False):
                    setattr(field, flag, False)
                    switched.append((field, flag))
    try:
        yield
    finally:
        for field, flag in switched:
            setattr(field, flag, True)


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), tzinfo=STOCKHOLM)


def _months(first: date, count: int) -> list[date]:
    return [date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
            for i in range(count)]  # fmt: skip


def setup(years: int, others: int, today: date) -> Fixture:  # noqa: PLR0915 - one story
    from bryggan.accounts.models import Unit  # noqa: PLC0415
    from bryggan.accounts.roles import Role  # noqa: PLC0415
    from bryggan.accounts.services import user_create  # noqa: PLC0415
    from bryggan.activities.models import (  # noqa: PLC0415
        Activity,
        Attendance,
        Referral,
        SanctionProposal,
        SanctionReconsideration,
    )
    from bryggan.audit.models import ChangeRecord  # noqa: PLC0415
    from bryggan.decisions.models import Decision, SavedCalculation  # noqa: PLC0415
    from bryggan.followup.models import Closure  # noqa: PLC0415
    from bryggan.intake.models import Application, FirstMeeting  # noqa: PLC0415
    from bryggan.payments.models import Payment, PaymentRun  # noqa: PLC0415
    from bryggan.people.models import Household, HouseholdMember, Person  # noqa: PLC0415
    from bryggan.planning.models import ActionPlan, FollowUp, PlanVersion  # noqa: PLC0415

    unit = Unit.objects.create(name="Arbete och försörjning Centrum", caseload_cap=45)
    cw, coach, manager = (
        user_create(username=role, role=Role(role), unit=unit, first_name=first, last_name="Berg")
        for role, first in (
            ("caseworker", "Karin"),
            ("work_coach", "Ali"),
            ("unit_manager", "Maria"),
        )
    )
    months = _months(date(today.year - years, today.month, 1), years * 12)
    start = months[0]
    history: list[Any] = []

    def record(case: int, what: str, action: str, at: datetime, user: Any = cw) -> None:
        history.append(
            ChangeRecord(case_id=case, object_type=what, action=action, at=at, user=user,
                         object_id="1", changes={})
        )  # fmt: skip

    def bulk(model: Any, objects: list[Any]) -> list[Any]:
        return model.objects.bulk_create(objects, batch_size=BATCH)

    with _stamps_as_given():
        people = bulk(
            Person,
            [
                Person(identity_number=payment_run.identity_number(date(1980, 1, 1) + timedelta(
                    days=n), 100 + n % 800), identity_kind="personnummer",
                    birth_date=date(1980, 1, 1) + timedelta(days=n), first_name="Sara",
                    last_name=f"Lind {n}", created_at=_at(start), updated_at=_at(start))
                for n in range(others + 1)
            ],
        )  # fmt: skip
        homes = bulk(
            Household,
            [Household(unit=unit, caseworker=cw, opened_on=start, created_at=_at(start),
                       updated_at=_at(start)) for _ in people],
        )  # fmt: skip
        bulk(
            HouseholdMember,
            [HouseholdMember(household=h, person=p, role="applicant", valid_from=start)
             for h, p in zip(homes, people, strict=True)],
        )  # fmt: skip
        case, person = homes[0], people[0]
        for h in homes:
            record(h.pk, "household", "opened", _at(start, 9))
        runs = bulk(
            PaymentRun,
            [PaymentRun(kind="monthly", message_id=f"RUN-{m:%Y-%m}", execution_date=m - timedelta(
                days=5), payment_count=0, total=0, file=b"", checksum="", created_by=manager,
                created_at=_at(m - timedelta(days=6), 16)) for m in months]
        )  # fmt: skip
        # The case: every month. The others: the last twelve months.
        flow = [(case, m, i) for i, m in enumerate(months)] + [
            (h, m, i) for h in homes[1:] for i, m in enumerate(months) if i >= len(months) - 12
        ]
        applications = bulk(
            Application,
            [Application(household=h, month=f"{m:%Y-%m}", received_at=_at(m - timedelta(days=20)),
                         channel="e_service", track="standard", registered_by=cw,
                         created_at=_at(m - timedelta(days=20)),
                         updated_at=_at(m - timedelta(days=20))) for h, m, _ in flow],
        )  # fmt: skip
        bulk(
            FirstMeeting,
            [FirstMeeting(application=a, starts_at=_at(a.received_at.date() + timedelta(days=2),
                          13), deadline=a.received_at.date() + timedelta(days=2), caseworker=cw,
                          status="held", created_at=a.received_at, updated_at=a.received_at)
             for a in applications],
        )  # fmt: skip
        calculations = bulk(
            SavedCalculation,
            [SavedCalculation(household=h, month=f"{m:%Y-%m}", norm_year=m.year,
                              amount=8000 + i, input={}, result={}, created_by=cw,
                              created_at=_at(m - timedelta(days=15), 11)) for h, m, i in flow],
        )  # fmt: skip
        decisions = bulk(
            Decision,
            [Decision(household=h, month=f"{m:%Y-%m}", kind="livelihood_support",
                      outcome="granted", calculation=c, calculated_amount=c.amount,
                      amount=c.amount, reasons="Rätt till bistånd.", status="signed",
                      created_by=cw, signed_by=cw, signed_at=_at(m - timedelta(days=14), 15),
                      notified_on=m - timedelta(days=12), payee_clearing="6000",
                      payee_account="123456789", created_at=_at(m - timedelta(days=14), 14),
                      updated_at=_at(m - timedelta(days=14), 15))
             for (h, m, _), c in zip(flow, calculations, strict=True)],
        )  # fmt: skip
        bulk(
            Payment,
            [Payment(decision=d, run=runs[i], amount=d.amount, clearing="6000",
                     account="123456789", end_to_end_id=f"E-{d.pk}",
                     status="returned" if i % 12 == 5 else "sent",
                     status_changed_on=runs[i].execution_date + timedelta(days=3)
                     if i % 12 == 5 else None,
                     status_reason="Kontot avslutat" if i % 12 == 5 else "")
             for (_, _, i), d in zip(flow, decisions, strict=True)],
        )  # fmt: skip
        for (h, m, i), a, c, d in zip(flow, applications, calculations, decisions, strict=True):
            record(h.pk, "application", "registered", a.received_at)
            record(h.pk, "calculation", "saved", c.created_at)
            record(h.pk, "decision", "drafted", d.created_at)
            record(h.pk, "decision", "signed", d.signed_at)
            record(h.pk, "decision", "received", _at(m - timedelta(days=12), 9))
            record(h.pk, "payment", "sent", runs[i].created_at, manager)
            record(h.pk, "reason_for_need", "recorded", _at(m - timedelta(days=14), 13))
        # The case's work line: a plan and its follow-ups, referrals, absences, sanctions.
        plan = ActionPlan.objects.create(
            household=case, person=person, created_at=_at(start), updated_at=_at(start)
        )
        versions = bulk(
            PlanVersion,
            [PlanVersion(plan=plan, number=n + 1, goal="work", written_by="caseworker",
                         created_by=coach, signed_at=_at(m, 11), signed_how="in_meeting",
                         signature_recorded_by=coach, created_at=_at(m, 10),
                         updated_at=_at(m, 11)) for n, m in enumerate(months[::6])],
        )  # fmt: skip
        follow_ups = bulk(
            FollowUp,
            [FollowUp(plan=plan, due_on=m + timedelta(days=20), booked_by=coach,
                      held_on=m + timedelta(days=20), held_note="Söker arbete", held_by=coach,
                      created_at=_at(m + timedelta(days=1)), updated_at=_at(m + timedelta(days=20)))
             for m in months],
        )  # fmt: skip
        activity = Activity.objects.create(
            unit=unit, name="Arbetsträning Verkstan", provider="municipal_unit",
            kind="work_training", capacity=20, starts_on=start, ends_on=today + timedelta(days=365),
            weekdays="01234", created_by=coach, created_at=_at(start), updated_at=_at(start),
        )  # fmt: skip
        referrals = bulk(
            Referral,
            [Referral(activity=activity, household=case, person=person, status="ended",
                      referred_on=m, accepted_on=m + timedelta(days=3),
                      started_on=m + timedelta(days=7), ended_on=m + timedelta(days=150),
                      outcome="interrupted", referred_by=coach, created_at=_at(m),
                      updated_at=_at(m)) for m in months[::6]],
        )  # fmt: skip
        absences = bulk(
            Attendance,
            [Attendance(referral=r, day=r.started_on + timedelta(days=7 * k + 1),
                        status="unexcused_absence" if k % 3 else "valid_absence",
                        registered_by=coach, created_at=_at(r.started_on),
                        updated_at=_at(r.started_on)) for r in referrals for k in range(14)],
        )  # fmt: skip
        proposals = bulk(
            SanctionProposal,
            [SanctionProposal(household=case, person=person, month=f"{m:%Y-%m}", status="decided",
                      proposed_by=coach, valid_reason=False, reasons="Uteblev.", amount=500,
                      legal_limit=3000, assessed_by=cw, assessed_at=_at(m - timedelta(days=20)),
                      decided_by=manager, decided_at=_at(m - timedelta(days=18)),
                      notified_on=m - timedelta(days=16), created_at=_at(m - timedelta(days=25)),
                      updated_at=_at(m - timedelta(days=16)))
             for m in months[2::3]],
        )  # fmt: skip
        bulk(
            SanctionReconsideration,
            [SanctionReconsideration(proposal=p, outcome="lowered",
                                     occasion="client_request", amount_before=500, amount=300,
                                     reasons="Läkarintyg.", decided_by=manager,
                                     decided_at=p.decided_at + timedelta(days=10),
                                     created_at=p.decided_at + timedelta(days=10),
                                     updated_at=p.decided_at + timedelta(days=10))
             for p in proposals[::3]],
        )  # fmt: skip
        middle = months[len(months) // 2]
        Closure.objects.create(
            household=case, closed_on=middle - timedelta(days=1), reason="work", closed_by=cw,
            created_at=_at(middle - timedelta(days=1)),
        )  # fmt: skip
        for v in versions:
            record(case.pk, "plan_version", "created", v.created_at, coach)
            record(case.pk, "plan_version", "signed", v.signed_at, coach)
        for f in follow_ups:
            record(case.pk, "follow_up", "booked", f.created_at, coach)
            record(case.pk, "follow_up", "held", _at(f.held_on, 14), coach)
        for r in referrals:
            for action in ("referred", "accepted", "started", "ended"):
                record(case.pk, "referral", action, _at(r.referred_on), coach)
        for a in absences:
            record(case.pk, "attendance", "registered", _at(a.day, 16), coach)
        for p in proposals:
            record(case.pk, "sanction_proposal", "proposed", p.created_at, coach)
        record(case.pk, "closure", "recorded", _at(middle - timedelta(days=1)))
        record(case.pk, "household", "closed", _at(middle - timedelta(days=1)))
        record(case.pk, "household", "reopened", _at(middle + timedelta(days=10)))
        bulk(ChangeRecord, history)
    rows = {
        "households": len(homes),
        "applications": len(applications),
        "decisions and payments": len(decisions),
        "history rows": len(history),
        "history rows of the case": sum(1 for r in history if r.case_id == case.pk),
    }
    return Fixture(household_id=case.pk, caseworker=cw, rows=rows)


def _repeat(function: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times, value = [], None
    for _ in range(repeat):
        seconds, value = _timed(function)
        times.append(seconds)
    return times, value


def _line(label: str, times: list[float], note: str = "") -> None:
    line = f"{label:<50}best {min(times) * 1000:7.1f} ms   median {statistics.median(times) * 1000:7.1f} ms  {note}"  # noqa: E501
    print(line.rstrip())


def measure(fixture: Fixture, repeat: int) -> int:
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    from bryggan.audit.selectors import change_history_for_case  # noqa: PLC0415
    from bryggan.casefile.selectors_timeline import case_timeline  # noqa: PLC0415

    setup_test_environment()  # the test client's host name, as in the test suite
    client = Client()
    client.force_login(fixture.caseworker)
    timeline_url = reverse("casefile:timeline", args=[fixture.household_id])
    case_url = reverse("people:household_detail", args=[fixture.household_id])

    def get(url: str) -> Callable[[], bytes]:
        def page() -> bytes:
            answer = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
            assert answer.status_code == 200, answer.status_code
            return answer.content

        return page

    pages = {
        "whole timeline page, every entry": get(f"{timeline_url}?antal=5000"),
        "timeline page, first 100 entries": get(timeline_url),
        "case page (latest 15 entries)": get(case_url),
    }
    queries: dict[str, int] = {}
    for label, page in pages.items():
        page()  # warm the connection, the templates and the database's caches alike
        with CaptureQueriesContext(connection) as captured:
            page()
        queries[label] = len(captured.captured_queries)
    entries = case_timeline(fixture.household_id, viewer=fixture.caseworker)
    print(f"timeline entries of the case: {len(entries):,}")
    results: dict[str, list[float]] = {}
    for label, page in pages.items():
        results[label], content = _repeat(page, repeat)
        _line(label, results[label], f"{queries[label]} queries, {len(content) / 1024:.0f} KiB")
    alone, _ = _repeat(
        lambda: case_timeline(fixture.household_id, viewer=fixture.caseworker), repeat
    )
    _line("case_timeline() alone (queries + merge)", alone)
    baseline, rows = _repeat(lambda: list(change_history_for_case(fixture.household_id)), repeat)
    _line("baseline: the case's change history with users", baseline, f"{len(rows):,} rows")
    whole = results["whole timeline page, every entry"]
    ratio = statistics.median(whole) / statistics.median(baseline)
    print(f"{'ratio (medians)':<50}whole page / baseline {ratio:.1f} ×")
    peak = _rss_mib()
    print(f"{'peak memory (ru_maxrss)':<50}{peak:7.0f} MiB")
    met = min(whole) < TARGET_SECONDS
    print(
        f"RESULT entries={len(entries)} page_best={min(whole) * 1000:.1f}ms "
        f"page_median={statistics.median(whole) * 1000:.1f}ms "
        f"first100_best={min(results['timeline page, first 100 entries']) * 1000:.1f}ms "
        f"casepage_best={min(results['case page (latest 15 entries)']) * 1000:.1f}ms "
        f"selector_best={min(alone) * 1000:.1f}ms baseline_best={min(baseline) * 1000:.1f}ms "
        f"queries={queries['whole timeline page, every entry']} peak={peak:.0f}MiB "
        f"target={'met' if met else 'MISSED'}"
    )
    return 0 if met else 1


def bench(years: int, others: int, repeat: int) -> int:
    import django  # noqa: PLC0415

    os.environ["DJANGO_SETTINGS_MODULE"] = "bryggan.settings"
    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from bryggan.people.models import Household  # noqa: PLC0415

    migrate_seconds, _ = _timed(call_command, "migrate", verbosity=0, skip_checks=True)
    if Household.objects.exists():
        sys.exit("The database already holds households; give an empty one.")
    setup_seconds, fixture = _timed(setup, years, others, timezone.localdate())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SELECT version()")
            server = cursor.fetchone()[0].split(" on ")[0]
        else:
            cursor.execute("ANALYZE")
            cursor.execute("SELECT sqlite_version()")
            server = f"SQLite {cursor.fetchone()[0]}"
    print(f"{server}; one case with {years} years of history among {others:,} others")
    print("rows: " + ", ".join(f"{name} {n:,}" for name, n in fixture.rows.items()))
    print(f"{'setup (bulk_create)':<50}{setup_seconds:7.1f} s (migrate {migrate_seconds:.1f} s)")
    result = measure(fixture, repeat)
    print(f"Python {platform.python_version()} {platform.machine()}, {os.cpu_count()} CPUs on host")
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5, help="of the case's history")
    parser.add_argument("--others", type=int, default=2000, help="households around it")
    parser.add_argument("--database-url", default=os.environ.get("BRYGGAN_DATABASE_URL", ""))
    parser.add_argument("--sqlite", action="store_true", help="a new SQLite file instead")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    payment_run.DATABASE_NAME = DATABASE_NAME  # the cluster helper names the database it makes
    with contextlib.ExitStack() as stack:
        if args.sqlite:
            folder = Path(tempfile.mkdtemp(prefix="bryggan-timeline-"))
            stack.callback(shutil.rmtree, folder, ignore_errors=True)
            url = f"sqlite:///{folder / 'timeline.sqlite3'}"
        else:
            url = args.database_url or stack.enter_context(payment_run.postgres_cluster())
        os.environ["BRYGGAN_DATABASE_URL"] = url
        try:
            return bench(args.years, args.others, args.repeat)
        finally:
            from django.db import connections  # noqa: PLC0415

            connections.close_all()  # before the cluster stops
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
