"""Benchmark: the måltavla of a unit with 15,000 households on assistance a month, on PostgreSQL.

Run: `.venv/bin/python benchmarks/board.py [--households N] [--years Y] [--repeat R]
[--database-url postgres://…]`.

15,000 households a month: the size of Sweden's largest municipality (shared/DESIGN.md, "Scale").
Without `--database-url` (or BRYGGAN_DATABASE_URL) the script starts a throw-away PostgreSQL cluster
as `benchmarks/payment_run.py` does (127.0.0.1 only, `fsync=off`, every other setting at its
default) and removes it at the end. A given database must hold no households; it is migrated and
filled, and left filled.

Setup (timed apart): one unit whose case flow is simulated month by month from a fixed seed, with a
warm-up of four years so that the five years written are in a steady state: spells of assistance of
1–48 months (45 % short, 35 % 4–12 months, 20 % longer), single months without assistance inside
some spells, a quarter of new spells from households that had assistance before; per month paid
a signed decision and a sent payment (2 % with a second decision, 0.5 % with the payment returned
and paid again), an application for every month paid (4 % of spells after a refused month), a first
meeting for every application that starts a spell (87 % by the deadline of 2 working days), a
closure with its reason when a spell ends (and whether the case was long-term then, as
`case_close` records it), a referral to an activity for 60 % of spells of three
months or more, and a plan signed in the first weeks for 75 % of households. Written with COPY.

Timed, best and median of `--repeat` runs:
- the board counted afresh in the database: `services.assistance_months_refresh` (nothing new to
  read) + `selectors.board_counts` + `board.series_from_counts`, with its query count;
- the board as the page reads it, `board_store.board_figures` (the stored months that are current,
  the others counted and stored): with nothing stored, after a write twelve months back, after a
  write this month (the usual case during a working day) and with nothing written since the last
  read; a write is what its signal does, `board_store.board_stale_from` in this month or a year
  back. Each must equal the board counted afresh or the run fails;
- the whole page: GET /uppfoljning/maltavla/ through Django's test client as the unit manager
  (charts and tables rendered), each after a write this month;
- baselines in the same run: `SELECT count(*)` of the payment table (the least a board read of
  the payments can cost), and the previous route, `selectors.board_inputs` + `board.board_series`
  (the rows read into Python and counted in loops), whose result must equal the database route's
  for every measure and month or the run fails.
Also timed: the first build of `followup.AssistanceMonth` from the payments, and its refresh after
a payment run (the households paid this month rewritten), which the first board read after a run
pays once. Results go in benchmarks/README.md with the date.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import statistics
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import payment_run  # the throw-away cluster and the personnummer generator

TARGET_SECONDS = 0.5
DATABASE_NAME = "bryggan_board"
WARM_UP_MONTHS = 48
REASONS = [("work", 35), ("studies", 10), ("other_income", 20), ("moved", 15), ("other", 20)]
ACTIVITIES = 30


# --- The simulated unit --------------------------------------------------------------------------


def spell_length(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.45:
        return 1 + int(rng.expovariate(1 / 2.5))
    if r < 0.80:
        return rng.randint(4, 12)
    return rng.randint(13, 48)


@dataclass
class World:
    """Rows to write, as tuples; months as `Month.index`."""

    households: set[int] = field(default_factory=set)
    paid: list[tuple[int, int, str, str]] = field(
        default_factory=list
    )  # household, month, kind, status
    applications: list[tuple[int, int, int, datetime, date | None, datetime | None]] = field(
        default_factory=list
    )  # id, household, month, received, meeting deadline, meeting starts
    closures: list[tuple[int, date, str]] = field(default_factory=list)
    referrals: list[tuple[int, int, date, date | None]] = field(default_factory=list)
    signed: dict[int, datetime | None] = field(default_factory=dict)  # household: first signature
    active_at_end: set[int] = field(default_factory=set)


def simulate(households_a_month: int, years: int, today: date, seed: int) -> World:  # noqa: PLR0915
    from bryggan.core.calendar import add_working_days  # noqa: PLC0415
    from bryggan.core.month import Month  # noqa: PLC0415

    rng = random.Random(seed)
    tz = _tz()
    as_of = Month.of(today)
    last, first_written = as_of.index, as_of.index - 12 * years + 1
    start = first_written - WARM_UP_MONTHS
    sampler = random.Random(1)
    mean = statistics.fmean(spell_length(sampler) for _ in range(200_000))
    arrivals = round(households_a_month / mean)
    reasons = [r for r, _ in REASONS]
    weights = [w for _, w in REASONS]

    def month(i: int) -> Month:
        return Month(i // 12, i % 12 + 1)

    def at(day: date, hour: int) -> datetime:
        return datetime.combine(day, clock(hour, rng.randrange(60)), tzinfo=tz)

    world = World()
    next_household = 1
    resting: list[int] = []  # households whose last spell has ended, who may apply again
    ending: dict[int, list[int]] = {}  # month index: households whose spell ended then
    applied: set[tuple[int, int]] = set()
    application_id = 1
    for i in range(start, last + 1):
        resting += ending.pop(i - 2, [])  # back at the earliest a month after the closure
        for _ in range(arrivals):
            if resting and rng.random() < 0.25:
                household = resting.pop(rng.randrange(len(resting)))
            else:
                household, next_household = next_household, next_household + 1
            length = spell_length(rng)
            months = [i + k for k in range(length) if k == 0 or rng.random() >= 0.03]
            end = i + length - 1
            if end < last:
                ending.setdefault(end, []).append(household)
            if end < first_written:  # ended in the warm-up: nothing of it is written
                continue
            world.households.add(household)
            if rng.random() < 0.04 and (household, i - 1) not in applied:
                months_before = [i - 1]  # a refused month before the spell
            else:
                months_before = []
            for m in months_before + months:
                if m > last or m < first_written - 14 or (household, m) in applied:
                    continue
                applied.add((household, m))
                new = (household, m - 1) not in applied
                if new:
                    received = month(m).first_day + timedelta(days=rng.randrange(20))
                    received = min(received, today) if m == last else received
                else:
                    received = month(m).first_day - timedelta(days=rng.randrange(1, 10))
                received_at = at(received, rng.randrange(8, 20))
                deadline = starts = None
                if new:
                    deadline = add_working_days(received, 2)
                    if rng.random() < 0.87:
                        starts_on = min(received + timedelta(days=rng.randrange(1, 3)), deadline)
                    else:
                        starts_on = deadline + timedelta(days=rng.randrange(1, 8))
                    starts = at(starts_on, rng.randrange(9, 16))
                world.applications.append(
                    (application_id, household, m, received_at, deadline, starts)
                )
                application_id += 1
            for m in months:
                if first_written <= m <= last:
                    kind = "emergency" if rng.random() < 0.02 else ""
                    if rng.random() < 0.005:
                        world.paid.append((household, m, "livelihood_support", "returned"))
                    world.paid.append((household, m, "livelihood_support", "sent"))
                    if kind:
                        world.paid.append((household, m, kind, "sent"))
            if end < last:
                closed_on = month(end + 1).first_day + timedelta(days=rng.randrange(28))
                if closed_on <= today:
                    world.closures.append((household, closed_on, rng.choices(reasons, weights)[0]))
            else:
                world.active_at_end.add(household)
            spell_start = month(i).first_day
            if length >= 3 and rng.random() < 0.6:
                accepted = spell_start + timedelta(days=rng.randrange(20, 60))
                ended = None
                if end < last:
                    ended = month(end).last_day - timedelta(days=rng.randrange(20))
                    ended = max(ended, accepted)
                if accepted <= today:
                    world.referrals.append((household, rng.randrange(ACTIVITIES), accepted, ended))
            if household not in world.signed and length >= 2:
                r = rng.random()
                if r < 0.75:
                    signed_on = min(spell_start + timedelta(days=rng.randrange(10, 45)), today)
                    world.signed[household] = at(signed_on, rng.randrange(9, 16))
                elif r < 0.85:
                    world.signed[household] = None  # a draft, never signed
    return world


def _tz() -> Any:
    from django.utils import timezone  # noqa: PLC0415

    return timezone.get_current_timezone()


# --- Writing -------------------------------------------------------------------------------------


def _copy(table: str, columns: str, rows: Iterable[tuple[Any, ...]]) -> None:
    from django.db import connection  # noqa: PLC0415

    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _sql(*statements: str) -> None:
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _reset_ids(*tables: str) -> None:
    _sql(
        *(
            f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT max(id) FROM {t}))"  # noqa: S608 - our table names
            for t in tables
        )
    )


@dataclass
class Fixture:
    unit: Any
    manager: Any
    rows: dict[str, int]


def setup(households_a_month: int, years: int, today: date, seed: int) -> Fixture:
    from django.db import transaction  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from bryggan.accounts.models import Unit  # noqa: PLC0415
    from bryggan.accounts.roles import Role  # noqa: PLC0415
    from bryggan.accounts.services import user_create  # noqa: PLC0415
    from bryggan.core.month import Month  # noqa: PLC0415
    from bryggan.followup.rules import was_long_term_when_closed  # noqa: PLC0415
    from bryggan.payments.models import PaymentRun  # noqa: PLC0415

    world = simulate(households_a_month, years, today, seed)
    unit = Unit.objects.create(name="Arbete och försörjning", caseload_cap=45)
    caseworker = user_create(username="handlaggare", role=Role.CASEWORKER, unit=unit)
    coach = user_create(username="coach", role=Role.WORK_COACH, unit=unit)
    manager = user_create(username="enhetschef", role=Role.UNIT_MANAGER, unit=unit)
    cw, wc = caseworker.pk, coach.pk
    now = timezone.now()
    first_birth = date(1950, 1, 1)
    homes = sorted(world.households)
    runs = {}
    for i in sorted({m for _, m, _, _ in world.paid}):
        m = Month(i // 12, i % 12 + 1)
        run = PaymentRun.objects.create(
            kind="monthly", message_id=f"BENCH-{m}", execution_date=m.first_day,
            payment_count=0, total=0, file=b"", checksum="0" * 64, created_by=caseworker,
        )  # fmt: skip
        runs[i] = run.pk

    def month(i: int) -> str:
        return str(Month(i // 12, i % 12 + 1))

    with transaction.atomic():
        _copy(
            "people_person",
            "id, created_at, updated_at, identity_number, identity_kind, birth_date, first_name, "
            "last_name, address, protected_identity",
            (
                (
                    h, now, now,
                    payment_run.identity_number(
                        first_birth + timedelta(days=h % 18_000), 100 + h // 18_000
                    ),
                    "personnummer", first_birth + timedelta(days=h % 18_000),
                    f"Förnamn{h}", f"Efternamn{h}", f"Storgatan {h % 200 + 1}", False,
                )
                for h in homes
            ),
        )  # fmt: skip
        closed_last = {h: d for h, d, _ in world.closures}
        _copy(
            "people_household",
            "id, created_at, updated_at, status, opened_on, closed_on, caseworker_id, unit_id",
            (
                (
                    h, now, now,
                    "active" if h in world.active_at_end else "closed",
                    date(2000, 1, 1),
                    None if h in world.active_at_end else closed_last.get(h, today),
                    cw, unit.pk,
                )
                for h in homes
            ),
        )  # fmt: skip
        _copy(
            "people_householdmember",
            "id, role, valid_from, household_id, person_id",
            ((h, "applicant", date(2000, 1, 1), h, h) for h in homes),
        )
        _sql(
            "CREATE TEMP TABLE gen_paid (id bigint, household_id bigint, month varchar(7), "
            "kind varchar(30), status varchar(10), run_id bigint)"
        )
        _copy(
            "gen_paid",
            "id, household_id, month, kind, status, run_id",
            (
                (n, h, month(i), kind, status, runs[i])
                for n, (h, i, kind, status) in enumerate(world.paid, start=1)
            ),
        )
        _sql(
            "INSERT INTO decisions_savedcalculation (id, month, norm_year, amount, input, result, "  # noqa: S608 - ids only
            f"created_at, created_by_id, household_id) SELECT id, month, "
            f"CAST(SUBSTR(month, 1, 4) AS INTEGER), 1000 + id % 9000, '{{}}', '{{}}', now(), {cw}, "
            "household_id FROM gen_paid",
            "INSERT INTO decisions_decision (id, created_at, updated_at, month, kind, outcome, "  # noqa: S608 - ids only
            "calculated_amount, amount, deviation_reason, reasons, documents_checked, "
            "personal_visit_held, registered_at_af, payee_clearing, payee_account, status, "
            "signed_at, notified_on, calculation_id, created_by_id, household_id, signed_by_id) "
            "SELECT id, now(), now(), month, kind, 'granted', 1000 + id % 9000, 1000 + id % 9000, "
            "'', 'Hushållet saknar medel för sin försörjning; rätt till bistånd.', "
            '\'["identity", "rent_contract", "bank_statements"]\', true, true, \'6000\', '
            f"'123456789', 'signed', now(), CURRENT_DATE, id, {cw}, household_id, {cw} "
            "FROM gen_paid",
            "INSERT INTO payments_payment (id, amount, clearing, account, end_to_end_id, status, "
            "status_reason, decision_id, run_id) SELECT id, 1000 + id % 9000, '6000', "
            "'123456789', 'BENCH-' || id, status, '', id, run_id FROM gen_paid",
            "DROP TABLE gen_paid",
        )
        _copy(
            "intake_application",
            "id, created_at, updated_at, month, received_at, channel, track, household_id, "
            "registered_by_id",
            (
                (n, now, now, month(i), received, "e_service", "standard", h, cw)
                for n, h, i, received, _, _ in world.applications
            ),
        )
        _copy(
            "intake_firstmeeting",
            "id, created_at, updated_at, starts_at, deadline, status, application_id, "
            "caseworker_id",
            (
                (n, now, now, starts, deadline, "held", n, cw)
                for n, _, _, _, deadline, starts in world.applications
                if deadline is not None
            ),
        )
        sent: dict[int, set[Month]] = {}
        for h, i, _, status in world.paid:
            if status == "sent":
                sent.setdefault(h, set()).add(Month(i // 12, i % 12 + 1))
        _copy(  # with the flag `case_close` records
            "followup_closure",
            "id, closed_on, reason, note, created_at, closed_by_id, household_id, long_term",
            (
                (
                    n, closed_on, reason, "", now, cw, h,
                    was_long_term_when_closed(sent.get(h, set()), closed_on=closed_on),
                )
                for n, (h, closed_on, reason) in enumerate(world.closures, start=1)
            ),
        )  # fmt: skip
        _copy(
            "activities_activity",
            "id, created_at, updated_at, name, provider, kind, target_group, capacity, starts_on, "
            "ends_on, weekdays, created_by_id, unit_id",
            (
                (n + 1, now, now, f"Aktivitet {n + 1}", "municipal_unit", "work_training", "all",
                 500, date(2015, 1, 1), date(2035, 12, 31), "12345", wc, unit.pk)
                for n in range(ACTIVITIES)
            ),
        )  # fmt: skip
        _copy(
            "activities_referral",
            "id, created_at, updated_at, status, referred_on, accepted_on, started_on, ended_on, "
            "outcome, activity_id, household_id, person_id, referred_by_id",
            (
                (n, now, now, "ended" if ended else "started", accepted - timedelta(days=7),
                 accepted, accepted + timedelta(days=3), ended, "", activity + 1, h, h, wc)
                for n, (h, activity, accepted, ended) in enumerate(world.referrals, start=1)
            ),
        )  # fmt: skip
        plans = sorted(world.signed)
        _copy(
            "planning_actionplan",
            "id, created_at, updated_at, household_id, person_id",
            ((h, now, now, h, h) for h in plans),
        )
        _copy(
            "planning_planversion",
            "id, created_at, updated_at, number, goal, goal_text, consequences, written_by, "
            "signed_at, signed_how, created_by_id, plan_id, signature_recorded_by_id",
            (
                (h, now, now, 1, "work", "Arbete", "", "caseworker", world.signed[h],
                 "in_meeting" if world.signed[h] else "", cw, h,
                 cw if world.signed[h] else None)
                for h in plans
            ),
        )  # fmt: skip
        _reset_ids(
            "people_person", "people_household", "people_householdmember",
            "decisions_savedcalculation", "decisions_decision", "payments_payment",
            "intake_application", "intake_firstmeeting", "followup_closure",
            "activities_activity", "activities_referral", "planning_actionplan",
            "planning_planversion",
        )  # fmt: skip
    rows = {
        "households": len(homes),
        "decisions and payments": len(world.paid),
        "applications": len(world.applications),
        "first meetings": sum(1 for a in world.applications if a[4] is not None),
        "closures": len(world.closures),
        "referrals": len(world.referrals),
        "plans": len(plans),
    }
    return Fixture(unit=unit, manager=manager, rows=rows)


# --- The measurement -----------------------------------------------------------------------------


# The payment run benchmark's timer and peak-memory reading, the same here.
_rss_mib = payment_run._rss_mib
_timed = payment_run._timed


def _repeat(function: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times, value = [], None
    for _ in range(repeat):
        seconds, value = _timed(function)
        times.append(seconds)
    return times, value


def _line(label: str, times: list[float], note: str = "") -> None:
    line = f"{label:<58}best {min(times):7.3f} s   median {statistics.median(times):7.3f} s  {note}"
    print(line.rstrip())


@contextlib.contextmanager
def _queries() -> Iterator[list[int]]:
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    found: list[int] = []
    with CaptureQueriesContext(connection) as captured:
        yield found
    found.append(len(captured.captured_queries))


def measure(fixture: Fixture, today: date, repeat: int) -> int:  # noqa: PLR0915 - one report
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import setup_test_environment  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    from bryggan.core.month import Month  # noqa: PLC0415
    from bryggan.followup import board  # noqa: PLC0415
    from bryggan.followup.board_store import (  # noqa: PLC0415
        ALL_MONTHS,
        board_figures,
        board_stale_from,
    )
    from bryggan.followup.models import AssistanceMonthsState  # noqa: PLC0415
    from bryggan.followup.selectors import board_counts, board_inputs  # noqa: PLC0415
    from bryggan.followup.services import assistance_months_refresh  # noqa: PLC0415
    from bryggan.payments.models import Payment  # noqa: PLC0415
    from bryggan.people.models import Household  # noqa: PLC0415

    as_of = Month.of(today)
    months = board.board_months(as_of)

    build_seconds, _ = _timed(assistance_months_refresh)  # the first read builds the table
    _sql("VACUUM ANALYZE followup_assistancemonth")
    last = Payment.objects.order_by("-id").values_list("id", flat=True)[0]
    this_run = Payment.objects.filter(decision__month=str(as_of)).count()

    def after_a_payment_run() -> None:  # as if this month's run had just been made
        AssistanceMonthsState.objects.update(last_payment_id=last - this_run)
        assistance_months_refresh()

    refresh_times, _ = _repeat(after_a_payment_run, max(1, min(repeat, 3)))

    def database_route() -> list[board.Series]:
        assistance_months_refresh()  # nothing new: one lock and one max(id)
        counts = board_counts(fixture.unit, as_of=as_of, today=today)
        return board.series_from_counts(counts, months)

    a_household = Household.objects.filter(unit=fixture.unit).values_list("pk", flat=True)[0]

    def stored_route(stale_from: int | None) -> Callable[[], list[board.Series]]:
        def read() -> list[board.Series]:
            assistance_months_refresh()
            counts = board_figures(fixture.unit, as_of=as_of, today=today)
            return board.series_from_counts(counts, months)

        def after_a_write() -> list[board.Series]:
            # What the signals of a write do (an application, a meeting, a closure … in that
            # month), in the write's transaction; then the board is read.
            if stale_from is not None:
                board_stale_from([a_household], stale_from)
            return read()

        return after_a_write

    def python_route() -> list[board.Series]:
        inputs = board_inputs(fixture.unit, as_of=as_of)
        return board.board_series(inputs, as_of=as_of, today=today)

    def count_payments() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM payments_payment")
            return int(cursor.fetchone()[0])

    setup_test_environment()  # the test client's host name, as in the test suite
    client = Client()
    client.force_login(fixture.manager)
    url = reverse("followup:board")

    def page() -> bytes:
        answer = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert answer.status_code == 200, answer.status_code
        return answer.content

    database_route()  # warm the connection and PostgreSQL's caches alike for every route
    with _queries() as route_queries:
        database_route()
    db_times, counted = _repeat(database_route, repeat)
    stored: dict[str, list[float]] = {}
    for label, stale_from in (
        ("nothing stored (every month counted)", ALL_MONTHS),
        ("a write 12 months back (13 months counted)", as_of.plus(-12).index),
        ("a write this month (this month counted)", as_of.index),
        ("nothing written since the last read", None),
    ):
        stored[label], figures = _repeat(stored_route(stale_from), repeat)
        if figures != counted:
            sys.exit(f"The stored board ({label}) and the board counted afresh disagree.")
    with _queries() as page_queries:
        page()

    def page_after_a_write() -> bytes:
        board_stale_from([a_household], as_of.index)
        return page()

    page_times, content = _repeat(page_after_a_write, repeat)
    count_times, payments = _repeat(count_payments, repeat)
    python_times, pure = _repeat(python_route, max(1, min(repeat, 2)))
    same = {s.key: (s.values, s.extra) for s in counted} == {
        s.key: (s.values, s.extra) for s in pure
    }
    if not same:
        for a, b in zip(counted, pure, strict=True):
            if (a.values, a.extra) != (b.values, b.extra):
                print(f"MISMATCH {a.key}: database {a.values} python {b.values}")
        sys.exit("The database route and the Python route disagree.")

    households = dict(zip([str(m) for m in months], counted[0].values, strict=True))
    long_term = counted[1].values[-1]
    print(
        f"households paid this month {households[str(as_of)]:,}, over 24 months "
        f"{min(households.values()):,}–{max(households.values()):,}; long-term now {long_term:,}; "
        f"average time {counted[5].values[-1]} months; {payments:,} payments in all"
    )
    _line(
        "board counted afresh (all 24 months)",
        db_times,
        f"{route_queries[0]} queries",
    )
    for label, times in stored.items():
        _line(f"stored board, {label}", times)
    _line(
        "whole page, after a write this month",
        page_times,
        f"{page_queries[0]} queries, {len(content) / 1024:.0f} KiB, target < {TARGET_SECONDS} s",
    )
    _line("baseline: SELECT count(*) FROM payments", count_times)
    print(f"{'months with assistance: first build':<58}{build_seconds:7.3f} s")
    _line(f"  refresh after a run of {this_run:,} payments", refresh_times)
    _line("previous route: rows into Python, loops", python_times, "same numbers: yes")
    page_ratio = statistics.median(page_times) / statistics.median(count_times)
    python_ratio = statistics.median(python_times) / statistics.median(db_times)
    print(
        f"{'ratios (medians)':<58}page / count(*) {page_ratio:.1f} ×, "
        f"Python route / database route {python_ratio:.1f} ×"
    )
    peak = _rss_mib()
    print(f"{'peak memory (ru_maxrss)':<58}{peak:7.0f} MiB")
    met = min(page_times) < TARGET_SECONDS
    print(
        "RESULT "
        + " ".join(f"stored{k}_best={min(t):.3f}s" for k, t in enumerate(stored.values()))
        + f" route_best={min(db_times):.3f}s route_median={statistics.median(db_times):.3f}s "
        f"page_best={min(page_times):.3f}s page_median={statistics.median(page_times):.3f}s "
        f"count_best={min(count_times):.3f}s python_best={min(python_times):.3f}s "
        f"build={build_seconds:.2f}s refresh_best={min(refresh_times):.3f}s "
        f"queries={route_queries[0]}/{page_queries[0]} peak={peak:.0f}MiB "
        f"target={'met' if met else 'MISSED'}"
    )
    return 0 if met else 1


def bench(households: int, years: int, repeat: int, seed: int) -> int:
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
    today = timezone.localdate()
    setup_seconds, fixture = _timed(setup, households, years, today, seed)
    _sql("VACUUM ANALYZE")  # what autovacuum would do after the month's writing; not timed
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        server = cursor.fetchone()[0].split(" on ")[0]
    print(
        f"{server}; one unit, about {households:,} households a month, {years} years; today {today}"
    )
    print("rows: " + ", ".join(f"{name} {n:,}" for name, n in fixture.rows.items()))
    print(
        f"{'setup (simulate + COPY)':<58}{setup_seconds:7.1f} s (migrate {migrate_seconds:.1f} s)"
    )
    result = measure(fixture, today, repeat)
    print(f"Python {platform.python_version()} {platform.machine()}, {os.cpu_count()} CPUs on host")
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=15_000, help="on assistance a month")
    parser.add_argument("--years", type=int, default=5, help="of payment history")
    parser.add_argument("--database-url", default=os.environ.get("BRYGGAN_DATABASE_URL", ""))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args(argv)
    payment_run.DATABASE_NAME = DATABASE_NAME  # the cluster helper names the database it makes
    with contextlib.ExitStack() as stack:
        url = args.database_url or stack.enter_context(payment_run.postgres_cluster())
        os.environ["BRYGGAN_DATABASE_URL"] = url
        try:
            return bench(args.households, args.years, args.repeat, args.seed)
        finally:
            from django.db import connections  # noqa: PLC0415

            connections.close_all()  # before the cluster stops
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
