"""Benchmark: pre-assessing 15,000 renewals in one batch, and the caseworker's queue of proposals.

Run: `.venv/bin/python benchmarks/preassessment.py [--renewals N] [--repeat R]
[--database-url postgres://… | --sqlite]`.

Without `--database-url` (or BRYGGAN_DATABASE_URL) the script starts a throw-away PostgreSQL cluster
as `benchmarks/payment_run.py` does and removes it at the end; `--sqlite` uses a new SQLite file in
a temporary folder. A given database must hold no households; it is migrated and filled.

Setup (timed apart, with `bulk_create`): one unit with payment conditions (personal visit) and
pre-assessment settings (10 % sample, plan required); per renewal a person, a household, last
month's saved calculation and signed decision (rent and a salary), this month's application and
the online application with its two lines; one in five with a changed salary and a document row,
one in ten with a signed visit note this month, one in seven with a signed plan, one in twenty with
a sanction proposal pending, one in fifty with a concern note.

Timed:
- `proposals_create_for_ids` on every renewal in one batch (facts in one query per kind, the
  checks, bulk inserts of proposals and check rows, one history row each): the figure with the
  target of 30 s, run `--repeat` times with the proposals removed in between;
- the queue page (GET /fornyelser/) as a caseworker, with 500 proposals waiting (it shows at most
  500), through Django's test client: the figure with the target of 200 ms; best and median of 7.
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
import uuid
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
import payment_run  # the throw-away cluster, the timer and the personnummer generator

BATCH_TARGET = 30.0
QUEUE_TARGET = 0.200
QUEUE_SIZE = 500
DATABASE_NAME = "bryggan_preassessment"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
BATCH = 2000
_timed = payment_run._timed
_rss_mib = payment_run._rss_mib


def _month(day: date, plus: int = 0) -> str:
    index = day.year * 12 + day.month - 1 + plus
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def setup(count: int, seed: int, now: datetime) -> dict[str, Any]:
    from bryggan.accounts.models import Unit  # noqa: PLC0415
    from bryggan.accounts.roles import Role  # noqa: PLC0415
    from bryggan.accounts.services import user_create  # noqa: PLC0415
    from bryggan.activities.models import SanctionProposal  # noqa: PLC0415
    from bryggan.casefile.models import Document, JournalNote  # noqa: PLC0415
    from bryggan.decisions.models import Decision, PaymentConditions, SavedCalculation  # noqa: PLC0415
    from bryggan.intake.models import Application  # noqa: PLC0415
    from bryggan.mypages.models import ApplicationLine, OnlineApplication  # noqa: PLC0415
    from bryggan.people.models import Household, HouseholdMember, Person  # noqa: PLC0415
    from bryggan.planning.models import ActionPlan, PlanVersion  # noqa: PLC0415
    from bryggan.preassessment.models import PreassessmentSettings  # noqa: PLC0415

    rng = random.Random(seed)
    today = now.astimezone(STOCKHOLM).date()
    month, last = _month(today), _month(today, -1)
    unit = Unit.objects.create(name="Arbete och försörjning Centrum", caseload_cap=20_000)
    PaymentConditions.objects.create(unit=unit, personal_visit=True)
    PreassessmentSettings.objects.create(unit=unit)
    cw = user_create(username="caseworker", role=Role.CASEWORKER, unit=unit, first_name="Karin",
                     last_name="Berg")  # fmt: skip

    def bulk(model: Any, objects: list[Any]) -> list[Any]:
        return model.objects.bulk_create(objects, batch_size=BATCH)

    people = bulk(Person, [
        Person(identity_number=payment_run.identity_number(date(1970, 1, 1) + timedelta(days=n),
               100 + n % 800), identity_kind="personnummer",
               birth_date=date(1970, 1, 1) + timedelta(days=n), first_name="Sara",
               last_name=f"Lind {n}") for n in range(count)])  # fmt: skip
    first_of_last = date.fromisoformat(f"{last}-01")
    homes = bulk(Household, [Household(unit=unit, caseworker=cw, opened_on=first_of_last)
                             for _ in people])  # fmt: skip
    bulk(HouseholdMember, [HouseholdMember(household=h, person=p, role="applicant",
                                           valid_from=first_of_last)
                           for h, p in zip(homes, people, strict=True)])  # fmt: skip
    rent = [rng.randrange(3000, 9000, 50) for _ in homes]
    salary = [rng.choice([0, 0, 2000, 4500, 8000]) for _ in homes]

    def document(p: Person, r: int, s: int, m: str) -> dict[str, Any]:
        incomes = [{"type": "employment", "member": f"p{p.pk}", "amount": s}] if s else []
        return {"month": m, "members": [{"id": f"p{p.pk}", "birth_date": "1980-01-01"}],
                "costs": [{"type": "housing", "amount": r}], "incomes": incomes}  # fmt: skip

    calculations = bulk(SavedCalculation, [
        SavedCalculation(household=h, month=last, norm_year=today.year, amount=9000,
                         input=document(p, r, s, last), result={}, created_by=cw)
        for h, p, r, s in zip(homes, people, rent, salary, strict=True)])  # fmt: skip
    signed_at = now - timedelta(days=25)
    decisions = bulk(Decision, [
        Decision(household=h, month=last, kind="livelihood_support", outcome="granted",
                 calculation=c, calculated_amount=9000, amount=9000, reasons="Rätt till bistånd.",
                 status="signed", created_by=cw, signed_by=cw, signed_at=signed_at,
                 payee_clearing="6000", payee_account="123456789")
        for h, c in zip(homes, calculations, strict=True)])  # fmt: skip
    received = now - timedelta(hours=2)
    applications = bulk(Application, [
        Application(household=h, month=month, received_at=received, channel="e_service",
                    track="standard", registered_by=cw) for h in homes])  # fmt: skip
    changed = [rng.random() < 0.2 for _ in homes]
    onlines = bulk(OnlineApplication, [
        OnlineApplication(application=a, household=h, kind="renewal", month=month,
                          submitted_at=received, submitted_by=cw, idempotency_key=uuid.uuid4(),
                          previous_decision=d,
                          calculation_input=document(p, r, s + 700 * ch, month),
                          preliminary_amount=9000 - 700 * ch)
        for a, h, d, p, r, s, ch in zip(applications, homes, decisions, people, rent, salary,
                                        changed, strict=True)])  # fmt: skip
    documents = {
        o.pk: doc
        for o, doc in zip(
            [o for o, ch in zip(onlines, changed, strict=True) if ch],
            bulk(Document, [
                Document(household_id=o.household_id, direction="incoming", kind="payslip",
                         received_on=today, original_name="lonebesked.pdf",
                         stored_name=f"bench/{o.pk}", content_type="application/pdf", size=1,
                         sha256="0" * 64, uploaded_by=cw, uploaded_at=now)
                for o, ch in zip(onlines, changed, strict=True) if ch]),
            strict=True,
        )
    }  # fmt: skip
    lines = []
    for o, p, r, s, ch in zip(onlines, people, rent, salary, changed, strict=True):
        lines.append(ApplicationLine(online_application=o, position=0, kind="cost",
                                     type="housing", amount=r, previous_amount=r))  # fmt: skip
        if s or ch:
            lines.append(ApplicationLine(online_application=o, position=1, kind="income",
                                         type="employment", member=f"p{p.pk}", amount=s + 700 * ch,
                                         previous_amount=s if s else None,
                                         document=documents.get(o.pk)))  # fmt: skip
    bulk(ApplicationLine, lines)
    visit_at = datetime.combine(today.replace(day=1), clock(10), tzinfo=STOCKHOLM)
    bulk(JournalNote, [
        JournalNote(household=h, kind="visit" if n % 50 else "concern_report", occurred_at=visit_at,
                    created_at=visit_at, updated_at=visit_at, author=cw, text="Besök.",
                    status="signed", signed_at=visit_at, signed_by=cw)
        for n, h in enumerate(homes) if n % 10 == 0 or n % 50 == 1])  # fmt: skip
    plans = bulk(ActionPlan, [ActionPlan(household=h, person=p)
                              for n, (h, p) in enumerate(zip(homes, people, strict=True))
                              if n % 7 == 0])  # fmt: skip
    bulk(PlanVersion, [PlanVersion(plan=plan, number=1, goal="work", written_by="caseworker",
                                   created_by=cw, signed_at=signed_at, signed_how="in_meeting")
                       for plan in plans])  # fmt: skip
    bulk(SanctionProposal, [SanctionProposal(household=h, person=p, month=month, proposed_by=cw)
                            for n, (h, p) in enumerate(zip(homes, people, strict=True))
                            if n % 20 == 3])  # fmt: skip
    return {"ids": [o.pk for o in onlines], "caseworker": cw, "unit": unit}


def _undo() -> None:
    from bryggan.preassessment.models import Proposal, ProposalCheck  # noqa: PLC0415

    # The proposals go; their history rows stay (append-only), so each run appends to a longer
    # chain, as a real month would.
    ProposalCheck.objects.all().delete()
    Proposal.objects.all().delete()


def _line(label: str, times: list[float], unit: str = "s", note: str = "") -> None:
    scale = 1000 if unit == "ms" else 1
    print(f"{label:<46}best {min(times) * scale:8.1f} {unit}   median "
          f"{statistics.median(times) * scale:8.1f} {unit}   {note}")  # fmt: skip


def bench(count: int, repeat: int, seed: int) -> int:  # noqa: PLR0915 - one story
    import django  # noqa: PLC0415

    os.environ["DJANGO_SETTINGS_MODULE"] = "bryggan.settings"
    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import setup_test_environment  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from bryggan.people.models import Household  # noqa: PLC0415
    from bryggan.preassessment.models import Proposal  # noqa: PLC0415
    from bryggan.preassessment.services import proposals_create_for_ids  # noqa: PLC0415

    load_before = os.getloadavg()[0]
    migrate_seconds, _ = _timed(call_command, "migrate", verbosity=0, skip_checks=True)
    if Household.objects.exists():
        sys.exit("The database already holds households; give an empty one.")
    now = timezone.now()
    setup_seconds, fixture = _timed(setup, count, seed, now)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SELECT version()")
            server = cursor.fetchone()[0].split(" on ")[0]
        else:
            cursor.execute("ANALYZE")
            cursor.execute("SELECT sqlite_version()")
            server = f"SQLite {cursor.fetchone()[0]}"
    print(f"{server}; {count:,} renewals; setup {setup_seconds:.1f} s (migrate "
          f"{migrate_seconds:.1f} s)")  # fmt: skip
    batch: list[float] = []
    for run in range(repeat):
        if run:
            _undo()
        seconds, proposals = _timed(
            proposals_create_for_ids, ids=fixture["ids"], now=now, rng=random.Random(seed)
        )
        batch.append(seconds)
    outcomes = {o: Proposal.objects.filter(outcome=o).count() for o in
                ("all_passed", "needs_assessment", "sample")}  # fmt: skip
    _line("pre-assess all renewals in one batch", batch, "s", f"{len(proposals):,} proposals")
    print("outcomes: " + ", ".join(f"{k} {v:,}" for k, v in outcomes.items()))
    # The queue: only the oldest 500 wait; the rest are removed (their checks with them).
    waiting = list(Proposal.objects.order_by("submitted_at", "id").values_list("pk", flat=True))
    for start in range(QUEUE_SIZE, len(waiting), BATCH):
        Proposal.objects.filter(pk__in=waiting[start : start + BATCH]).delete()
    setup_test_environment()
    client = Client()
    client.force_login(fixture["caseworker"])
    url = reverse("preassessment:queue")

    def page() -> bytes:
        answer = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert answer.status_code == 200, answer.status_code
        return answer.content

    page()
    # Counted by a wrapper: the request's start empties the query log that
    # CaptureQueriesContext slices, so it reported 0 for this page.
    statements: list[str] = []

    def counted(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        content = page()
    times = []
    for _ in range(7):
        seconds, content = _timed(page)
        times.append(seconds)
    _line("queue page, 500 proposals waiting", times, "ms",
          f"{len(statements)} queries, {len(content) / 1024:.0f} KiB")  # fmt: skip
    peak = _rss_mib()
    met = min(batch) < BATCH_TARGET and min(times) < QUEUE_TARGET
    print(f"Python {platform.python_version()} {platform.machine()}, {os.cpu_count()} CPUs on host")
    print(
        f"RESULT renewals={count} batch_best={min(batch):.2f}s "
        f"batch_median={statistics.median(batch):.2f}s queue_best={min(times) * 1000:.1f}ms "
        f"queue_median={statistics.median(times) * 1000:.1f}ms "
        f"queries={len(statements)} peak={peak:.0f}MiB "
        f"load={load_before:.1f}->{os.getloadavg()[0]:.1f} target={'met' if met else 'MISSED'}"
    )
    return 0 if met else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renewals", type=int, default=15_000)
    parser.add_argument("--database-url", default=os.environ.get("BRYGGAN_DATABASE_URL", ""))
    parser.add_argument("--sqlite", action="store_true", help="a new SQLite file instead")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args(argv)
    payment_run.DATABASE_NAME = DATABASE_NAME
    with contextlib.ExitStack() as stack:
        if args.sqlite:
            folder = Path(tempfile.mkdtemp(prefix="bryggan-preassessment-"))
            stack.callback(shutil.rmtree, folder, ignore_errors=True)
            url = f"sqlite:///{folder / 'preassessment.sqlite3'}"
        else:
            url = args.database_url or stack.enter_context(payment_run.postgres_cluster())
        os.environ["BRYGGAN_DATABASE_URL"] = url
        try:
            return bench(args.renewals, args.repeat, args.seed)
        finally:
            from django.db import connections  # noqa: PLC0415

            connections.close_all()
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
